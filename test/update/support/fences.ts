// Finds fenced code blocks in real-world markdown with a small line scanner
// (the real parser is tested elsewhere): enough to point steps at real blocks.
import type { ExpectedLine } from '../../../src/markdown/types.js';
import { linesOf } from './transcripts.js';

export interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  /** The content lines, with offsets. */
  content: ExpectedLine[];
  /** Offset of the closing fence line (or the end of the file). */
  closeAt: number;
}

/** Every top-level fenced block (``` or ~~~, indented at most 3 spaces). */
export function findFences(source: string): Fence[] {
  const lines = linesOf(source);
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\uFEFF?( {0,3})(`{3,}|~{3,})/.exec(lines[i]!.text);
    if (!open) continue;
    const marker = open[2]!;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    const content: ExpectedLine[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]!.text); j++) {
      const l = lines[j]!;
      content.push({ text: l.text, line: l.no, start: l.start, end: l.end });
    }
    out.push({ line: i + 1, content, closeAt: j < lines.length ? lines[j]!.start : source.length });
    i = j;
  }
  return out;
}
