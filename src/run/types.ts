// What running a runbook produces: one StepResult per step, in order, and the
// binding table. Reporters, update and snapshots read only these.
import type { Binding, Verdict } from '../match/types.js';
import type { Runbook, Step } from '../markdown/types.js';
import type { Execution } from '../sessions/types.js';

/** Why a step could not run or could not finish. */
export type ErrorKind = 'transport' | 'shell-not-started' | 'shell-ended' | 'timed-out' | 'truncated' | 'interrupted';

/** What drifted: only volatile values (the story is the same, its values moved) or the text itself. */
export type DriftKind = 'values-rebound' | 'structure-changed';

/**
 * A step's outcome. `drifted`: it ran, and its output or exit status differs
 * (the verdict and the execution say how). `errored`: it could not run or
 * finish, `execution.output` keeps what it did print. `blocked`: its target
 * was found unusable by an earlier step, nothing was tried.
 */
export type StepOutcome =
  | { status: 'passed' }
  | { status: 'drifted'; drift: DriftKind; message?: string }
  | { status: 'errored'; kind: ErrorKind; message: string }
  /** `reportedAt`: where the target's one report is (absent on the step that carries it). */
  | { status: 'blocked'; message: string; reportedAt?: string }
  | { status: 'skipped'; reason: string };

export type StepStatus = StepOutcome['status'];

/** Drifted, errored and blocked steps are the failures the exit code and the summary count. */
export const isFailure = (o: StepOutcome): boolean => o.status === 'drifted' || o.status === 'errored' || o.status === 'blocked';

/** The kind within an outcome: an errored step's error kind, a drifted step's drift kind; null for the others. */
export function outcomeKind(o: StepOutcome): ErrorKind | DriftKind | null {
  if (o.status === 'errored') return o.kind;
  if (o.status === 'drifted') return o.drift;
  return null;
}

/** The words a reporter shows for an outcome beside the diff, if any. */
export function outcomeMessage(o: StepOutcome): string | undefined {
  if (o.status === 'skipped') return o.reason;
  if (o.status === 'passed') return undefined;
  return o.message;
}

/** A bound expected value replaced in a command before it ran (`run -v` shows these). */
export interface Substitution {
  from: string;
  to: string;
  className: string;
}

export interface StepResult {
  step: Step;
  outcome: StepOutcome;
  /** The command as it ran, bindings substituted (for file steps: the path written). */
  commandRun: string;
  substitutions: Substitution[];
  /** What came back; absent for skipped steps. */
  execution?: Execution;
  /** The judgement; absent when the output is not compared or the step did not run. */
  verdict?: Verdict;
  /** How many times it ran (retry= reruns until it matches). */
  attempts: number;
}

export interface RunbookResult {
  runbook: Runbook;
  results: StepResult[];
  /** Every binding made during the run, in the order made. */
  bindings: Binding[];
  /** Ctrl-C / SIGTERM stopped the run: update must write nothing. */
  interrupted: boolean;
  durationMs: number;
}

export interface Totals {
  passed: number;
  /** drifted + errored + blocked */
  failed: number;
  skipped: number;
  drifted: number;
  errored: number;
  blocked: number;
}

/** A reporter is a set of optional lifecycle hooks; built-ins are keyed by their CLI name. */
export interface Reporter {
  onRunStart?(runbooks: Runbook[]): void;
  onStepStart?(step: Step, commandRun: string): void;
  onStepOutput?(step: Step, chunk: string): void;
  onStepEnd?(result: StepResult): void;
  onRunbookEnd?(result: RunbookResult): void;
  /** Returns the final text to print (or write to --output), ending with the summary line. */
  onRunEnd?(results: RunbookResult[], totals: Totals): string | void;
}

/** One part of a sharded check: the `index`-th (1-based) of `total`. */
export interface Shard {
  index: number;
  total: number;
}

export interface ReporterOptions {
  verbose: boolean;
  color: boolean;
  /** Writes progress text as it happens (stderr or stdout). */
  write: (text: string) => void;
  /** The part of a sharded check this run is (`check --shard K/N`); the JSON report records it. */
  shard?: Shard;
}
