// After `update` writes a runbook: would `run` pass it on the same machines?
// The rewritten document is judged against the outputs this run recorded,
// step by step and with a fresh binding table, as a run would judge them; the
// steps that would still fail are named (update converges when there are none).
import type { Config } from '../config/schema.js';
import { BindingTable } from '../match/binding-table.js';
import { parseRunbook } from '../markdown/parse-runbook.js';
import { judgeStep } from '../run/judge-step.js';
import { matchOptionsFor } from '../run/match-options.js';
import { outcomeMessage, type RunbookResult } from '../run/types.js';

/** `file:line: why` for each step of the rewritten text that would still fail against the recorded outputs. */
export function unconvergedSteps(result: RunbookResult, after: string, config: Config): string[] {
  const again = parseRunbook(result.runbook.file, after, config);
  // Only a rewrite that kept the steps can be judged step for step.
  if (again.steps.length !== result.runbook.steps.length) return [];
  const table = new BindingTable();
  const matchOptions = matchOptionsFor(config, result.runbook.file);
  const out: string[] = [];
  for (const [i, r] of result.results.entries()) {
    const step = again.steps[i]!;
    // Steps that did not run, or could not (errored, blocked), are not the rewrite's to fix.
    if (!r?.execution || r.outcome.status === 'errored' || r.outcome.status === 'blocked' || r.outcome.status === 'skipped') continue;
    const { outcome } = judgeStep(step, r.execution, table, matchOptions(step), step.annotations.timeoutMs ?? config.timeoutMs, config.ignoreOutput);
    if (outcome.status !== 'passed' && outcome.status !== 'skipped') {
      out.push(`${step.file}:${step.line}: ${(outcomeMessage(outcome) ?? 'its output still differs').split('\n')[0]}`);
    }
  }
  return out;
}
