// `run --record`: store a finished run as the runbook's snapshot.
import type { RunbookResult } from '../run/types.js';
import { buildSnapshot } from './build-snapshot.js';
import { snapshotPath } from './snapshot-path.js';
import { writeSnapshot } from './write-snapshot.js';

/** Records the run beside the runbooks and returns the snapshot's path (unchanged on disk when only durations moved). */
export async function recordSnapshot(result: RunbookResult, runnerVersion: string, redact: string[], lab = false): Promise<string> {
  if (result.interrupted) throw new Error(`${result.runbook.file}: an interrupted run is not recorded; this is a bug in the caller`);
  const path = snapshotPath(result.runbook.file);
  await writeSnapshot(path, buildSnapshot(result, runnerVersion, redact, process.env, lab));
  return path;
}
