// `update --dry-run` prints what it would write as a unified diff.
import { createTwoFilesPatch } from 'diff';

/** A unified diff of the file before and after, `a/FILE` → `b/FILE`; empty when nothing changes. */
export function renderPatch(file: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
}
