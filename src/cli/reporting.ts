// Picks the reporter by name and prints (or writes to --output) its final text.
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { reporters } from '../report/registry.js';
import { countTotals, summaryLine } from '../report/totals.js';
import type { Reporter, RunbookResult, Totals } from '../run/types.js';

export interface ReportingOptions {
  reporter?: string;
  output?: string;
  verbose?: boolean;
}

/** The reporter for --reporter NAME: pretty on a terminal, plain elsewhere. */
export function createReporter(options: ReportingOptions): Reporter {
  const name = options.reporter ?? (process.stdout.isTTY ? 'pretty' : 'plain');
  const factory = reporters[name];
  if (!factory) {
    throw new InputError(`unknown reporter '${name}'`, '--reporter', `use one of: ${Object.keys(reporters).join(', ')}`);
  }
  return factory({
    verbose: !!options.verbose,
    color: process.stdout.isTTY === true,
    // A terminal shows progress as it happens; a pipe or file gets it in batches.
    write: process.stdout.isTTY ? (text) => process.stdout.write(text) : bufferedStdout,
  });
}

// One write per step costs more than a fast step itself: progress is gathered
// and written every few milliseconds, and before the summary.
let pending: string[] = [];
let timer: NodeJS.Timeout | undefined;
function flushStdout(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (pending.length > 0) process.stdout.write(pending.join(''));
  pending = [];
}
function bufferedStdout(text: string): void {
  pending.push(text);
  timer ??= setTimeout(flushStdout, 20);
}

/** Ends the report: its text to stdout or --output, and the summary line last on stdout. */
export function finishReport(reporter: Reporter, results: RunbookResult[], options: ReportingOptions): Totals {
  const totals = countTotals(results);
  const text = reporter.onRunEnd?.(results, totals) ?? summaryLine(totals);
  flushStdout();
  if (options.output) {
    writeFileSync(options.output, text.endsWith('\n') ? text : `${text}\n`);
    process.stdout.write(`${summaryLine(totals)}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    // A JSON or JUnit document must stay parseable: its summary line goes to stderr.
    if (!text.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().endsWith(summaryLine(totals))) process.stderr.write(`${summaryLine(totals)}\n`);
  }
  return totals;
}
