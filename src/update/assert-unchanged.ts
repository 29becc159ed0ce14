// A run can take minutes; if the runbook was edited meanwhile (an editor
// saved it), writing the planned patch would throw those edits away. The
// patch's offsets are into the text as read, so update refuses instead. It
// also refuses a file that is not valid UTF-8: its text as read already lost
// the bad bytes, so writing it back would change bytes update does not own.
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Throws when `file`'s bytes on disk are no longer exactly `source`, the text the run planned on. */
export async function assertUnchangedOnDisk(file: string, source: string): Promise<void> {
  const bytes = await readFile(file).catch(() => null);
  const again = 'run `runbook update` again on the current file';
  if (bytes === null) throw new InputError('the runbook disappeared while it ran; nothing was written', file, again);
  if (bytes.equals(Buffer.from(source, 'utf8'))) return;
  if (bytes.toString('utf8') === source) {
    throw new InputError('the runbook is not valid UTF-8; it was not rewritten, since that would change bytes outside the updated output', file, 'convert it to UTF-8 (iconv -f latin1 -t utf-8), then run update again');
  }
  throw new InputError('the runbook changed on disk while it ran; it was not rewritten, so your edits are kept', file, again);
}
