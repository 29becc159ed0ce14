// `runbook check [PATH…]`: the CI docs-drift check. Folders expand to their
// runbooks; runbooks are never written.
import { exitCodeFor } from '../cli/exit-codes.js';
import { finishReport } from '../cli/reporting.js';
import { findRunbooks } from './find-runbooks.js';
import { executeWithFlags, type RunFlags } from './run-flags.js';

/** Runs every runbook under the paths (default `runbooks/`) and returns the exit code. */
export async function checkCommand(paths: string[], options: RunFlags): Promise<number> {
  const files = findRunbooks(paths.length > 0 ? paths : ['runbooks']);
  const { executed, interrupted, stale, reporter, warnings } = await executeWithFlags(files, options);
  const totals = finishReport(reporter, executed.map((e) => e.result), options);
  // CI must notice what would otherwise pass in silence: a block nothing in which runs, a runbook with no step.
  const silent = warnings.filter((w) => w.failsCheck);
  const failing = silent.length > 0 ? [`check fails on ${silent.length} warning${silent.length === 1 ? '' : 's'} above (${silent.map((w) => w.where).join(', ')})`] : [];
  return exitCodeFor(totals, interrupted, [...stale, ...failing]);
}
