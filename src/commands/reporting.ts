// Picks the reporter by name and prints (or writes to --output) its final text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { redactText } from '../redaction.js';
import { reporters } from '../report/registry.js';
import { countTotals, summaryLine } from '../report/totals.js';
import type { Reporter, RunbookResult, Shard, Totals } from '../run/types.js';

export interface ReportingOptions {
  reporter?: string;
  output?: string;
  verbose?: boolean;
  /** The part of a sharded check (`--shard K/N`), for reporters that record it. */
  shard?: Shard;
}

/** The reporter for --reporter NAME: pretty on a terminal, plain elsewhere. */
export async function createReporter(options: ReportingOptions): Promise<Reporter> {
  const name = options.reporter ?? (process.stdout.isTTY ? 'pretty' : 'plain');
  const factory = reporters[name];
  if (!factory) {
    throw new InputError(`unknown reporter '${name}'`, '--reporter', `use one of: ${Object.keys(reporters).join(', ')}`);
  }
  // With --output the whole report, progress lines included, goes to the file.
  const shard = options.shard ? { shard: options.shard } : {};
  if (options.output) {
    written = [];
    return await factory({ verbose: !!options.verbose, color: false, write: (text) => written!.push(text), ...shard });
  }
  return await factory({
    ...shard,
    verbose: !!options.verbose,
    color: process.stdout.isTTY === true,
    // A terminal shows progress as it happens; a pipe or file gets it in batches.
    write: process.stdout.isTTY ? (text) => process.stdout.write(text) : bufferedStdout,
  });
}

// What a reporter wrote while the run went on, when it is bound for --output.
let written: string[] | undefined;

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

/**
 * Checks --output before anything runs: it may not name a runbook of the run
 * (the report would overwrite it), and its folder is created now, so a typo
 * fails in the first second, not after an hour of steps.
 */
export function prepareOutput(output: string | undefined, runbooks: string[]): void {
  if (!output) return;
  const target = resolve(output);
  if (runbooks.some((f) => resolve(f) === target)) {
    throw new InputError('--output names a runbook of this run: the report would overwrite it', output, 'write the report to another file, e.g. --output report.txt');
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create the folder for --output: ${(e as Error).message}`, output, 'choose a writable path');
  }
}

/** Ends the report: its text to stdout or --output, and the summary line last on stdout. */
export function finishReport(reporter: Reporter, results: RunbookResult[], options: ReportingOptions): Totals {
  const totals = countTotals(results);
  const text = reporter.onRunEnd?.(results, totals) ?? summaryLine(totals);
  flushStdout();
  if (options.output) {
    const report = (written ?? []).join('') + (text.endsWith('\n') ? text : `${text}\n`);
    writeFileSync(options.output, redactText(report));
    process.stderr.write(`${summaryLine(totals)}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    // A JSON or JUnit document must stay parseable: its summary line goes to stderr.
    if (!text.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().endsWith(summaryLine(totals))) process.stderr.write(`${summaryLine(totals)}\n`);
  }
  return totals;
}
