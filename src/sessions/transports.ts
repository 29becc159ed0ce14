// Transports: how to start a program on a target, as a plain object keyed by
// the word the user types in the config (`ssh`, `netns`, …). Each one wraps an
// argv; `via: T` wraps the result once more with T's transport, so kubectl
// typed on vm1 runs as `multipass exec vm1 -- kubectl exec -i pod -- …`.
// Nothing here is ever pasted into a local shell: every hop is an argv, and
// only ssh (whose remote side is a shell) gets a quoted command string.
import type { TargetSpec } from '../config/schema.js';
import { InputError } from '../errors.js';
import { shellQuote } from './quote.js';
import { randomHex } from './random-hex.js';

/** Per-run state the ssh transport needs: where control sockets and known hosts live. */
export interface TransportContext {
  /** Path prefix for per-run files, e.g. `/tmp/rb-1a2b3c4d5e6f`; `/tmp` exists on every hop. */
  runPrefix: string;
}

/** A fresh context; the pool makes one per run. */
export function newTransportContext(): TransportContext {
  return { runPrefix: `/tmp/rb-${randomHex(6)}` };
}

const defaultContext = newTransportContext();

type Wrap<S> = (spec: S, argv: string[], ctx: TransportContext) => string[];
type Specs = Exclude<TargetSpec, 'local'>;
type Pick<K extends string> = Extract<Specs, Record<K, unknown>>;

// Options every ssh hop gets: no prompts, one reused connection per host, host keys kept per run, no endless connect.
export function sshOptions(ctx: TransportContext): string[] {
  return [
    '-o', 'BatchMode=yes',
    '-o', 'ControlMaster=auto',
    '-o', `ControlPath=${ctx.runPrefix}-%C`,
    '-o', 'ControlPersist=60',
    '-o', 'StrictHostKeyChecking=accept-new',
    '-o', `UserKnownHostsFile=${ctx.runPrefix}-known_hosts`,
    '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=20',
  ];
}

// Connection flags of one ssh target, shared with `ssh -O exit`. The user's `options` come first:
// ssh keeps the first value it reads, so they override the defaults.
export function sshTargetFlags(spec: Pick<'ssh'>, ctx: TransportContext): string[] {
  const flags: string[] = [];
  if (spec.port !== undefined) flags.push('-p', String(spec.port));
  if (spec.identity !== undefined) flags.push('-i', spec.identity);
  for (const o of spec.options ?? []) flags.push(...(o.startsWith('-') ? [o] : ['-o', o]));
  return [...flags, ...sshOptions(ctx)];
}

/** The transports, keyed by the config word. */
export const transports: {
  ssh: Wrap<Pick<'ssh'>>;
  multipass: Wrap<Pick<'multipass'>>;
  kubectl: Wrap<Pick<'kubectl'>>;
  docker: Wrap<Pick<'docker'>>;
  podman: Wrap<Pick<'podman'>>;
  netns: Wrap<Pick<'netns'>>;
  command: Wrap<Pick<'command'>>;
} = {
  ssh: (s, argv, ctx) => ['ssh', '-T', ...sshTargetFlags(s, ctx), '--', s.ssh, argv.map(shellQuote).join(' ')],
  multipass: (s, argv) => ['multipass', 'exec', s.multipass, '--', ...argv],
  kubectl: (s, argv) => [
    'kubectl', 'exec', '-i',
    ...(s.context ? ['--context', s.context] : []),
    ...(s.namespace ? ['-n', s.namespace] : []),
    s.kubectl,
    ...(s.container ? ['-c', s.container] : []),
    '--', ...argv,
  ],
  docker: (s, argv) => ['docker', 'exec', '-i', s.docker, ...argv],
  podman: (s, argv) => ['podman', 'exec', '-i', s.podman, ...argv],
  netns: (s, argv) => ['ip', 'netns', 'exec', s.netns, ...argv],
  command: (s, argv) => [...s.command, ...argv],
};

/** The config word of a spec: `local`, `ssh`, `netns`, … (what `plan` shows). */
export function transportName(spec: TargetSpec): 'local' | keyof typeof transports {
  if (spec === 'local') return 'local';
  for (const key of Object.keys(transports) as (keyof typeof transports)[]) if (key in spec) return key;
  return 'local';
}

// Wraps one argv with one target's own transport, without its `via`.
function wrapOnce(spec: TargetSpec, argv: string[], ctx: TransportContext): string[] {
  const name = transportName(spec);
  if (name === 'local') return argv;
  return (transports[name] as Wrap<TargetSpec>)(spec, argv, ctx);
}

// The real argv that runs `argv` on `target`, through every `via` hop; plan and sessions both use it.
export function argvFor(
  target: string,
  targets: Record<string, TargetSpec>,
  argv: string[],
  ctx: TransportContext = defaultContext,
): string[] {
  const seen: string[] = [];
  let name: string | undefined = target;
  let out = argv;
  while (name !== undefined) {
    if (seen.includes(name)) {
      throw new InputError(`target "${target}" has a via cycle: ${[...seen, name].join(' → ')}`, undefined,
        'remove one of the `via:` keys so the chain ends at a target without `via`');
    }
    seen.push(name);
    const spec: TargetSpec | undefined = targets[name];
    if (spec === undefined) {
      const how = seen.length > 1 ? `named in \`via:\` of "${seen[seen.length - 2]}"` : 'used';
      throw new InputError(`unknown target "${name}" ${how}`, undefined,
        `add it under runbook.targets, e.g. \`${name}: local\` or \`${name}: { ssh: user@host }\``);
    }
    out = wrapOnce(spec, out, ctx);
    name = spec === 'local' ? undefined : spec.via;
  }
  return out;
}

/** The shell a target's session runs: `bash --noprofile --norc` unless the target says `shell:`. */
export function shellArgv(spec: TargetSpec): string[] {
  const shell = spec === 'local' ? undefined : spec.shell;
  return [shell ?? 'bash', '--noprofile', '--norc'];
}
