// What running a runbook produces: one StepResult per step, in order, and the
// binding table. Reporters, update and snapshots read only these.
import type { Binding, Verdict } from '../match/types.js';
import type { Runbook, Step } from '../markdown/types.js';
import type { Execution } from '../sessions/types.js';

export type StepStatus = 'passed' | 'failed' | 'skipped';

/** A bound expected value replaced in a command before it ran (`run -v` shows these). */
export interface Substitution {
  from: string;
  to: string;
  className: string;
}

export interface StepResult {
  step: Step;
  status: StepStatus;
  /** The command as it ran, bindings substituted (for file steps: the path written). */
  commandRun: string;
  substitutions: Substitution[];
  /** What came back; absent for skipped steps. */
  execution?: Execution;
  /** The judgement; absent when the output is not compared or the step did not run. */
  verdict?: Verdict;
  /** How many times it ran (retry= reruns until it matches). */
  attempts: number;
  /** Why it failed or was skipped, in words, when a diff alone does not say it. */
  reason?: string;
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
  failed: number;
  skipped: number;
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

export interface ReporterOptions {
  verbose: boolean;
  color: boolean;
  /** Writes progress text as it happens (stderr or stdout). */
  write: (text: string) => void;
}
