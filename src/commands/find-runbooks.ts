// `runbook check DIR` expands folders to the markdown files in them.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'snapshots', 'dist']);

/** A runbook file found by `check`, and its path relative to the check root (what `--shard` hashes). */
export interface FoundRunbook {
  path: string;
  /** `/`-separated path relative to the folder it was found in, or, for a file named directly, to the current folder. */
  key: string;
}

const slashed = (p: string) => p.split(sep).join('/');

/** Files as given, folders expanded (recursively, sorted) to their `.md` files, each with its key relative to its root. */
export function findRunbookFiles(paths: string[]): FoundRunbook[] {
  const out: FoundRunbook[] = [];
  const walk = (root: string, dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(root, full);
      else if (entry.isFile() && entry.name.endsWith('.md')) out.push({ path: full, key: slashed(relative(root, full)) });
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError('no such file or folder', path, 'give runbook files or folders that contain them');
    }
    if (isDir) walk(path, path);
    else out.push({ path, key: slashed(relative(process.cwd(), resolve(path)) || path) });
  }
  if (out.length === 0) throw new InputError('no runbooks found', paths.join(' '), 'a runbook is a .md file; give one or a folder that has some');
  return out;
}

/** Files as given, folders expanded (recursively, sorted) to their `.md` files. */
export function findRunbooks(paths: string[]): string[] {
  return findRunbookFiles(paths).map((f) => f.path);
}

/**
 * Orders runbook paths the way a folder is walked: `/`-separated segment by
 * segment, each compared as the walk compares names, so files under one root
 * come out in the order `check` runs them.
 */
export function compareRunbookPaths(a: string, b: string): number {
  const as = slashed(a).split('/');
  const bs = slashed(b).split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const c = as[i]!.localeCompare(bs[i]!);
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}
