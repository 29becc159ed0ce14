// One expected line compiled into a test of one actual line. Plain lines with
// volatile values are walked first (literal stretches compared in place, each
// value matched by its class regex at that position) and fall back to a regex
// built from the same pieces, compiled only when a walk fails, so 100,000
// matching lines cost no regex compilation. Under `unordered`, where actual
// lines are tokenized anyway, equal skeletons (literals + class names) match.
import { collapseSpaces, trimLineEnd } from './normalize.js';
import { escapeRegex, lineRules, splitSuffix } from './line-rules.js';
import { classRegex, findValues, piecesOf, skeleton, tokenize, type Piece } from './tokenize.js';
import type { ActualText } from './line-rules.js';
import type { ExpectedLine, MatchOptions, VolatileClass } from './types.js';

/** An actual line, tokenized on demand (once) with the block's classes. */
export interface ActualLine extends ActualText {
  pieces?: Piece[];
  key?: string;
}

/** A volatile value written in an expected line: its piece (`text` is the expected value). */
export type Token = Piece & { cls: VolatileClass };

export interface LineMatcher {
  /** `skip`: a comment or trailing blank line, never compared; `elide`: a `[...]` line, zero or more lines. */
  kind: 'skip' | 'elide' | 'line';
  readonly tokens: Token[];
  /** Pieces of a plain line without inline `[...]`: actual lines with the same skeleton match it. */
  readonly pieces?: Piece[] | undefined;
  /** The actual values of `tokens`, in order, or null when the line does not match. */
  test(actual: ActualLine): string[] | null;
  /** Calls `each` for every token, in order, without building pieces (for large blocks). */
  forEachToken?(each: (cls: VolatileClass, expected: string, i: number) => void): void;
}

const NONE: string[] = [];
const never = (): null => null;

/** The actual line as the matcher sees it. */
export function actualLine(raw: string, exact: boolean): ActualLine {
  return { raw, text: exact ? raw : collapseSpaces(raw) };
}

// How many capture groups a class pattern has of its own, to find ours after it.
function groupCount(pattern: string): number {
  return new RegExp(`(?:${pattern})|`).exec('')!.length - 1;
}

// The regex of a plain line: literals escaped, each value a group of its class, `[...]` any text.
function lineRegex(parts: Piece[][]): { re: RegExp; groups: number[] } {
  let src = '';
  let group = 1;
  const groups: number[] = [];
  parts.forEach((pieces, i) => {
    if (i > 0) src += '.*?';
    for (const p of pieces) {
      if (!p.cls) src += escapeRegex(p.text);
      else {
        groups.push(group);
        src += `((?:${p.cls.pattern}))`;
        group += 1 + groupCount(p.cls.pattern);
      }
    }
  });
  return { re: new RegExp(`^${src}$`), groups };
}

// Does `b` hold `a`'s characters [from, to) at position `at`?
function sameAt(a: string, from: number, to: number, b: string, at: number): boolean {
  if (at + to - from > b.length) return false;
  for (let i = from; i < to; i++) if (a.charCodeAt(i) !== b.charCodeAt(at + i - from)) return false;
  return true;
}

// Walks an actual line along the expected text: literal stretches must follow at once, each value
// is its class's match at that position. No backtracking: when this fails, the regex decides.
function walk(text: string, spans: Int32Array, classes: VolatileClass[], actual: string): string[] | null {
  let pos = 0;
  let at = 0;
  const values: string[] = [];
  for (let k = 0; k < spans.length; k += 3) {
    const start = spans[k]!;
    if (!sameAt(text, at, start, actual, pos)) return null;
    pos += start - at;
    const re = classRegex(classes[spans[k + 2]!]!.pattern, 'y');
    re.lastIndex = pos;
    const m = re.exec(actual);
    if (!m || m[0] === '') return null;
    values.push(m[0]);
    pos += m[0].length;
    at = spans[k + 1]!;
  }
  return sameAt(text, at, text.length, actual, pos) && pos + text.length - at === actual.length ? values : null;
}

// A plain line (no suffix rule): literal text, volatile values, inline `[...]`. A class, not a
// closure, and values kept as spans, not objects: a large block holds one of these per line,
// and fewer objects mean less work for the garbage collector.
class PlainLine implements LineMatcher {
  readonly kind = 'line';
  private key: string | undefined;
  private compiled: { re: RegExp; groups: number[] } | undefined;

  /** `spans` (from findValues) for a line without inline `[...]`; `parts` for one with. */
  constructor(
    private readonly text: string,
    private readonly classes: VolatileClass[],
    private readonly spans: Int32Array | null,
    private readonly parts: Piece[][] | null,
  ) {}

  get pieces(): Piece[] | undefined {
    return this.spans ? piecesOf(this.text, this.spans, this.classes) : undefined;
  }

  get tokens(): Token[] {
    const parts = this.parts ?? [this.pieces!];
    const tokens: Token[] = [];
    for (const pieces of parts) for (const p of pieces) if (p.cls) tokens.push(p as Token);
    return tokens;
  }

  forEachToken(each: (cls: VolatileClass, expected: string, i: number) => void): void {
    if (!this.spans) return this.tokens.forEach((t, i) => each(t.cls, t.text, i));
    for (let k = 0; k < this.spans.length; k += 3) each(this.classes[this.spans[k + 2]!]!, this.text.slice(this.spans[k]!, this.spans[k + 1]!), k / 3);
  }

  test(a: ActualLine): string[] | null {
    const spans = this.spans;
    if (spans) {
      if (spans.length === 0) return a.text === this.text ? NONE : null;
      // Skeletons when the actual line is tokenized already (unordered), else a walk: no regex to compile.
      if (a.key !== undefined && a.pieces && a.key === (this.key ??= skeleton(this.pieces!))) return a.pieces.filter((p) => p.cls).map((p) => p.text);
      const values = walk(this.text, spans, this.classes, a.text);
      if (values) return values;
    }
    this.compiled ??= lineRegex(this.parts ?? [this.pieces!]);
    const m = this.compiled.re.exec(a.text);
    return m ? this.compiled.groups.map((g) => m[g]!) : null;
  }
}

/** Compiles one expected line; throws InputError for an invalid `(re)` line. */
export function compileLine(line: ExpectedLine, options: MatchOptions): LineMatcher {
  const raw = trimLineEnd(line.text);
  if (options.comments) {
    options.comments.lastIndex = 0;
    if (options.comments.test(raw)) return { kind: 'skip', tokens: [], test: never };
  }
  const collapse = options.exact ? (s: string) => s : collapseSpaces;
  const text = collapse(raw);
  if (text.trim() === '[...]') return { kind: 'elide', tokens: [], test: never };
  const suffix = splitSuffix(raw);
  if (suffix) {
    const ctx = { exact: options.exact, where: `${options.file}:${line.line}`, collapse };
    const rule = lineRules[suffix.rule]!(suffix.body, ctx);
    return { kind: 'line', tokens: [], test: (a) => (rule(a) ? NONE : null) };
  }
  if (text.includes('[...]')) return new PlainLine(text, options.classes, null, text.split('[...]').map((t) => tokenize(t, options.classes)));
  return new PlainLine(text, options.classes, findValues(text, options.classes), null);
}
