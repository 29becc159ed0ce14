// The file's own line ending, so inserted lines look like their neighbours.

/** CRLF when the file's first line break is CRLF, else LF (a file with no line break gets LF). */
export function detectEol(source: string): '\n' | '\r\n' {
  const nl = source.indexOf('\n');
  return nl > 0 && source[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the first character of the line that holds `offset` (its container prefix included). */
export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the first character of the line after the one that holds `offset` (source length at the end). */
export function nextLineStart(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl === -1 ? source.length : nl + 1;
}
