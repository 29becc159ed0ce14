// cram/scrut-compatible line suffixes, keyed by the word the author types:
// `text (re)`, `text (glob)`, `text (esc)`, `text (no-eol)`, and scrut's
// spellings `(regex)`, `(escaped)`, `(equal)`, `(eq)`, `(gl)` with an
// optional quantifier: `(glob+)`, `(regex*)`, `(?)`. Each turns the line's
// body into a test of one actual line; a quantifier lets it match that many.

/** One actual output line: with escapes stripped, spaces collapsed (equal to raw under `exact`), and as printed (escapes kept). */
export interface ActualText {
  raw: string;
  text: string;
  /** The line with its terminal escapes kept: what `(esc)` lines compare against. */
  bytes?: string;
}

export interface RuleContext {
  exact: boolean;
  /** Whitespace-run equivalence, as applied to actual lines. */
  collapse: (s: string) => string;
}

/** A compiled rule; `invalid` says why it can never match (a regex JavaScript cannot read). */
export interface CompiledRule {
  test: (actual: ActualText) => boolean;
  invalid?: string;
}

export type LineRule = (body: string, ctx: RuleContext) => CompiledRule;

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

// cram writes Python regexes and scrut Rust ones: the few spellings JavaScript reads differently.
function pythonToJs(body: string): string {
  return body.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\A/g, '^').replace(/\\[Zz]/g, '$');
}

const literal: LineRule = (body, ctx) => {
  const want = ctx.collapse(body);
  return { test: (a) => a.text === want };
};

/** The rules by every name they are written with. */
export const lineRules: Record<string, LineRule> = {
  // The line is a regex tested on the actual line with escapes stripped, anchored as cram anchors
  // it (`re.match(body + '\Z')`): at the start for the whole regex, at the end after its text,
  // so a top-level `a|b` reads as "starts with a, or is b" there as here.
  re: (body) => {
    try {
      const re = new RegExp(`^(?:${pythonToJs(body)}$)`, 'u');
      return { test: (a) => re.test(a.raw) };
    } catch {
      try {
        const re = new RegExp(`^(?:${pythonToJs(body)}$)`);
        return { test: (a) => re.test(a.raw) };
      } catch (err) {
        return { test: () => false, invalid: `invalid regex in a (re) line: ${(err as Error).message}` };
      }
    }
  },
  glob: (body, ctx) => {
    const re = new RegExp(`^${globSource(ctx.collapse(body))}$`);
    return { test: (a) => re.test(a.text) };
  },
  // Escaped bytes are compared exactly, against the line as printed: the point of `(esc)` is bytes a markdown file cannot hold.
  esc: (body) => {
    const want = decodeEscapes(body);
    return { test: (a) => (a.bytes ?? a.raw) === want || a.raw === want };
  },
  equal: literal,
  // The body as text; that the output ends without a newline is checked on the whole step.
  'no-eol': literal,
};

// scrut's other spellings of the same rules.
const CANONICAL: Record<string, string> = { regex: 're', gl: 'glob', escaped: 'esc', eq: 'equal' };

/** How many actual lines a quantified line matches. */
export interface Quantity {
  min: number;
  max: number;
}

const QUANTITIES: Record<string, Quantity> = { '?': { min: 0, max: 1 }, '*': { min: 0, max: Infinity }, '+': { min: 1, max: Infinity } };

/** A line's suffix: the rule it names (`equal` for a bare quantifier), its quantity, and the body before it. */
export interface Suffix {
  rule: string;
  body: string;
  quantity?: Quantity;
  /** scrut's `… (escaped) (glob)`: the body's escapes are decoded first, and it is tested against the raw line. */
  escaped?: boolean;
}

/** A rule on a body written with escapes (`f?? \x1b[1mbar (escaped) (glob)`), tested against the line as printed. */
export function escapedRule(rule: LineRule, body: string): CompiledRule {
  const inner = rule(decodeEscapes(body), { exact: true, collapse: (s) => s });
  return { test: (a) => inner.test({ raw: a.bytes ?? a.raw, text: a.bytes ?? a.raw }), ...(inner.invalid ? { invalid: inner.invalid } : {}) };
}

/** The suffix of a line (` (re)` → `re`, ` (glob+)` → `glob` one or more, ` (?)` → `equal` optional) if it names a rule. */
export function splitSuffix(text: string): Suffix | null {
  if (!text.endsWith(')')) return null;
  const m = / \(([a-z-]*)([?*+]?)\)$/.exec(text.slice(-14));
  if (!m) return null;
  const written = m[1] || (m[2] ? 'equal' : '');
  const word = CANONICAL[written] ?? written;
  if (!Object.hasOwn(lineRules, word) || (m[2] && word === 'no-eol')) return null;
  let body = text.slice(0, text.length - m[0].length);
  const esc = word !== 'esc' ? / \((?:esc|escaped)\)$/.exec(body) : null;
  if (esc) body = body.slice(0, body.length - esc[0].length);
  return { rule: word, body, ...(m[2] ? { quantity: QUANTITIES[m[2]]! } : {}), ...(esc ? { escaped: true } : {}) };
}
