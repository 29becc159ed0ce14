// Runs the built CLI the way a user does: `node dist/cli.js ARGS` in a folder.
import { execa, type Result } from 'execa';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
// The bin users run: the bundle (npm run build makes it).
export const cliPath = join(root, 'dist', 'bundle', 'cli.cjs');

/** Runs `runbook ARGS`; never throws on a non-zero exit. */
export function runbook(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<Result> {
  return execa('node', [cliPath, ...args], {
    cwd: options.cwd ?? root,
    reject: false,
    all: true,
    stdin: 'ignore',
    env: { NO_COLOR: '1', ...options.env },
    timeout: options.timeout ?? 120_000,
  });
}

/** A fresh temp folder with copies of the given fixture files. */
export function scratch(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-test-'));
  for (const f of fixtures) cpSync(join(root, 'test', 'fixtures', f), join(dir, f.split('/').pop()!));
  return dir;
}

/** A fresh temp folder holding one runbook `rb.md` (or `name`) with this text. */
export function scratchWith(text: string, name = 'rb.md'): string {
  const dir = scratch();
  writeFileSync(join(dir, name), text);
  return dir;
}
