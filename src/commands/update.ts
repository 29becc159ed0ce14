// `runbook update FILE…`: run, then rewrite each runbook in place with fresh
// output — only after the whole run ended, never after an interrupt.
import { exitCodeFor } from './exit-codes.js';
import { finishReport } from './reporting.js';
import { resolveClasses } from '../match/volatile-classes.js';
import { applyPatch } from '../update/apply-patch.js';
import { assertUnchangedOnDisk } from '../update/assert-unchanged.js';
import { planUpdate } from '../update/plan-update.js';
import { renderPatch } from '../update/render-patch.js';
import { lockForUpdate } from '../update/update-lock.js';
import { writeAtomically } from '../update/write-atomically.js';
import { EXIT } from './exit-codes.js';
import { executeWithFlags, type RunFlags } from './run-flags.js';
import { unconvergedSteps } from './check-convergence.js';

export interface UpdateCommandOptions extends RunFlags {
  dryRun: boolean;
}

/** Runs the runbooks, rewrites what drifted, and returns the exit code. */
export async function updateCommand(files: string[], options: UpdateCommandOptions): Promise<number> {
  // Held from before the run until after the write: a second update of the same file is refused.
  const release = options.dryRun ? () => {} : lockForUpdate(files);
  try {
    return await updateLocked(files, options);
  } finally {
    release();
  }
}

async function updateLocked(files: string[], options: UpdateCommandOptions): Promise<number> {
  const { executed, interrupted, stale, reporter } = await executeWithFlags(files, options);
  const totals = finishReport(reporter, executed.map((e) => e.result), options);
  if (interrupted) {
    process.stderr.write('interrupted: no runbook was rewritten\n');
    return exitCodeFor(totals, interrupted, stale);
  }
  let late: NodeJS.Signals | undefined;
  for (const [i, { loaded, result }] of executed.entries()) {
    if (late) {
      process.stderr.write(`${late} arrived while a runbook was written: ${executed.slice(i).map((e) => e.loaded.runbook.file).join(', ')} not rewritten\n`);
      return EXIT.interrupted;
    }
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
    // What the rewrite cannot make pass (on these machines, with these outputs) is named; the exit stays 1.
    for (const why of unconvergedSteps(result, after, config)) process.stderr.write(`runbook: after update, ${why} (still fails against the same output)\n`);
    if (options.dryRun) process.stdout.write(renderPatch(file, source, after));
    else {
      // Someone may have edited the file while it ran: never overwrite their work.
      await assertUnchangedOnDisk(file, source);
      // A signal during the write waits for it: the file is written whole and said so, the next one is not started.
      await writeAtomically(file, after, (signal) => (late = signal));
      process.stderr.write(`updated ${file}\n`);
    }
  }
  return exitCodeFor(totals, interrupted, stale);
}
