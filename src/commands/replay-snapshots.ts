// What `--replay` needs, in one module loaded only then: reading a snapshot
// (validated by its schema), checking that it still fits, and the replay pool.
export { createReplayPool } from '../snapshot/replay.js';
export { checkSnapshotFits } from '../snapshot/check-snapshot-fits.js';
export { readSnapshot, snapshotPath } from '../snapshot/snapshot-file.js';
