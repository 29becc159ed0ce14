// `runbook merge-reports FILE…`: joins the JSON reports of the shards of a
// check (`check --shard K/N --reporter json --output FILE`) into the report of
// the whole, in any reporter, with the exit code of the whole. The shards must
// all be there, once each, of one N; a runbook may be in one report only.
import { resolve } from 'node:path';
import { exitCodeFor } from './exit-codes.js';
import { createReporter, finishReport, prepareOutput, type ReportingOptions } from './reporting.js';
import { InputError } from '../errors.js';
import { type ReadReport, readJsonReport } from '../report/read-json-report.js';
import type { RunbookResult } from '../run/types.js';
import { compareRunbookPaths } from './find-runbooks.js';
import { shardName } from './shard.js';

export type MergeFlags = Omit<ReportingOptions, 'shard'>;

const named = (reports: ReadReport[]) => reports.map((r) => (r.shard ? `${r.file} (${shardName(r.shard)})` : r.file)).join(', ');

/** Throws when the reports are not the shards of one check, each once; unsharded reports may be joined with each other only. */
function checkShards(reports: ReadReport[]): void {
  const paths = new Set<string>();
  for (const r of reports) {
    if (paths.has(resolve(r.file))) throw new InputError(`${r.file} is given twice`, undefined, 'give each report once');
    paths.add(resolve(r.file));
  }
  const sharded = reports.filter((r) => r.shard);
  if (sharded.length === 0) return;
  const unsharded = reports.filter((r) => !r.shard);
  if (unsharded.length > 0) {
    throw new InputError(
      `cannot mix the reports of a sharded check with unsharded ones: ${unsharded.map((r) => r.file).join(', ')} ${unsharded.length > 1 ? 'have' : 'has'} no shard, ${named(sharded)} ${sharded.length > 1 ? 'are shards' : 'is a shard'}`,
      undefined,
      'merge the reports of one `check --shard K/N` run, one per shard',
    );
  }
  const totals = new Set(sharded.map((r) => r.shard!.total));
  if (totals.size > 1) {
    throw new InputError(`the reports are shards of different splits (mixed N): ${named(sharded)}`, undefined, 'merge the reports of one `check --shard K/N` run: every shard of the same N');
  }
  const total = sharded[0]!.shard!.total;
  const byIndex = new Map<number, ReadReport[]>();
  for (const r of sharded) byIndex.set(r.shard!.index, [...(byIndex.get(r.shard!.index) ?? []), r]);
  for (const [index, same] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    if (same.length > 1) {
      throw new InputError(`shard ${index}/${total} is duplicated: ${same.map((r) => r.file).join(' and ')} are both shard ${index}/${total}`, undefined, 'give each shard\'s report once');
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const which = missing.map((i) => `${i}/${total}`);
    const head = which.length === 1 ? `shard ${which[0]} is missing` : `shards ${which.join(', ')} are missing`;
    throw new InputError(`${head} (given: ${named(sharded)})`, undefined, `add the report of \`runbook check --shard ${which[0]} …\``);
  }
}

/** Throws when a runbook is in two reports (the shards of different checks, or a report given under two names). */
function checkRunbooksOnce(reports: ReadReport[]): void {
  const where = new Map<string, string>();
  for (const report of reports) {
    for (const r of report.results) {
      const other = where.get(r.runbook.file);
      if (other !== undefined) {
        throw new InputError(`${r.runbook.file} is in two reports: ${other} and ${report.file}`, undefined, 'merge the reports of one sharded check: each runbook is in one shard');
      }
      where.set(r.runbook.file, report.file);
    }
  }
}

/** Merges the reports, prints the whole in the chosen reporter, and returns the exit code of the whole. */
export async function mergeReportsCommand(files: string[], options: MergeFlags): Promise<number> {
  if (options.output && files.some((f) => resolve(f) === resolve(options.output!))) {
    throw new InputError('--output names one of the reports to merge: it would be overwritten', options.output, 'write the merged report to another file, e.g. --output merged.json');
  }
  const reporter = await createReporter(options);
  const reports = files.map((f) => readJsonReport(f));
  checkShards(reports);
  checkRunbooksOnce(reports);
  prepareOutput(options.output, []);
  // In the order an unsharded check runs them.
  const results: RunbookResult[] = reports.flatMap((r) => r.results).sort((a, b) => compareRunbookPaths(a.runbook.file, b.runbook.file));
  reporter.onRunStart?.(results.map((r) => r.runbook));
  for (const r of results) {
    for (const s of r.results) reporter.onStepEnd?.(s);
    reporter.onRunbookEnd?.(r);
  }
  const totals = finishReport(reporter, results, options);
  return exitCodeFor(totals, results.some((r) => r.interrupted));
}
