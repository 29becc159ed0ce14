// Plain lines, one per step, failures with their diff: for logs and pipes.
import type { Reporter, ReporterOptions } from '../run/types.js';
import { commandHead, describeFailure, describeSubstitutions, whereOf } from './describe-step.js';
import { summaryLine } from './totals.js';

const LABEL = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** A reporter that writes one line per step as it ends. */
export function plainReporter(options: ReporterOptions): Reporter {
  return {
    onStepEnd(r) {
      const lines = [`${LABEL[r.status]} ${whereOf(r)} [${r.step.target}] ${commandHead(r.commandRun)}`];
      if (r.status === 'skipped' && r.reason && options.verbose) lines.push(`  (${r.reason})`);
      if (options.verbose) for (const item of describeSubstitutions(r)) lines.push(item);
      if (r.status === 'failed') for (const item of describeFailure(r, options.verbose)) lines.push(item);
      options.write(`${lines.join('\n')}\n`);
    },
    onRunEnd: (_results, totals) => summaryLine(totals),
  };
}
