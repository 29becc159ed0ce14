// `runbook check [PATH…]`: the CI docs-drift check. Folders expand to their
// runbooks; runbooks are never written. `--shard K/N` runs one part of them.
import { exitCodeFor } from './exit-codes.js';
import { finishReport } from './reporting.js';
import { findRunbookFiles } from './find-runbooks.js';
import { executeWithFlags, type RunFlags } from './run-flags.js';
import { parseShard, shardName, shardOf } from './shard.js';

export interface CheckFlags extends Omit<RunFlags, 'shard'> {
  /** `K/N` as typed: run only the K-th of N parts of the runbooks found. */
  shard?: string;
}

/** Runs every runbook under the paths (default `runbooks/`), or one shard of them, and returns the exit code. */
export async function checkCommand(paths: string[], options: CheckFlags): Promise<number> {
  const { shard: shardText, ...rest } = options;
  const shard = shardText !== undefined ? parseShard(shardText) : undefined;
  const found = findRunbookFiles(paths.length > 0 ? paths : ['runbooks']);
  const all = found.map((f) => f.path);
  const files = shard ? found.filter((f) => shardOf(f.key, shard.total) === shard.index).map((f) => f.path) : all;
  if (shard && files.length === 0) {
    process.stderr.write(`runbook: shard ${shardName(shard)} has no runbooks (none of the ${all.length} found is assigned to it); nothing to run\n`);
  }
  const flags: RunFlags = { ...rest, ...(shard ? { shard } : {}) };
  const { executed, interrupted, stale, reporter, warnings } = await executeWithFlags(files, flags, undefined, shard ? all : undefined);
  const totals = finishReport(reporter, executed.map((e) => e.result), flags);
  // CI must notice what would otherwise pass in silence: a block nothing in which runs, a runbook with no step.
  const silent = warnings.filter((w) => w.failsCheck);
  const failing = silent.length > 0 ? [`check fails on ${silent.length} warning${silent.length === 1 ? '' : 's'} above (${silent.map((w) => w.where).join(', ')})`] : [];
  return exitCodeFor(totals, interrupted, [...stale, ...failing]);
}
