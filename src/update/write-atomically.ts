// How runbooks and snapshots are written: atomically (replaceFile: temp file,
// fsync, rename), with SIGINT/SIGTERM held back for the few milliseconds of
// the write so that no temp file is left behind either; a signal that came
// in is delivered right after.
import { deferSignals } from './defer-signals.js';
import { replaceFile } from './replace-file.js';

/** Replaces `file` with `text`, whole or not at all; throws an InputError naming the file and the fix. */
export async function writeAtomically(file: string, text: string, onSignal?: (signal: NodeJS.Signals) => void): Promise<void> {
  await deferSignals(() => replaceFile(file, text), onSignal);
}
