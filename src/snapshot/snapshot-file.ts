// The snapshot file of a runbook in one import: where it lives, reading and
// writing it. Each lives in its own module; this only gathers them.
export { readSnapshot, parseSnapshot } from './read-snapshot.js';
export { snapshotPath } from './snapshot-path.js';
export { writeSnapshot, serializeSnapshot } from './write-snapshot.js';
export type { Snapshot } from './schema.js';
