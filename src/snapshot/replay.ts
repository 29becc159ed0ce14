// `--replay`: a SessionPool whose sessions return what a snapshot recorded
// instead of executing anything. The engine does not tell a session which
// step it runs, so each session finds it: the next step on its target (in
// document order, after the last one it served) whose recorded or written
// command is the one asked for — steps skipped by --only/--section are
// passed over — else simply the next step on that target.
import type { Runbook, Step } from '../markdown/types.js';
import type { Execution, RunOptions, Session, SessionPool } from '../sessions/types.js';
import { alignSnapshot } from './align.js';
import { oneLine } from './check-snapshot-fits.js';
import { joinOutput } from './output-lines.js';
import { writtenCommand } from './written-command.js';
import type { RecordedStep, Snapshot } from './schema.js';

/** Sessions that replay `snapshot` for the steps of `runbook`. */
export function createReplayPool(snapshot: Snapshot, runbook: Runbook, snapshotFile = 'the snapshot'): SessionPool {
  const { recorded } = alignSnapshot(snapshot, runbook);
  const sessions = new Map<string, Session>();
  return {
    session(target) {
      let s = sessions.get(target);
      if (!s) sessions.set(target, (s = replaySession(target, runbook.steps.filter((x) => x.target === target), recorded, snapshotFile)));
      return s;
    },
    async closeAll() {
      sessions.clear();
    },
  };
}

/** One target's replaying session. */
function replaySession(target: string, steps: Step[], recorded: Map<number, RecordedStep>, snapshotFile: string): Session {
  let next = 0;
  let last: { step: Step; options: RunOptions } | undefined;
  const byIndex = new Map(steps.map((s, i) => [s.index, i]));
  const asks = (s: Step, asked: string): boolean => recorded.get(s.index)?.commandRun === asked || writtenCommand({ step: s }) === asked;
  // The next step of the right kind, from `next` on: asked by command, else the first such (a forward scan, no copies).
  const findForward = (asked: string, files: boolean): Step | undefined => {
    let first: Step | undefined;
    for (let i = next; i < steps.length; i++) {
      const s = steps[i]!;
      if ((s.kind === 'file') !== files) continue;
      if (asks(s, asked)) return s;
      first ??= s;
    }
    return first;
  };
  const serve = (asked: string, files: boolean, options: RunOptions): Execution => {
    // The engine names the step (a map lookup); finding it by command is for callers that do not.
    const at = options.stepIndex !== undefined ? byIndex.get(options.stepIndex) : undefined;
    const named = at !== undefined ? steps[at] : undefined;
    // retry= asks again with the same options object until the step matches: serve its recording again
    const retried = !named && last && last.options === options && asks(last.step, asked) ? last.step : undefined;
    const step = named ?? retried ?? findForward(asked, files);
    if (step) last = { step, options };
    if (!step) return failed(`replay: nothing left to replay on target ${target} for \`${oneLine(asked)}\` (the runbook has no such step)`);
    if (!named) next = byIndex.get(step.index)! + 1;
    const rec = recorded.get(step.index);
    const where = `${step.file}:${step.line}`;
    if (!rec) return failed(`${where}: \`${oneLine(writtenCommand({ step }))}\` on ${target} has no recording in ${snapshotFile}; record it again with \`runbook run --record ${step.file}\``);
    if (!rec.execution) return failed(`${where}: \`${oneLine(rec.command)}\` was skipped when ${snapshotFile} was recorded, so there is nothing to replay; record it again`);
    if (options.signal?.aborted) return { ...toExecution(rec), output: '', interrupted: true, exitCode: null };
    const x = toExecution(rec);
    if (x.output) options.onOutput?.(x.output);
    return x;
  };
  return {
    target,
    async run(command, options) {
      return serve(command, false, options);
    },
    async writeFile(path, _content, options) {
      return serve(path, true, options);
    },
    async close() {},
  };
}

/** The Execution a recording stands for. */
export function toExecution(rec: RecordedStep): Execution {
  const x = rec.execution!;
  const out: Execution = {
    output: joinOutput(x.output, x.noFinalNewline),
    exitCode: x.exitCode,
    durationMs: x.durationMs,
    timedOut: x.timedOut,
    stopped: x.stopped,
    interrupted: false,
    truncated: x.truncated,
    noFinalNewline: x.noFinalNewline,
  };
  if (x.error !== null) out.error = x.error;
  return out;
}

/** An Execution that says why nothing could be replayed. */
function failed(error: string): Execution {
  return { output: '', exitCode: null, durationMs: 0, timedOut: false, stopped: false, interrupted: false, truncated: false, noFinalNewline: false, error };
}
