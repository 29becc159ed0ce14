// `runbook run FILE…`: run, report drift, optionally record snapshots.
import { exitCodeFor } from './exit-codes.js';
import { finishReport } from './reporting.js';
import { runnerVersion } from './version.js';
import { executeWithFlags, type RunFlags } from './run-flags.js';

export interface RunCommandOptions extends RunFlags {
  record: boolean;
  step: boolean;
}

/** Runs the runbooks and returns the exit code. */
export async function runCommand(files: string[], options: RunCommandOptions): Promise<number> {
  const { executed, interrupted, stale, reporter } = await executeWithFlags(files, options, options.step ? (await import('./confirm.js')).confirmOnTerminal() : undefined);
  // A snapshot is a whole run: an interrupted one is not recorded.
  if (options.record && !interrupted) {
    const { recordSnapshot } = await import('../snapshot/record.js');
    for (const { loaded, result } of executed) {
      const path = await recordSnapshot(result, runnerVersion(), loaded.config.redact, !!options.lab);
      process.stderr.write(`recorded ${path}\n`);
    }
  }
  const totals = finishReport(reporter, executed.map((e) => e.result), options);
  return exitCodeFor(totals, interrupted, stale);
}
