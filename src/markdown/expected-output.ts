// Turns the output lines written under a command into what matching and update
// need: the expected lines, a cram-style `[N]` exit line kept apart, and the
// offset where update may insert output when there is none.
import type { ContentLine } from './code-blocks.js';
import type { ExpectedLine } from './types.js';

/** Expected output of one command, its `[N]` exit line if any, and the insertion point. */
export interface ExpectedOutput {
  expected: ExpectedLine[];
  exitLine?: ExpectedLine;
  exitCode?: number;
  /** Start of the line after the last expected line (or after `after` when there are none). */
  insertAt: number;
}

const toExpected = (l: ContentLine): ExpectedLine => ({ text: l.text, line: l.line, start: l.start, end: l.end });

// Trailing blank lines are separators the author left, never part of the output.
export function readExpected(out: ContentLine[], insertAfterNone: number): ExpectedOutput {
  let last = out.length - 1;
  while (last >= 0 && out[last]!.text.trim() === '') last--;
  let exitLine: ExpectedLine | undefined;
  let exitCode: number | undefined;
  const m = last >= 0 ? /^\[(\d{1,3})\]\s*$/.exec(out[last]!.text) : null;
  if (m) {
    exitLine = toExpected(out[last]!);
    exitCode = Number(m[1]);
    last--;
    while (last >= 0 && out[last]!.text.trim() === '') last--;
  }
  const kept = out.slice(0, last + 1);
  const result: ExpectedOutput = { expected: kept.map(toExpected), insertAt: last >= 0 ? kept[last]!.next : insertAfterNone };
  if (exitLine) {
    result.exitLine = exitLine;
    result.exitCode = exitCode!;
  }
  return result;
}
