// Turns what came back (Execution) into a judgement: exit status, timeout,
// transport errors and output drift are all reasons a step fails.
import { matchOutput } from '../match/match-output.js';
import type { BindingTable } from '../match/binding-table.js';
import type { MatchOptions, Verdict } from '../match/types.js';
import type { Step } from '../markdown/types.js';
import type { Execution } from '../sessions/types.js';

export interface Judgement {
  ok: boolean;
  verdict?: Verdict;
  reason?: string;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

// Problems other than output drift, in the order a person should read them.
function executionProblem(step: Step, execution: Execution, timeoutMs: number): string | undefined {
  if (execution.interrupted) return 'interrupted';
  if (execution.timedOut) return `timed out after ${formatMs(timeoutMs)} (the command was interrupted on ${step.target}; raise timeout= or add stop-after= for commands that never end)`;
  if (execution.error !== undefined) return execution.error;
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
  const present = patterns.filter((p) => {
    let m = multiline.get(p);
    if (!m) multiline.set(p, (m = new RegExp(p.source, `${p.flags.replace(/[gmy]/g, '')}m`)));
    return m.test(output);
  });
  if (present.length === 0) return output;
  return output
    .split('\n')
    .filter((line) => !present.some((p) => p.test(line.replace(/\r$/, ''))))
    .join('\n');
}

/** The verdict for one step: output compared (when the document has output for it) and the exit status checked. */
export function judgeStep(
  step: Step,
  execution: Execution,
  table: BindingTable,
  options: MatchOptions,
  timeoutMs: number,
  ignoreOutput: RegExp[] = [],
): Judgement {
  let problem = executionProblem(step, execution, timeoutMs);
  // A cut output was never wholly compared: it cannot pass, whatever matched.
  if (problem === undefined && execution.truncated) problem = 'output was truncated at the output cap (output-cap:); raise output-cap or print less';
  if (step.expected === null) return problem ? { ok: false, reason: problem } : { ok: true };
  const verdict = matchOutput(step.expected, dropIgnored(execution.output, ignoreOutput), table, options);
  const reasons = [problem, ...verdict.problems].filter((r): r is string => !!r);
  return {
    ok: verdict.ok && problem === undefined,
    verdict,
    ...(reasons.length > 0 ? { reason: reasons.join('\n') } : {}),
  };
}
