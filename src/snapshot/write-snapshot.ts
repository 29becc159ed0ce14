// Writes a snapshot atomically. Durations differ on every run; when nothing
// but durations changed, the file on disk is kept as it is, so re-recording
// an unchanged run produces no diff in a pull request.
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeAtomically } from '../update/write-atomically.js';
import type { Snapshot } from './schema.js';

/** The snapshot as the file's text: 2-space JSON in schema key order, ending with a newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Writes the snapshot unless the file already holds it (durations aside); returns whether it wrote. */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<boolean> {
  const text = serializeSnapshot(snapshot);
  const old = await readFile(file, 'utf8').catch(() => null);
  if (old !== null && withoutDurations(old) === withoutDurations(text)) return false;
  await mkdir(dirname(file), { recursive: true });
  await writeAtomically(file, text);
  return true;
}

/** The text with every `"durationMs": N` value blanked, for "did anything but timing change?". */
function withoutDurations(text: string): string {
  return text.replace(/("durationMs": )\d+(\.\d+)?/g, '$1_');
}
