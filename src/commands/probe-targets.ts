// `plan --check`: starts the shell of every target a runbook uses and runs
// `true` there, nothing of the runbook; says which targets can be used.
import { describeTransport } from '../plan/describe-transport.js';
import { unusableFix } from '../run/unusable-target.js';
import { createSessionPool } from '../sessions/pool.js';
import type { LoadedRunbook } from './load-runbook.js';

export interface Probe {
  target: string;
  transport: string;
  usable: boolean;
  /** The transport's own words when it cannot be used, and the fix. */
  error?: string;
  fix?: string;
}

const PROBE_TIMEOUT_MS = 30_000;

/** Probes each target the runbook's steps use, in order of first use; `via` hops are started as a real run would. */
export async function probeTargets(loaded: LoadedRunbook): Promise<Probe[]> {
  const names = [...new Set(loaded.runbook.steps.map((s) => s.target))];
  const pool = createSessionPool(loaded.targets, { outputCap: loaded.config.outputCap });
  try {
    const probes: Probe[] = [];
    for (const target of names) {
      const spec = loaded.targets[target];
      const transport = describeTransport(target, loaded.targets);
      const ex = await pool.session(target).run('true', { timeoutMs: PROBE_TIMEOUT_MS });
      const error = ex.error ?? (ex.timedOut ? `its shell did not answer within ${PROBE_TIMEOUT_MS / 1000}s` : ex.exitCode !== 0 ? `\`true\` exited ${ex.exitCode}` : undefined);
      probes.push(error === undefined ? { target, transport, usable: true } : { target, transport, usable: false, error, fix: unusableFix(target, spec) });
    }
    return probes;
  } finally {
    await pool.closeAll();
  }
}

/** The probes as text: one line per target, the error and fix under an unusable one. */
export function renderProbes(file: string, probes: Probe[]): string {
  const out = [`${file}: targets`];
  for (const p of probes) {
    out.push(`  ${p.usable ? 'ok  ' : 'FAIL'} ${p.target} (${p.transport})`);
    if (!p.usable) out.push(`       ${p.error!.split('\n').join('\n       ')}`, `       fix: ${p.fix}`);
  }
  return out.join('\n');
}
