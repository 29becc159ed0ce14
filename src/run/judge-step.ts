// Turns what came back (Execution) into an outcome: an error kind when the
// command could not run or finish, drift when its output or exit status
// differs, else passed.
import { onlyValuesDiffer } from '../match/classify-drift.js';
import { matchOutput } from '../match/match-output.js';
import type { BindingTable } from '../match/binding-table.js';
import type { MatchOptions, Verdict } from '../match/types.js';
import type { Step } from '../markdown/types.js';
import { SKIP_STATUS } from '../sessions/shell-loop.js';
import type { Execution } from '../sessions/types.js';
import type { StepOutcome } from './types.js';

/** Why a step is skipped when its command exited with SKIP_STATUS (80). */
export const SELF_SKIP = 'exit status 80: the command skipped the rest of the runbook (the cram/scrut convention)';

export interface Judgement {
  outcome: StepOutcome;
  verdict?: Verdict;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

// Why the command could not run or finish, if it could not: the first that applies.
function executionError(step: Step, execution: Execution, timeoutMs: number): StepOutcome | undefined {
  if (execution.interrupted) return { status: 'errored', kind: 'interrupted', message: 'interrupted' };
  if (execution.timedOut) {
    return { status: 'errored', kind: 'timed-out', message: `timed out after ${formatMs(timeoutMs)} (the command was interrupted on ${step.target}; raise timeout= or add stop-after= for commands that never end)` };
  }
  if (execution.error !== undefined) {
    const kind = execution.errorKind ?? 'transport';
    // The run turns this into the target's one report or a pointer to it (unusable-target.ts).
    if (kind === 'blocked') return { status: 'blocked', message: execution.error };
    return { status: 'errored', kind, message: execution.error };
  }
  // A cut output was never wholly compared: it cannot pass, whatever matched.
  if (execution.truncated) return { status: 'errored', kind: 'truncated', message: 'output was truncated at the output cap (output-cap:); raise output-cap or print less' };
  return undefined;
}

function exitProblem(step: Step, execution: Execution): string | undefined {
  if (execution.stopped) return undefined; // stop-after: interrupted on purpose, its status means nothing
  const want = step.exit;
  if (want !== 'any' && execution.exitCode !== want) {
    return `exit status ${execution.exitCode ?? 'none'}, expected ${want}${want === 0 ? ' (annotate exit=N or end the output with [N] if this is expected)' : ''}`;
  }
  return undefined;
}

// Drops lines a transport adds that no transcript shows (ignore-output); a whole-text check first keeps big outputs fast.
const multiline = new WeakMap<RegExp, RegExp>();
function dropIgnored(output: string, patterns: RegExp[]): string {
  // Nearly every output holds none: then no list is made.
  let present: RegExp[] | undefined;
  for (const p of patterns) {
    let m = multiline.get(p);
    if (!m) multiline.set(p, (m = new RegExp(p.source, `${p.flags.replace(/[gmy]/g, '')}m`)));
    if (m.test(output)) (present ??= []).push(p);
  }
  if (present === undefined) return output;
  return output
    .split('\n')
    .filter((line) => !present.some((p) => p.test(line.replace(/\r$/, ''))))
    .join('\n');
}

/** The outcome of one step: errors first, then the output compared (when the document has output for it) and the exit status. */
export function judgeStep(
  step: Step,
  execution: Execution,
  table: BindingTable,
  options: MatchOptions,
  timeoutMs: number,
  ignoreOutput: RegExp[] = [],
): Judgement {
  // Exit status 80 is "skip me" in cram and scrut: the step and the rest of its runbook are skipped.
  // `exit 80` ends the shell itself: then the shell's own status says it.
  const status = execution.shellStatus ?? execution.exitCode;
  if (status === SKIP_STATUS && step.exit !== SKIP_STATUS && !execution.timedOut && !execution.interrupted) {
    return { outcome: { status: 'skipped', reason: SELF_SKIP } };
  }
  const error = executionError(step, execution, timeoutMs);
  const exit = error ? undefined : exitProblem(step, execution);
  if (step.expected === null) {
    if (error) return { outcome: error };
    return { outcome: exit ? { status: 'drifted', drift: 'structure-changed', message: exit } : { status: 'passed' } };
  }
  const verdict = matchOutput(step.expected, dropIgnored(execution.output, ignoreOutput), table, options);
  if (error) return { outcome: error, verdict };
  if (verdict.ok && !exit) return { outcome: { status: 'passed' }, verdict };
  const message = [exit, ...verdict.problems].filter((r): r is string => !!r).join('\n');
  const drift = !verdict.ok && !exit && onlyValuesDiffer(step.expected, verdict, options.classes) ? 'values-rebound' : 'structure-changed';
  return { outcome: { status: 'drifted', drift, ...(message ? { message } : {}) }, verdict };
}
