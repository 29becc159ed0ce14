// `runbook check [PATH…]`: the CI docs-drift check. Folders expand to their
// runbooks; runbooks are never written.
import { exitCodeFor } from '../cli/exit-codes.js';
import { createReporter, finishReport, type ReportingOptions } from '../cli/reporting.js';
import type { Selection } from '../run/select-steps.js';
import { execute } from './execute.js';
import { findRunbooks } from './find-runbooks.js';

export interface CheckCommandOptions extends ReportingOptions {
  config?: string;
  selection: Selection;
  bail: boolean;
  jobs: number;
  replay: boolean;
}

/** Runs every runbook under the paths (default `runbooks/`) and returns the exit code. */
export async function checkCommand(paths: string[], options: CheckCommandOptions): Promise<number> {
  const files = findRunbooks(paths.length > 0 ? paths : ['runbooks']);
  const reporter = createReporter(options);
  const { executed, interrupted, stale } = await execute({
    files,
    ...(options.config ? { configFile: options.config } : {}),
    selection: options.selection,
    bail: options.bail,
    jobs: options.jobs,
    replay: options.replay,
    reporter,
  });
  const totals = finishReport(reporter, executed.map((e) => e.result), options);
  return exitCodeFor(totals, interrupted, stale);
}
