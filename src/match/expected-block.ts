// The expected lines of one step, compiled on first use into flat arrays.
// A 100,000-line step must not cost an object per line (the garbage collector
// then spends more than the matching): each line is a kind, its collapsed
// text, and its volatile values as [start, end, class] triples in one shared
// Int32Array. A plain line is tested by a walk (literal stretches compared in
// place, each value matched by its class regex at that position) and falls
// back to a regex built from the same pieces only when the walk fails and
// its literals could still fit. `(re)`/`(glob)`/`(esc)` and inline `[...]`
// lines are few: they keep a compiled test each.
import { escapedRule, lineRules, splitSuffix, type ActualText, type Quantity } from './line-rules.js';
import { lineRegex, literalsFit, walk, type LineRegex } from './walk-line.js';
import { collapseSpaces, trimLineEnd } from './normalize.js';
import { classRegex, foundValues, scanValues, skeletonOf, tokenize, type Piece } from './tokenize.js';
import type { ExpectedLine, MatchOptions, VolatileClass } from './types.js';

/** Kinds of expected line. */
export const SKIP = 0; // a trailing blank line: never compared
export const ELIDE = 1; // a `[...]` line: zero or more actual lines
export const PLAIN = 2; // literal text and volatile values
export const RULE = 3; // a ` (re)`, ` (glob)`, ` (esc)`, ` (equal)` or ` (no-eol)` line
export const INLINE = 4; // a line with `[...]` inside
export const OPTIONAL = 5; // an author comment: pairs with an equal actual line if there is one, never required

// Most steps have only plain lines: their blocks share these empty maps and make their own on first write.
const NONE = new Map<never, never>();
const own = <K, V>(m: Map<K, V>): Map<K, V> => (m === NONE ? new Map<K, V>() : m);

// Each class list's sticky regexes, made once for the run rather than once per step.
const stickyByClasses = new WeakMap<VolatileClass[], RegExp[]>();

// Where the last successful `test` found its values: read at once by the caller (matching is
// synchronous), so one buffer serves every block instead of a typed array per step.
let sharedFound = new Int32Array(64);

/**
 * Is this expected line plain (literal text and volatile values: no comment, `[...]` or rule
 * suffix)? `raw` is the line with its end trimmed, `text` what it is compared as.
 */
export function isPlainLine(raw: string, text: string, options: MatchOptions): boolean {
  if (options.comments) {
    options.comments.lastIndex = 0;
    if (options.comments.test(raw)) return false;
  }
  return !text.includes('[...]') && splitSuffix(raw) === null;
}

/** What an expected line (its end trimmed) is compared as: runs of spaces collapsed unless `exact`. */
export function comparedText(raw: string, options: MatchOptions): string {
  return options.exact ? raw : collapseSpaces(raw);
}

export class ExpectedBlock {
  readonly kinds: Uint8Array;
  /** Trimmed text, runs of spaces collapsed unless `exact`: what actual lines are compared with. */
  readonly texts: string[];
  /** Line e's first triple in `spans`, -1 until compiled. */
  private readonly first: Int32Array;
  /** How many values line e has. */
  private readonly counts: Int32Array;
  private spans: Int32Array;
  private used = 0;
  private rules: Map<number, (a: ActualText) => boolean> = NONE;
  /** Quantified lines (`(glob+)`, `(regex*)`, `(?)`): how many actual lines each matches. */
  quantities: Map<number, Quantity> = NONE;
  /** Rule lines that can never match, and why (a regex JavaScript cannot read). */
  invalid: Map<number, string> = NONE;
  /** `(no-eol)` lines: the output must end, without a newline, on the line each matches. */
  readonly noEol: number[] = [];
  /** Some line is `(esc)`: actual lines are needed with their escapes kept. */
  needsBytes = false;
  /** Inline `[...]` lines: their parts, tokenized, and their values in order. */
  private parts: Map<number, { parts: Piece[][]; tokens: Piece[] }> = NONE;
  private regexes: Map<number, LineRegex> = NONE;
  private readonly sticky: RegExp[];
  /** How many values of each class (index into `classes`) the lines compiled so far hold. */
  readonly classCounts: Int32Array;
  /** [start, end) in the actual text of each value found by the last successful `test` (read it at once). */
  get found(): Int32Array {
    return sharedFound;
  }

  private ensureFound(values: number): void {
    if (2 * values > sharedFound.length) sharedFound = new Int32Array(Math.max(2 * values, 2 * sharedFound.length));
  }

  constructor(
    expected: ExpectedLine[],
    private readonly options: MatchOptions,
  ) {
    const n = expected.length;
    // Sized to the block: a runbook of many small steps must not allocate 12 KiB a step.
    this.spans = new Int32Array(Math.max(48, 12 * n));
    this.kinds = new Uint8Array(n);
    this.texts = new Array<string>(n);
    this.first = new Int32Array(n).fill(-1);
    this.counts = new Int32Array(n);
    let sticky = stickyByClasses.get(options.classes);
    if (!sticky) stickyByClasses.set(options.classes, (sticky = options.classes.map((c) => classRegex(c.pattern, 'y'))));
    this.sticky = sticky;
    this.classCounts = new Int32Array(options.classes.length);
    let trailing = true;
    for (let e = n - 1; e >= 0; e--) {
      const raw = trimLineEnd(expected[e]!.text);
      // Blank lines at the end are never compared (both sides drop trailing blanks).
      trailing &&= raw === '';
      this.texts[e] = trailing ? '' : this.classify(e, raw, expected[e]!);
    }
  }

  /** The block's classes, in priority order. */
  get classes(): VolatileClass[] {
    return this.options.classes;
  }

  // Kind of line e (and its test, for the few lines that need one); returns the text compared.
  private classify(e: number, raw: string, line: ExpectedLine): string {
    const { options } = this;
    const text = comparedText(raw, options);
    if (isPlainLine(raw, text, options)) return this.kind(e, PLAIN, text);
    if (options.comments) {
      options.comments.lastIndex = 0;
      if (options.comments.test(raw)) return this.kind(e, OPTIONAL, text);
    }
    const elided = text.includes('[...]');
    if (elided && text.trim() === '[...]') return this.kind(e, ELIDE, text);
    const suffix = splitSuffix(raw);
    if (suffix) {
      const collapse = options.exact ? (s: string) => s : collapseSpaces;
      const rule = suffix.escaped ? escapedRule(lineRules[suffix.rule]!, suffix.body) : lineRules[suffix.rule]!(suffix.body, { exact: options.exact, collapse });
      (this.rules = own(this.rules)).set(e, rule.test);
      if (rule.invalid) (this.invalid = own(this.invalid)).set(e, `${options.file}:${line.line}: ${rule.invalid}`);
      if (suffix.quantity) (this.quantities = own(this.quantities)).set(e, suffix.quantity);
      if (suffix.rule === 'no-eol') this.noEol.push(e);
      if (suffix.rule === 'esc' || suffix.escaped) this.needsBytes = true;
      return this.kind(e, RULE, text);
    }
    if (elided) {
      const parts = text.split('[...]').map((t) => tokenize(t, options.classes));
      const tokens = parts.flat().filter((p) => p.cls);
      (this.parts = own(this.parts)).set(e, { parts, tokens });
      this.counts[e] = tokens.length;
      this.ensureFound(tokens.length);
      return this.kind(e, INLINE, text);
    }
    return this.kind(e, PLAIN, text);
  }

  private kind(e: number, kind: number, text: string): string {
    this.kinds[e] = kind;
    return text;
  }

  // Finds the values of plain line e, once.
  private compile(e: number): number {
    let at = this.first[e]!;
    if (at >= 0) return at;
    const size = scanValues(this.texts[e]!, this.options.classes);
    if (this.used + size > this.spans.length) {
      const grown = new Int32Array(Math.max(2 * this.spans.length, this.used + size));
      grown.set(this.spans.subarray(0, this.used));
      this.spans = grown;
    }
    const values = foundValues();
    for (let i = 0; i < size; i++) this.spans[this.used + i] = values[i]!;
    for (let i = 2; i < size; i += 3) this.classCounts[values[i]!]!++;
    at = this.used;
    this.used += size;
    this.first[e] = at;
    this.counts[e] = size / 3;
    this.ensureFound(this.counts[e]!);
    return at;
  }

  /** How many volatile values line e has (0 for every kind but plain and inline lines). */
  valueCount(e: number): number {
    if (this.kinds[e] === PLAIN) this.compile(e);
    return this.counts[e]!;
  }

  /** The class of line e's i-th value. */
  valueClass(e: number, i: number): VolatileClass {
    if (this.kinds[e] === INLINE) return this.parts.get(e)!.tokens[i]!.cls!;
    return this.options.classes[this.spans[this.compile(e) + 3 * i + 2]!]!;
  }

  /** Line e's i-th value as written in the expected output. */
  valueText(e: number, i: number): string {
    if (this.kinds[e] === INLINE) return this.parts.get(e)!.tokens[i]!.text;
    const at = this.compile(e) + 3 * i;
    return this.texts[e]!.slice(this.spans[at]!, this.spans[at + 1]!);
  }

  /** Literals and class names of a plain line: actual lines with the same skeleton match it. */
  skeleton(e: number): string | undefined {
    if (this.kinds[e] !== PLAIN) return undefined;
    const at = this.compile(e);
    return skeletonOf(this.texts[e]!, this.spans.subarray(at, at + 3 * this.counts[e]!), this.options.classes);
  }

  /**
   * Does line e match the actual line (`raw`, `text` as compared, `bytes` with escapes kept)?
   * If so, `found` holds its values' offsets in `text`.
   */
  test(e: number, raw: string, text: string, bytes?: string): boolean {
    switch (this.kinds[e]) {
      case PLAIN: {
        const at = this.compile(e);
        const count = this.counts[e]!;
        const want = this.texts[e]!;
        if (want === text) {
          // The same text: each value is itself.
          for (let i = 0; i < count; i++) {
            sharedFound[2 * i] = this.spans[at + 3 * i]!;
            sharedFound[2 * i + 1] = this.spans[at + 3 * i + 1]!;
          }
          return true;
        }
        if (count === 0) return false;
        if (walk(want, this.spans, at, count, this.sticky, text, sharedFound)) return true;
        // The walk takes each value's first match; only a regex can backtrack. Not worth one unless the literals fit.
        if (!literalsFit(want, this.spans, at, count, text)) return false;
        return this.regexTest(e, text);
      }
      case OPTIONAL:
        return this.texts[e] === text;
      case RULE:
        // As in cram: a line equal to the actual line matches, whatever its suffix.
        return this.texts[e] === text || this.rules.get(e)!(bytes === undefined ? { raw, text } : { raw, text, bytes });
      case INLINE:
        return this.regexTest(e, text);
      default:
        return false;
    }
  }

  // The line as one regex (values as groups of their class, inline `[...]` as any text).
  private regexTest(e: number, text: string): boolean {
    let r = this.regexes.get(e);
    if (!r) {
      const at = this.first[e]!;
      const parts = this.parts.get(e)?.parts ?? [this.piecesAt(e, at)];
      (this.regexes = own(this.regexes)).set(e, (r = lineRegex(parts)));
    }
    const m = r.re.exec(text);
    if (!m) return false;
    const indices = m.indices!;
    r.groups.forEach((g, i) => {
      sharedFound[2 * i] = indices[g]![0];
      sharedFound[2 * i + 1] = indices[g]![1];
    });
    return true;
  }

  // Plain line e as pieces (for its regex).
  private piecesAt(e: number, at: number): Piece[] {
    const text = this.texts[e]!;
    const pieces: Piece[] = [];
    let from = 0;
    for (let i = 0; i < this.counts[e]!; i++) {
      const start = this.spans[at + 3 * i]!;
      const end = this.spans[at + 3 * i + 1]!;
      if (start > from) pieces.push({ text: text.slice(from, start) });
      pieces.push({ text: text.slice(start, end), cls: this.options.classes[this.spans[at + 3 * i + 2]!]! });
      from = end;
    }
    if (from < text.length || pieces.length === 0) pieces.push({ text: text.slice(from) });
    return pieces;
  }

  /** The values found by the last successful `test` of line e, as text of the actual line. */
  values(e: number, text: string): string[] {
    const count = this.counts[e]!;
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) out[i] = text.slice(sharedFound[2 * i]!, sharedFound[2 * i + 1]!);
    return out;
  }
}
