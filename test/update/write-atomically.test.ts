// The writer must leave either the old file or the new one, whole, and never
// a temp file; a file it cannot write gets an error that names it and the fix.
// Run as root (as in the CI container), chmod does not stop writes: protection
// comes from `chattr +i` and a tiny tmpfs, which really fail for root too.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { writeAtomically } from '../../src/update/write-atomically.js';

const isRoot = process.getuid?.() === 0;
let dir: string;

/** Whether a shell command succeeds. */
function can(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes a path unwritable in a way that stops root too (chattr +i), or plain chmod for other users. */
function protect(path: string, on: boolean): void {
  if (isRoot) execFileSync('chattr', [on ? '+i' : '-i', path]);
  else chmodSync(path, on ? (statSync(path).isDirectory() ? 0o555 : 0o444) : statSync(path).isDirectory() ? 0o755 : 0o644);
}

const probe = mkdtempSync(join(tmpdir(), 'runbook-probe-'));
writeFileSync(join(probe, 'f'), '');
const canProtect = !isRoot || can('chattr', ['+i', join(probe, 'f')]);
if (isRoot) can('chattr', ['-i', join(probe, 'f')]);
const canMount = isRoot && can('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]) && can('umount', [probe]);
rmSync(probe, { recursive: true, force: true });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeAtomically', () => {
  it('replaces the file, keeps its mode, writes through a symlink, leaves no temp file', async () => {
    const file = join(dir, 'doc.md');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    await writeAtomically(file, 'new\r\n\uFEFF');
    expect(readFileSync(file, 'utf8')).toBe('new\r\n\uFEFF');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    symlinkSync(file, join(dir, 'link.md'));
    await writeAtomically(join(dir, 'link.md'), 'via link\n');
    expect(readFileSync(file, 'utf8')).toBe('via link\n');
    expect(readdirSync(dir).sort()).toEqual(['doc.md', 'link.md']);
  });

  it.skipIf(!canProtect)('a protected file: a clear error, the original intact, no temp file', async () => {
    const file = join(dir, 'doc.md');
    writeFileSync(file, 'original\n');
    protect(file, true);
    try {
      const err = await writeAtomically(file, 'new\n').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).format()).toMatch(/doc\.md: cannot write the file \((EPERM|EACCES)\); it was left unchanged\n {2}.*writable/);
    } finally {
      protect(file, false);
    }
    expect(readFileSync(file, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['doc.md']);
  });

  it.skipIf(!canProtect)('a protected folder: a clear error, the original intact, no temp file', async () => {
    const sub = join(dir, 'runbooks');
    mkdirSync(sub);
    const file = join(sub, 'doc.md');
    writeFileSync(file, 'original\n');
    protect(sub, true);
    try {
      const err = await writeAtomically(file, 'new\n').catch((e: unknown) => e);
      expect((err as InputError).where).toBe(file);
      expect((err as InputError).fix).toMatch(/writable/);
    } finally {
      protect(sub, false);
    }
    expect(readFileSync(file, 'utf8')).toBe('original\n');
    expect(readdirSync(sub)).toEqual(['doc.md']);
  });

  it.skipIf(!canMount)('a full disk: a clear error, the original intact, no temp file', async () => {
    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const file = join(mnt, 'doc.md');
      writeFileSync(file, 'original\n');
      const err = await writeAtomically(file, 'x'.repeat(1024 * 1024)).catch((e: unknown) => e);
      expect((err as InputError).format()).toMatch(/cannot write the file \(ENOSPC\); it was left unchanged\n {2}the disk is full/);
      expect(readFileSync(file, 'utf8')).toBe('original\n');
      expect(readdirSync(mnt)).toEqual(['doc.md']);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
