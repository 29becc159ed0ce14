// `runbook check DIR` expands folders to the markdown files in them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'snapshots', 'dist']);

/** Files as given, folders expanded (recursively, sorted) to their `.md` files. */
export function findRunbooks(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) out.push(full);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError('no such file or folder', path, 'give runbook files or folders that contain them');
    }
    if (isDir) walk(path);
    else out.push(path);
  }
  if (out.length === 0) throw new InputError('no runbooks found', paths.join(' '), 'a runbook is a .md file; give one or a folder that has some');
  return out;
}
