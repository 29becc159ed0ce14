// The snapshot file: one per runbook, JSON with a fixed key order and output
// stored as an array of lines, so a re-recorded run reads well in a PR diff.
// zod validates it on read so a hand-edited or truncated file gets a precise error.
import { z } from 'zod';

export const SNAPSHOT_FORMAT = 1;

/** What one step printed when it was recorded (an Execution, output split into lines). */
export const recordedExecution = z.object({
  /** Output lines without their `\n`; `noFinalNewline` says whether the last one had one. */
  output: z.array(z.string()),
  noFinalNewline: z.boolean(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  stopped: z.boolean(),
  truncated: z.boolean(),
  /** The transport's own words when the command could not run; null otherwise. */
  error: z.string().nullable(),
  /** Milliseconds, rounded; not compared when deciding whether a re-record changed anything. */
  durationMs: z.number().nonnegative(),
});
export type RecordedExecution = z.infer<typeof recordedExecution>;

/** One step as recorded: where it is, what ran, what came back. */
export const recordedStep = z.object({
  index: z.number().int().nonnegative(),
  /** `id=` annotation, or null. */
  id: z.string().nullable(),
  /** 1-based line of the step in the runbook. */
  line: z.number().int().positive(),
  kind: z.enum(['command', 'script', 'file']),
  target: z.string(),
  /** The command as written in the runbook (file steps: the path). Replay matches on this. */
  command: z.string(),
  /** The command as it ran, bindings substituted (file steps: the path written). */
  commandRun: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  /** Null for a step that did not run (skipped). */
  execution: recordedExecution.nullable(),
});
export type RecordedStep = z.infer<typeof recordedStep>;

export const recordedBinding = z.object({
  className: z.string(),
  expected: z.string(),
  actual: z.string(),
  origin: z.object({ file: z.string(), line: z.number().int() }),
});

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  /** Version of runbook that recorded it. */
  runner: z.string(),
  /** The runbook's file name, as recorded. */
  runbook: z.string(),
  /** Recorded on the embedded lab (`run --lab --record`): a replay skips what the lab skipped. */
  lab: z.boolean().optional(),
  steps: z.array(recordedStep),
  bindings: z.array(recordedBinding),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
