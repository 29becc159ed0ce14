// Decides when a command typed at a prompt is complete, as bash would: a
// trailing `\`, an open heredoc (`<<EOF`, `<<-EOF`, `<<'EOF'`) or an open quote
// keep it going on the next line. A small lexer, not a shell parser: it knows
// quotes, comments, escapes, heredoc operators and `$(( … ))`, nothing else.
// Whether a lexically complete command still needs its `> ` lines (a `for`
// without its `done`, a trailing `|`) is bash's own grammar: `bash -n`.
import { spawnSync } from 'node:child_process';

/** Why a command is not complete yet, or null when it is. */
export type Incomplete = 'backslash' | 'heredoc' | 'quote' | null;

interface Heredoc {
  word: string;
  /** `<<-`: leading tabs are stripped from body lines and the terminator. */
  strip: boolean;
}

const HEREDOC = /^<<(-)?[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([^\s;&|<>()'"]+))/;

/** Feeds the lines of one command and says whether it needs more. */
export class CommandReader {
  private quote: "'" | '"' | "$'" | null = null;
  private backslash = false;
  private pending: Heredoc[] = [];
  private inBody = false;
  private arith = 0;

  // Whether the lines so far leave the command open, and why.
  get incomplete(): Incomplete {
    if (this.inBody) return 'heredoc';
    if (this.quote) return 'quote';
    if (this.backslash) return 'backslash';
    return null;
  }

  // Consumes one line of the command (continuation prompt already removed).
  feed(line: string): void {
    if (this.inBody) {
      const h = this.pending[0]!;
      const l = h.strip ? line.replace(/^\t+/, '') : line;
      if (l === h.word) {
        this.pending.shift();
        this.inBody = this.pending.length > 0;
      }
      return;
    }
    this.backslash = false;
    this.lex(line);
    if (this.pending.length > 0 && !this.backslash && !this.quote) this.inBody = true;
  }

  private lex(line: string): void {
    const n = line.length;
    for (let i = 0; i < n; i++) {
      const c = line[i]!;
      if (this.quote === "'") {
        if (c === "'") this.quote = null;
      } else if (this.quote === '"' || this.quote === "$'") {
        if (c === '\\') {
          if (i === n - 1 && this.quote === '"') this.backslash = true;
          i++;
        } else if (c === (this.quote === '"' ? '"' : "'")) this.quote = null;
      } else if (c === '\\') {
        if (i === n - 1) this.backslash = true;
        i++;
      } else if (c === "'") this.quote = "'";
      else if (c === '"') this.quote = '"';
      else if (c === '$' && line[i + 1] === "'") {
        this.quote = "$'";
        i++;
      } else if (c === '#' && (i === 0 || /[\s;&|()]/.test(line[i - 1]!))) return;
      else if (c === '(' && line[i + 1] === '(') {
        this.arith++;
        i++;
      } else if (c === ')' && line[i + 1] === ')' && this.arith > 0) {
        this.arith--;
        i++;
      } else if (c === '<' && line[i + 1] === '<') {
        if (line[i + 2] === '<') {
          i += 2;
          continue;
        }
        const m = this.arith > 0 ? null : HEREDOC.exec(line.slice(i));
        if (m) {
          this.pending.push({ word: m[2] ?? m[3] ?? m[4]!, strip: m[1] === '-' });
          i += m[0].length - 1;
        } else i++;
      }
    }
  }
}

const grammarCache = new Map<string, boolean>();

/**
 * True when bash's grammar says `command` is cut short: `bash -n` reports an
 * unexpected end of file (an open `for`/`if`/`case`/`{`/`(`, a trailing `|`,
 * `&&`, `||`). One `bash -n` (about 2 ms) per distinct text, called only when
 * a `> ` line follows a command the lexer finds complete. Without bash: false.
 */
export function grammarIncomplete(command: string): boolean {
  let known = grammarCache.get(command);
  if (known === undefined) {
    const r = spawnSync('bash', ['-n'], { input: `${command}\n`, encoding: 'utf8', timeout: 5000 });
    known = r.status === 2 && /unexpected end of file|unexpected EOF/.test(r.stderr ?? '');
    grammarCache.set(command, known);
  }
  return known;
}
