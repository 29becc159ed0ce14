// Plain lines, one per step, failures with their diff: for logs and pipes.
import type { Reporter, ReporterOptions } from '../run/types.js';
import { isFailure } from '../run/types.js';
import { commandHead, describeFailure, describeSubstitutions, LABEL, whereOf } from './describe-step.js';
import { failureBreakdown, summaryLine } from './totals.js';

/** A reporter that writes one line per step as it ends. */
export function plainReporter(options: ReporterOptions): Reporter {
  return {
    onStepEnd(r) {
      const head = `${LABEL[r.outcome.status]} ${whereOf(r)} [${r.step.target}] ${commandHead(r.commandRun)}`;
      // Most steps pass quietly: their one line without a list.
      if (r.outcome.status === 'passed' && !options.verbose) return options.write(`${head}\n`);
      const lines = [head];
      if (r.outcome.status === 'skipped' && options.verbose) lines.push(`  (${r.outcome.reason})`);
      if (options.verbose) for (const item of describeSubstitutions(r)) lines.push(item);
      if (isFailure(r.outcome)) for (const item of describeFailure(r, options.verbose)) lines.push(item);
      options.write(`${lines.join('\n')}\n`);
    },
    onRunEnd: (_results, totals) => [failureBreakdown(totals), summaryLine(totals)].filter(Boolean).join('\n'),
  };
}
