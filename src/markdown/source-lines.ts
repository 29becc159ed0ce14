// The file's lines with their offsets into the text as read, so every position
// handed on (ExpectedLine.start/end, insertAt) points into the original bytes
// whatever the line endings (LF, CRLF, CR) and whether a BOM leads the file.

/** One line of the markdown file, without its line ending. */
export interface SourceLine {
  /** 1-based line number. */
  line: number;
  text: string;
  /** Offset of the line's first character (after the BOM on line 1). */
  start: number;
  /** Offset just past the last character, before the line ending. */
  end: number;
  /** Offset of the next line's first character (end + length of the line ending). */
  next: number;
}

// Splits once, up front: later stages look lines up by number in O(1).
export function indexLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Most files end their lines with \n alone: found by indexOf, much faster than the regex.
  if (!source.includes('\r')) {
    for (let at = source.indexOf('\n', start); at !== -1; at = source.indexOf('\n', start)) {
      lines.push({ line: lines.length + 1, text: source.slice(start, at), start, end: at, next: at + 1 });
      start = at + 1;
    }
    lines.push({ line: lines.length + 1, text: source.slice(start), start, end: source.length, next: source.length });
    return lines;
  }
  const re = /\r\n|\n|\r/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    lines.push({ line: lines.length + 1, text: source.slice(start, m.index), start, end: m.index, next: re.lastIndex });
    start = re.lastIndex;
  }
  lines.push({ line: lines.length + 1, text: source.slice(start), start, end: source.length, next: source.length });
  return lines;
}
