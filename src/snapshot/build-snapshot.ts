// Turns a run into a snapshot: fixed key order, output as lines, redacted,
// no wall-clock timestamp — re-recording the same output gives the same
// bytes (writeSnapshot keeps the old file when only durations moved).
import { basename } from 'node:path';
import type { RunbookResult, StepResult } from '../run/types.js';
import type { Execution } from '../sessions/types.js';
import { redactor } from '../update/redact.js';
import { splitOutput } from './output-lines.js';
import { SNAPSHOT_FORMAT, type RecordedExecution, type RecordedStep, type Snapshot } from './schema.js';
import { writtenCommand } from './written-command.js';

/** The snapshot of a run: every step with what it printed, the bindings, the runner version. */
export function buildSnapshot(result: RunbookResult, runnerVersion: string, redact: string[], env: NodeJS.ProcessEnv = process.env, lab = false): Snapshot {
  const clean = redactor(redact, env);
  return {
    format: SNAPSHOT_FORMAT,
    runner: runnerVersion,
    runbook: basename(result.runbook.file),
    ...(lab ? { lab: true } : {}),
    steps: result.results.map((r) => recordStep(r, clean)),
    bindings: result.bindings.map((b) => ({
      className: b.className,
      expected: clean(b.expected),
      actual: clean(b.actual),
      origin: { file: basename(b.origin.file), line: b.origin.line },
    })),
  };
}

/** One step result as a recorded step (keys in the schema's order). */
function recordStep(r: StepResult, clean: (s: string) => string): RecordedStep {
  const { step } = r;
  return {
    index: step.index,
    id: step.annotations.id ?? null,
    line: step.line,
    kind: step.kind,
    target: step.target,
    command: clean(writtenCommand(r)),
    commandRun: clean(r.commandRun),
    // The snapshot format keeps three statuses: drifted, errored and blocked are `failed` there.
    status: r.outcome.status === 'passed' || r.outcome.status === 'skipped' ? r.outcome.status : 'failed',
    execution: r.execution ? recordExecution(r.execution, clean) : null,
  };
}

/** An Execution with its output split into lines. */
function recordExecution(x: Execution, clean: (s: string) => string): RecordedExecution {
  const { lines, noFinalNewline } = splitOutput(clean(x.output));
  return {
    output: lines,
    noFinalNewline,
    exitCode: x.exitCode,
    timedOut: x.timedOut,
    stopped: x.stopped,
    truncated: x.truncated,
    error: x.error === undefined ? null : clean(x.error),
    durationMs: Math.round(x.durationMs),
  };
}
