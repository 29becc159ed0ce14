// An actual output line is written into the document as expected output. A
// line that the parser or matcher would read as syntax — a prompt, a fence,
// a `[N]` exit line, a ` (re)`/` (glob)`/` (esc)` suffix, an author comment —
// or that holds control characters is written cram-style instead: escaped,
// with an ` (esc)` suffix, so it still means exactly that line.
import { splitSuffix } from '../match/line-rules.js';
import { matchPrompt } from '../markdown/prompts.js';

export interface LineSyntax {
  /** Configured prompt patterns (tried before the defaults). */
  prompts?: RegExp[];
  /** The runbook's `comments:` pattern. */
  comments?: RegExp;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** The line as it must be written to read back as itself. */
export function guardLine(line: string, syntax: LineSyntax = {}): string {
  const risky =
    CONTROL.test(line) ||
    /^\s*(`{3,}|~{3,})/.test(line) ||
    /^\[\d{1,3}\]\s*$/.test(line) ||
    splitSuffix(line) !== null ||
    (syntax.comments?.test(line) ?? false) ||
    matchPrompt(line, syntax.prompts) !== null;
  return risky ? `${escapeLine(line)} (esc)` : line;
}

/** cram-style escapes: `\\`, control characters as `\xNN`, and the first character as `\xNN` so no prompt or fence starts the line. */
function escapeLine(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if ((i === 0 && code < 0x80 && c !== ' ') || CONTROL.test(c)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return out;
}
