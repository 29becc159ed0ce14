// Where a runbook's snapshot lives: in a `snapshots/` folder beside the
// runbooks. When the runbook is inside a folder named `runbooks` (at any
// depth), its snapshot mirrors its path under a sibling `snapshots/`:
// `runbooks/net/k3s.md` → `snapshots/net/k3s.snap.json`. Otherwise it goes
// in `snapshots/` in the runbook's own folder: `docs/k3s.md` →
// `docs/snapshots/k3s.snap.json`.
import { basename, dirname, extname, join, relative, sep } from 'node:path';

/** The snapshot file for a runbook: `…/snapshots/<name without .md>.snap.json`. */
export function snapshotPath(runbookFile: string): string {
  const dir = dirname(runbookFile);
  const name = `${basename(runbookFile, extname(runbookFile))}.snap.json`;
  const parts = dir.split(/[\\/]/);
  const root = parts.lastIndexOf('runbooks');
  if (root === -1) return join(dir, 'snapshots', name);
  const base = parts.slice(0, root).join(sep) || (dir.startsWith(sep) ? sep : '.');
  const inner = relative(join(base, 'runbooks'), dir);
  return join(base, 'snapshots', inner, name);
}
