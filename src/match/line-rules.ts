// cram/scrut-compatible line suffixes, keyed by the word the author types:
// `text (re)`, `text (glob)`, `text (esc)`. Each turns the line's body into a
// test of one actual line.
import { InputError } from '../errors.js';

/** One actual output line, raw and with spaces collapsed (equal to raw under `exact`). */
export interface ActualText {
  raw: string;
  text: string;
}

export interface RuleContext {
  exact: boolean;
  /** `file:line` of the expected line, for errors. */
  where: string;
  /** Whitespace-run equivalence, as applied to actual lines. */
  collapse: (s: string) => string;
}

export type LineRule = (body: string, ctx: RuleContext) => (actual: ActualText) => boolean;

/** Escapes text for use as a literal inside a regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Python-style escapes as cram writes them: \t \n \r \\ \xNN \0 \a \b \f \v \e.
function decodeEscapes(body: string): string {
  const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', "'": "'", '"': '"' };
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (all, code: string) => {
    if (code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    return simple[code] ?? all;
  });
}

// Glob to an anchored regex: `*` any text, `?` one character, `\*` `\?` `\\` literal.
function globSource(body: string): string {
  let src = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length && '*?\\'.includes(body[i + 1]!)) src += escapeRegex(body[++i]!);
    else if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else src += escapeRegex(c);
  }
  return src;
}

/** The registry of line suffixes. */
export const lineRules: Record<string, LineRule> = {
  // The line is a JavaScript regex, anchored to the whole line, tested on the raw actual line.
  re: (body, ctx) => {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${body})$`);
    } catch (err) {
      throw new InputError(
        `invalid regex in a (re) line: ${(err as Error).message}`,
        ctx.where,
        'fix the regex (JavaScript syntax), or remove the " (re)" suffix to compare the line as text',
      );
    }
    return (a) => re.test(a.raw);
  },
  glob: (body, ctx) => {
    const re = new RegExp(`^${globSource(ctx.collapse(body))}$`);
    return (a) => re.test(a.text);
  },
  // Escaped bytes are compared exactly: the point of `(esc)` is bytes a markdown file cannot hold.
  esc: (body) => {
    const want = decodeEscapes(body);
    return (a) => a.raw === want;
  },
};

/** The suffix word of a line (` (re)` → `re`) if it names a rule, and the body before it. */
export function splitSuffix(text: string): { rule: string; body: string } | null {
  if (!text.endsWith(')')) return null;
  const m = / \(([a-z]+)\)$/.exec(text.slice(-12));
  if (!m || !Object.hasOwn(lineRules, m[1]!)) return null;
  return { rule: m[1]!, body: text.slice(0, text.length - m[0].length) };
}
