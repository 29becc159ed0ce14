// Both sides of a comparison are normalized the same way (PRODUCT.md §4):
// ANSI escapes stripped, CRLF → LF, trailing spaces/tabs and trailing blank
// lines dropped. Whitespace-run equivalence is a separate, per-line step
// (`collapseSpaces`) because `exact` turns it off and `(re)` lines see raw text.

// CSI (colours, cursor moves), OSC (titles, hyperlinks, ended by BEL or ST), and two-byte ESC sequences.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes terminal escape sequences, leaving the text a person saw. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** Drops spaces and tabs at the end of a line. */
export function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** A command's output as normalized lines: what the matcher and the diff see; `keepEscapes` for what `(esc)` lines compare against. */
export function normalizeOutput(output: string, keepEscapes = false): string[] {
  let text = keepEscapes ? output : stripAnsi(output);
  if (text.includes('\r')) text = text.replace(/\r\n/g, '\n');
  if (text === '') return [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = trimLineEnd(lines[i]!);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// kubectl tables re-align when a value changes length: any run of spaces/tabs is one space.
export function collapseSpaces(line: string): string {
  return line.includes('  ') || line.includes('\t') ? line.replace(/[ \t]+/g, ' ') : line;
}
