// Every target a runbook uses must be defined before anything runs: in config,
// or by a shell-switch line of the runbook itself (`multipass shell vm1`).
// A name that is only in a prompt is an error naming where it is first used,
// with the YAML to add.
import type { Config, TargetSpec } from '../config/schema.js';
import { InputError } from '../errors.js';
import { indexLines } from '../markdown/source-lines.js';
import { matchPrompt } from '../markdown/prompts.js';
import type { Runbook } from '../markdown/types.js';

const isLocal = (s: TargetSpec | undefined) => s === 'local' || (s !== undefined && 'local' in s && !s.via);

// Implied definitions, first switch line wins; `via` a local target is dropped (it adds nothing).
function impliedTargets(runbook: Runbook, configured: Record<string, TargetSpec>): Record<string, TargetSpec> {
  // Prototype-less maps: a host named `constructor` or `toString` is a name like any other.
  const implied: Record<string, TargetSpec> = Object.create(null);
  for (const m of runbook.mentions) {
    if (m.implied && !Object.hasOwn(configured, m.name) && !Object.hasOwn(implied, m.name)) implied[m.name] = m.implied;
  }
  for (const [name, spec] of Object.entries(implied)) {
    if (spec !== 'local' && spec.via && isLocal((Object.hasOwn(configured, spec.via) ? configured[spec.via] : undefined) ?? (spec.via === 'local' ? 'local' : undefined))) {
      const { via: _, ...rest } = spec;
      implied[name] = rest as TargetSpec;
    }
  }
  return implied;
}

// The YAML a person adds for an unknown name: `local` for the machine the runbook starts on or switches from, else ssh.
function suggestion(name: string, runbook: Runbook, implied: Record<string, TargetSpec>): string {
  const first = runbook.steps.find((s) => !s.annotations.skip);
  const switchesFrom = Object.values(implied).some((s) => s !== 'local' && s.via === name);
  if (name === 'local' || switchesFrom || (first?.target === name && first.targetSource === 'prompt')) return `${name}: local`;
  const lines = indexLines(runbook.source);
  for (const m of runbook.mentions) {
    if (m.name !== name || m.via !== 'prompt') continue;
    const text = lines[m.line - 1]?.text.replace(/^[ \t>]*/, '') ?? '';
    const p = matchPrompt(text);
    if (p?.user) return `${name}: { ssh: ${p.user}@${name} }`;
  }
  return `${name}: { ssh: ${name} }`;
}

// Fields of a spec whose value reaches a transport's argv as a name.
const NAME_FIELDS = ['ssh', 'multipass', 'kubectl', 'namespace', 'container', 'context', 'docker', 'podman', 'netns'] as const;

// A name that starts with `-` would be read as an option (`--kubeconfig=…` runs
// another kubeconfig's exec plugin); whitespace or control characters are never a name.
function badName(spec: TargetSpec): { field: string; value: string } | undefined {
  if (spec === 'local') return undefined;
  for (const field of NAME_FIELDS) {
    const value = (spec as Record<string, unknown>)[field];
    if (typeof value === 'string' && (value === '' || value.startsWith('-') || /[\s\x00-\x1f\x7f]/.test(value))) return { field, value };
  }
  return undefined;
}

/** The targets a runbook can use (config, implied by switch lines, `local`), and one error per unknown name. */
export function resolveTargets(runbook: Runbook, config: Config): { targets: Record<string, TargetSpec>; errors: InputError[] } {
  const implied = impliedTargets(runbook, config.targets);
  const targets: Record<string, TargetSpec> = Object.assign(Object.create(null), { local: 'local' }, implied, config.targets);
  const firstUse = new Map<string, { line: number; how: string }>();
  const use = (name: string, line: number, how: string) => {
    if (!firstUse.has(name)) firstUse.set(name, { line, how });
  };
  for (const s of runbook.steps) {
    if (s.annotations.skip) continue;
    const how = { prompt: 'a prompt', on: 'on=', default: 'the default target', switch: 'a shell switch line', local: 'the local fallback' }[s.targetSource];
    use(s.target, s.line, `used by ${how}`);
  }
  const errors: InputError[] = [];
  for (const name of [...firstUse.keys()]) {
    let spec = targets[name];
    const chain = [name];
    for (let hops = 0; spec !== undefined && spec !== 'local' && spec.via && hops < 16; hops++) {
      const line = runbook.mentions.find((m) => m.name === name && m.via === 'switch')?.line ?? firstUse.get(name)!.line;
      if (chain.includes(spec.via)) {
        errors.push(
          new InputError(
            `target '${name}' reaches itself through via: ${[...chain, spec.via].join(' → ')}`,
            `${runbook.file}:${line}`,
            'end the via chain at a target without via (local, ssh, multipass, …)',
          ),
        );
        break;
      }
      chain.push(spec.via);
      use(spec.via, line, `named as via of target '${name}'`);
      spec = targets[spec.via];
    }
  }
  for (const [name, { line, how }] of [...firstUse].sort((a, b) => a[1].line - b[1].line)) {
    if (Object.hasOwn(targets, name)) {
      const bad = badName(targets[name]!);
      if (bad) {
        errors.push(
          new InputError(
            `target '${name}': ${bad.field} name ${JSON.stringify(bad.value)} ${bad.value.startsWith('-') ? 'starts with "-" and would be read as an option' : 'is empty or holds whitespace or control characters'}`,
            `${runbook.file}:${line}`,
            `give ${bad.field}: the real name of the ${bad.field === 'ssh' ? 'host' : bad.field === 'namespace' ? 'namespace' : 'machine, pod or container'}`,
          ),
        );
      }
      continue;
    }
    errors.push(
      new InputError(
        `unknown target '${name}' (${how}): it is not in the config and no shell-switch line defines it`,
        `${runbook.file}:${line}`,
        `add it to the frontmatter under runbook: targets: (or to runbook.config.yaml under targets:), e.g.\n    runbook:\n      targets:\n        ${suggestion(name, runbook, implied)}`,
      ),
    );
  }
  return { targets, errors };
}
