// For the CLI: does a snapshot still fit its runbook? One precise line per
// step added since the recording and per recording whose step is gone.
import type { Runbook } from '../markdown/types.js';
import { alignSnapshot } from './align.js';
import type { Snapshot } from './schema.js';
import { writtenCommand } from './written-command.js';

/** One line per mismatch between the snapshot and the runbook, precise enough to act on; empty when it fits. */
export function checkSnapshotFits(snapshot: Snapshot, runbook: Runbook, snapshotFile = `snapshot of ${runbook.file}`): string[] {
  const { unrecorded, leftover } = alignSnapshot(snapshot, runbook);
  const added = unrecorded.map(
    (s) => `${s.file}:${s.line}: step ${s.index + 1} \`${oneLine(writtenCommand({ step: s }))}\` on ${s.target} has no recording in ${snapshotFile} (added or changed since it was recorded)`,
  );
  const removed = leftover.map(
    (r) => `${snapshotFile}: recorded step ${r.index + 1} (was line ${r.line}) \`${oneLine(r.command)}\` on ${r.target} is no longer in ${runbook.file} (removed or changed)`,
  );
  return [...added, ...removed];
}

/** A command's first line, for messages. */
export function oneLine(command: string): string {
  const first = command.split('\n')[0] ?? '';
  return first.length < command.length ? `${first} …` : first;
}
