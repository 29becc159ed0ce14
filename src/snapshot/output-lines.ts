// Output is stored as an array of lines so a re-recorded snapshot diffs line
// by line in review; the split is lossless (a final newline or its absence is kept).

/** Output text → lines, losslessly: `joinOutput(splitOutput(s))` is `s`. */
export function splitOutput(output: string): { lines: string[]; noFinalNewline: boolean } {
  if (output === '') return { lines: [], noFinalNewline: false };
  const final = output.endsWith('\n');
  return { lines: (final ? output.slice(0, -1) : output).split('\n'), noFinalNewline: !final };
}

/** Lines → output text, the inverse of splitOutput. */
export function joinOutput(lines: string[], noFinalNewline: boolean): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (noFinalNewline ? '' : '\n');
}
