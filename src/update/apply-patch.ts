// Splices a patch into the source it was planned on. Edits are applied as
// one pass over the source in offset order (the same result as splicing end
// to start, without copying the whole file once per edit).
import type { Edit, Patch } from './types.js';

/** Edits in source order; insertions at an offset come before a replacement starting there. */
export function sortEdits(edits: Edit[]): Edit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The source with every edit of the patch applied; throws when edits overlap or fall outside the source. */
export function applyPatch(source: string, patch: Patch): string {
  const edits = sortEdits(patch.edits);
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start < 0 || e.end < e.start || e.end > source.length) {
      throw new Error(`${patch.file}: edit [${e.start}, ${e.end}) is outside the file (${source.length} characters); the runbook changed since it was read`);
    }
    if (e.start < at) throw new Error(`${patch.file}: edits overlap at offset ${e.start}; this is a bug in update, please report it`);
    parts.push(source.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(source.slice(at));
  return parts.join('');
}
