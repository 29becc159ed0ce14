// Replaces a file so that a reader, a crash or a signal sees either the old
// file or the new one, never half of one: the text goes to a temp file in the
// same folder (same filesystem), is fsynced, gets the old file's mode, and is
// renamed over the file. Any failure removes the temp file and leaves the
// original as it was. (writeAtomically adds signal deferral around this.)
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** Atomically replaces `file` with `text` (UTF-8), keeping its mode; a symlink's target is written. */
export async function replaceFile(file: string, text: string): Promise<void> {
  const target = await realTarget(file);
  const old = await fs.stat(target).catch(() => null);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', old ? old.mode & 0o7777 : 0o666);
    await handle.writeFile(text, 'utf8');
    if (old) {
      await handle.chmod(old.mode & 0o7777);
      if (process.getuid?.() === 0) await handle.chown(old.uid, old.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(file, err);
  }
  await syncDir(dirname(target));
}

/** The file a path names, following symlinks, so a linked runbook is updated and the link kept. */
async function realTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

/** Makes the rename durable; some filesystems cannot fsync a folder, which is fine. */
async function syncDir(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r').catch(() => null);
  await h?.sync().catch(() => undefined);
  await h?.close().catch(() => undefined);
}

/** An error that says what could not be written, why, and how to fix it; the original is intact. */
export function writeError(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const why = (err as Error)?.message ?? String(err);
  const fixes: Record<string, string> = {
    EACCES: 'make the file and its folder writable (chmod u+w), then run again',
    EPERM: 'the file or its folder is protected (chattr -i, or file permissions): make both writable, then run again',
    EROFS: 'the file is on a read-only filesystem: copy the runbook somewhere writable, or remount read-write',
    ENOSPC: 'the disk is full: free some space, then run again',
    EDQUOT: 'the disk quota is exhausted: free some space, then run again',
  };
  const fix = fixes[code] ?? 'check that the file and its folder are writable, then run again';
  return new InputError(`cannot write the file (${code || why}); it was left unchanged`, file, fix);
}
