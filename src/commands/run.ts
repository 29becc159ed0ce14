// `runbook run FILE…`: run, report drift, optionally record snapshots.
import { confirmOnTerminal } from '../cli/confirm.js';
import { exitCodeFor } from '../cli/exit-codes.js';
import { createReporter, finishReport, type ReportingOptions } from '../cli/reporting.js';
import { runnerVersion } from '../cli/version.js';
import type { Selection } from '../run/select-steps.js';
import { recordSnapshot } from '../snapshot/record.js';
import { execute } from './execute.js';

export interface RunCommandOptions extends ReportingOptions {
  config?: string;
  selection: Selection;
  bail: boolean;
  jobs: number;
  record: boolean;
  step: boolean;
  replay: boolean;
}

/** Runs the runbooks and returns the exit code. */
export async function runCommand(files: string[], options: RunCommandOptions): Promise<number> {
  const reporter = createReporter(options);
  const { executed, interrupted, stale } = await execute({
    files,
    ...(options.config ? { configFile: options.config } : {}),
    selection: options.selection,
    bail: options.bail,
    jobs: options.jobs,
    replay: options.replay,
    reporter,
    ...(options.step ? { confirm: confirmOnTerminal() } : {}),
  });
  const results = executed.filter(Boolean).map((e) => e.result);
  // A snapshot is a whole run: an interrupted one is not recorded.
  if (options.record && !interrupted) {
    for (const { loaded, result } of executed) {
      const path = await recordSnapshot(result, runnerVersion(), loaded.config.redact);
      process.stderr.write(`recorded ${path}\n`);
    }
  }
  const totals = finishReport(reporter, results, options);
  return exitCodeFor(totals, interrupted, stale);
}
