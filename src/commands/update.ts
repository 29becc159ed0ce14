// `runbook update FILE…`: run, then rewrite each runbook in place with fresh
// output — only after the whole run ended, never after an interrupt.
import { exitCodeFor } from '../cli/exit-codes.js';
import { createReporter, finishReport, type ReportingOptions } from '../cli/reporting.js';
import type { Selection } from '../run/select-steps.js';
import { resolveClasses } from '../match/volatile-classes.js';
import { applyPatch } from '../update/apply-patch.js';
import { assertUnchangedOnDisk } from '../update/assert-unchanged.js';
import { planUpdate } from '../update/plan-update.js';
import { renderPatch } from '../update/render-patch.js';
import { writeAtomically } from '../update/write-atomically.js';
import { execute } from './execute.js';

export interface UpdateCommandOptions extends ReportingOptions {
  config?: string;
  selection: Selection;
  bail: boolean;
  jobs: number;
  replay: boolean;
  dryRun: boolean;
}

/** Runs the runbooks, rewrites what drifted, and returns the exit code. */
export async function updateCommand(files: string[], options: UpdateCommandOptions): Promise<number> {
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
  if (interrupted) {
    process.stderr.write('interrupted: no runbook was rewritten\n');
    return exitCodeFor(totals, interrupted, stale);
  }
  for (const { loaded, result } of executed) {
    const { source, file } = loaded.runbook;
    const { config } = loaded;
    const patch = planUpdate(result, {
      redact: config.redact,
      classes: resolveClasses(config),
      prompts: config.prompts,
      ...(config.comments ? { comments: config.comments } : {}),
    });
    const after = applyPatch(source, patch);
    if (after === source) continue;
    if (options.dryRun) process.stdout.write(renderPatch(file, source, after));
    else {
      // Someone may have edited the file while it ran: never overwrite their work.
      await assertUnchangedOnDisk(file, source);
      await writeAtomically(file, after);
      process.stderr.write(`updated ${file}\n`);
    }
  }
  return exitCodeFor(totals, interrupted, stale);
}
