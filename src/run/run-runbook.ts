// The run loop: steps in document order, each on its target's persistent
// session, bindings substituted before and recorded after; teardown steps run
// last, always — after a failure, --bail or Ctrl-C.
import type { Config } from '../config/schema.js';
import { BindingTable } from '../match/binding-table.js';
import { scanValues } from '../match/tokenize.js';
import type { VolatileClass } from '../match/types.js';
import type { Runbook, Step } from '../markdown/types.js';
import type { Execution, RunOptions, SessionPool } from '../sessions/types.js';
import { judgeStep, SELF_SKIP } from './judge-step.js';
import { matchOptionsFor } from './match-options.js';
import { selectSteps, type Selection } from './select-steps.js';
import { UnusableTargets } from './unusable-target.js';
import { isFailure, type Reporter, type RunbookResult, type StepResult } from './types.js';

export interface RunRunbookOptions {
  selection: Selection;
  bail: boolean;
  /** Outputs come from a snapshot: retrying cannot change them. */
  replay?: boolean;
  /** Aborted on Ctrl-C/SIGTERM: the running command is interrupted, the rest skipped, teardown still runs. */
  signal: AbortSignal;
  reporter: Reporter;
  /** Asked before each step with --step; false skips it. */
  confirm?: (step: Step, command: string) => Promise<boolean>;
  /**
   * Work to do before the step of that index runs, once every step before it has ended (the lab's
   * story): no command is sent ahead past such a step.
   */
  beforeStep?: Map<number, () => Promise<void>>;
}

// The abort listener goes with the timer: retry= sleeps many times on one signal.
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Runs a parsed, target-checked runbook on the sessions of `pool`. */
export async function runRunbook(
  runbook: Runbook,
  config: Config,
  pool: SessionPool,
  options: RunRunbookOptions,
): Promise<RunbookResult> {
  const started = performance.now();
  const table = new BindingTable();
  const skipReasons = selectSteps(runbook, options.selection);
  const results: StepResult[] = new Array(runbook.steps.length);
  const unusable = new UnusableTargets(config.targets);
  const matchOptions = matchOptionsFor(config, runbook.file);

  const skip = (step: Step, reason: string): StepResult => {
    const result: StepResult = { step, outcome: { status: 'skipped', reason }, commandRun: step.command, substitutions: [], attempts: 0 };
    options.reporter.onStepEnd?.(result);
    return result;
  };

  // One step, retried until it matches when retry= asks for it.
  const runStep = async (step: Step, signal: AbortSignal): Promise<StepResult> => {
    const { command, substitutions } = step.kind === 'file' ? { command: step.command, substitutions: [] } : table.substitute(step.command);
    if (options.confirm && !(await options.confirm(step, command))) return skip(step, 'declined at --step');
    options.reporter.onStepStart?.(step, command);
    const timeoutMs = step.annotations.timeoutMs ?? config.timeoutMs;
    const onStepOutput = options.reporter.onStepOutput;
    const runOptions: RunOptions = { timeoutMs, signal, stepIndex: step.index };
    if (onStepOutput) runOptions.onOutput = (chunk: string) => onStepOutput.call(options.reporter, step, chunk);
    if (step.annotations.stopAfterMs !== undefined) runOptions.stopAfterMs = step.annotations.stopAfterMs;
    const deadline = performance.now() + (options.replay ? 0 : (step.annotations.retryMs ?? 0));
    const interval = step.annotations.intervalMs ?? 2000;
    let attempts = 0;
    if (!signal.aborted) sendAhead(step, command);
    for (;;) {
      attempts++;
      const session = pool.session(step.target);
      const execution: Execution =
        step.kind === 'file'
          ? await session.writeFile(step.filePath!, step.fileContent ?? '', runOptions)
          : await session.run(command, runOptions);
      const judgement = judgeStep(step, execution, table, matchOptions(step), timeoutMs, config.ignoreOutput);
      const outcome = unusable.classify(step, judgement.outcome);
      // Retrying cannot help a step whose target is unusable or whose run was interrupted.
      const final = outcome.status === 'passed' || outcome.status === 'blocked' || outcome.status === 'skipped';
      const done = final || signal.aborted || execution.interrupted || performance.now() + interval > deadline;
      if (done) {
        const result: StepResult = { step, outcome, commandRun: step.kind === 'file' ? `write ${step.filePath}` : command, substitutions, execution, attempts };
        // A blocked step never ran: no diff against output it could not print.
        if (judgement.verdict && outcome.status !== 'blocked') result.verdict = judgement.verdict;
        options.reporter.onStepEnd?.(result);
        return result;
      }
      await sleep(interval, signal);
    }
  };

  // Pipelining: before a step runs, the commands after it on the same target that no binding can
  // change (no bound-able value in them), selected, with no --step, --bail or retry= between, are
  // sent to its shell at once; each step is still judged on its own output, in order.
  const PIPELINE_WINDOW = 256;
  const pipelined = !options.confirm && !options.bail && !options.replay;
  let sentAheadTo = -1;
  // The bind-mode classes of each class list, filtered once (a new list per step would also miss tokenize's plan cache).
  const bindClasses = new Map<VolatileClass[], VolatileClass[]>();
  const fixedText = (step: Step): boolean => {
    if (step.kind === 'file') return false;
    const classes = matchOptions(step).classes;
    let bind = bindClasses.get(classes);
    if (!bind) bindClasses.set(classes, (bind = classes.filter((c) => c.mode === 'bind')));
    return scanValues(step.command, bind) === 0;
  };
  const sendAhead = (from: Step, command: string): void => {
    if (!pipelined || from.kind === 'file' || from.annotations.teardown) return;
    const session = pool.session(from.target);
    if (!session.sendAhead) return;
    if (from.index > sentAheadTo) {
      if (!session.sendAhead(command)) return;
      sentAheadTo = from.index;
    }
    if (from.annotations.retryMs) return;
    // Topped up when half the window has run: one write for many records, not one per step.
    if (sentAheadTo > from.index + PIPELINE_WINDOW / 2) return;
    for (let j = sentAheadTo + 1; j < runbook.steps.length && j <= from.index + PIPELINE_WINDOW; j++) {
      const next = runbook.steps[j]!;
      const prev = runbook.steps[j - 1]!;
      if (next.target !== from.target || next.annotations.teardown || skipReasons[j] || prev.annotations.retryMs || options.beforeStep?.has(j) || !fixedText(next)) break;
      if (!session.sendAhead(next.command)) break;
      sentAheadTo = j;
    }
  };

  let stopReason: string | null = null;
  const teardown: Step[] = [];
  for (const step of runbook.steps) {
    if (step.annotations.teardown) {
      teardown.push(step);
      continue;
    }
    if (options.signal.aborted) stopReason ??= 'interrupted';
    const reason = stopReason ?? skipReasons[step.index];
    if (reason) {
      results[step.index] = skip(step, reason);
      continue;
    }
    const before = options.beforeStep?.get(step.index);
    if (before) await before();
    const result = await runStep(step, options.signal);
    results[step.index] = result;
    if (result.execution?.interrupted || options.signal.aborted) stopReason = 'interrupted';
    else if (result.outcome.status === 'skipped' && result.outcome.reason === SELF_SKIP) {
      stopReason = `skipped by exit status 80 at ${step.file}:${step.line}`;
      // As in cram and scrut, the whole runbook is skipped: what ran before it counts as skipped too.
      for (let k = 0; k < step.index; k++) {
        const earlier = results[k];
        if (earlier && !earlier.step.annotations.teardown && earlier.outcome.status !== 'skipped') {
          results[k] = { ...earlier, outcome: { status: 'skipped', reason: `the runbook skipped itself (exit status 80 at ${step.file}:${step.line})` } };
        }
      }
    }
    else if (isFailure(result.outcome) && options.bail) stopReason = 'stopped by --bail after a failure';
  }
  // Teardown ignores the first Ctrl-C: it is what cleans up after one.
  const teardownSignal = new AbortController().signal;
  for (const step of teardown) results[step.index] = await runStep(step, teardownSignal);

  return {
    runbook,
    results,
    bindings: table.entries(),
    interrupted: options.signal.aborted,
    durationMs: performance.now() - started,
  };
}
