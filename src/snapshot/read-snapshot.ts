// Reads and validates a snapshot; every problem names the file, the place in
// it and how to fix it (usually: record it again).
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { snapshotSchema, type Snapshot } from './schema.js';

const RECORD = 'record it again with `runbook run --record RUNBOOK`';

/** The snapshot stored in `file`; throws an InputError when it is missing, not JSON, or not a snapshot. */
export function readSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('no snapshot recorded for this runbook', file, RECORD);
    throw new InputError(`cannot read the snapshot (${code ?? String(err)})`, file, 'check that the file is readable');
  }
  return parseSnapshot(file, text);
}

/** Validates a snapshot's text. */
export function parseSnapshot(file: string, text: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`the snapshot is not valid JSON: ${(err as Error).message}`, file, `fix the merge conflict or edit, or ${RECORD}`);
  }
  const parsed = snapshotSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the top level';
  throw new InputError(`the snapshot is not valid at ${where}: ${issue.message}`, file, RECORD);
}
