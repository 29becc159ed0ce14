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
// `out` from `from` to `to` (exclusive): a transcript hands its lines without copying them.
export function readExpected(out: ContentLine[], insertAfterNone: number, from = 0, to = out.length): ExpectedOutput {
  let last = to - 1;
  while (last >= from && out[last]!.text.trim() === '') last--;
  let exitLine: ExpectedLine | undefined;
  let exitCode: number | undefined;
  const m = last >= from && out[last]!.text.startsWith('[') ? /^\[(\d{1,3})\]\s*$/.exec(out[last]!.text) : null;
  if (m) {
    exitLine = toExpected(out[last]!);
    exitCode = Number(m[1]);
    last--;
    while (last >= from && out[last]!.text.trim() === '') last--;
  }
  const expected: ExpectedLine[] = [];
  for (let i = from; i <= last; i++) expected.push(toExpected(out[i]!));
  const result: ExpectedOutput = { expected, insertAt: last >= from ? out[last]!.next : insertAfterNone };
  if (exitLine) {
    result.exitLine = exitLine;
    result.exitCode = exitCode!;
  }
  return result;
}
