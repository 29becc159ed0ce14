// Random hex for delimiters, marks and file names, read from /dev/urandom: a
// run that needs nothing else of node:crypto does not load it (about 4 ms of a
// short run's start). Elsewhere, node:crypto's randomBytes.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/** `bytes` random bytes as hex. */
export function randomHex(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString('hex');
  } catch {
    // no /dev/urandom: below
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return randomBytes(bytes).toString('hex');
}
