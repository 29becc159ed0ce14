// Splits a line into literal text and volatile values. Classes claim text in
// priority order (the order of `classes`), each taking its longest match; a
// value is never part of a longer word (`k3s1` holds no age, `110.43.0.1` no
// `10.43.0.1`). Expected and actual lines go through the same function, so
// two lines with the same skeleton (literals + class names) always match.
import type { VolatileClass } from './types.js';
import { speedups } from './volatile-classes.js';

/** A run of literal text, or one value of a volatile class. */
export interface Piece {
  text: string;
  cls?: VolatileClass;
}

const compiled = { g: new Map<string, RegExp>(), y: new Map<string, RegExp>() };

/** One regex per class pattern and flag (`g` to scan a line, `y` to match at a position), shared by every line. */
export function classRegex(pattern: string, flag: 'g' | 'y' = 'g'): RegExp {
  let re = compiled[flag].get(pattern);
  if (!re) compiled[flag].set(pattern, (re = new RegExp(pattern, flag)));
  return re;
}

const word = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

// A match is a whole value only if it does not continue a word on either side.
function standsAlone(text: string, start: number, end: number): boolean {
  if (start > 0 && word(text.charCodeAt(start)) && word(text.charCodeAt(start - 1))) return false;
  if (end < text.length && word(text.charCodeAt(end - 1)) && word(text.charCodeAt(end))) return false;
  return true;
}

// The value `next` found last: [hitStart, hitEnd) (module state, so no tuple per value).
let hitStart = 0;
let hitEnd = 0;

// Finds the next value of a class from `re.lastIndex` into [hitStart, hitEnd); false when none.
function next(re: RegExp, text: string, scanned: boolean, confirm: RegExp): boolean {
  for (;;) {
    const m = re.exec(text);
    if (!m) return false;
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (!scanned) {
      hitStart = m.index;
      hitEnd = m.index + m[0].length;
      return true;
    }
    const start = m.index + m[0].length - m[1]!.length;
    confirm.lastIndex = start;
    if (confirm.test(text) && confirm.lastIndex !== start) {
      hitStart = start;
      hitEnd = confirm.lastIndex;
      return true;
    }
    re.lastIndex = m.index + 1;
  }
}

interface Plan {
  cls: VolatileClass;
  check: ((line: string) => boolean) | undefined;
  re: RegExp;
  scanned: boolean;
  confirm: RegExp;
}
// `any`: the classes' prefilters in one regex, when every class has one (none has a custom pattern).
const plans = new WeakMap<VolatileClass[], { steps: Plan[]; any: RegExp | null }>();

// The regexes and quick checks of a block's classes, worked out once per block.
function planFor(classes: VolatileClass[]): { steps: Plan[]; any: RegExp | null } {
  let plan = plans.get(classes);
  if (!plan) {
    const prefilters: string[] = [];
    const steps = classes.map((cls) => {
      const { check, prefilter, scan } = speedups(cls);
      if (prefilter !== undefined) prefilters.push(prefilter);
      return { cls, check, re: classRegex(scan ?? cls.pattern), scanned: scan !== undefined, confirm: classRegex(cls.pattern, 'y') };
    });
    plan = { steps, any: prefilters.length === classes.length && classes.length > 0 ? new RegExp(prefilters.join('|')) : null };
    plans.set(classes, plan);
  }
  return plan;
}

// The triples of the last `scanValues`, kept sorted by start as they are found.
let found = new Int32Array(96);

/**
 * Finds the volatile values of a line into a shared buffer (`foundValues()`): [start, end, class
 * index] triples in line order, class index into `classes`. Returns how many numbers it holds;
 * read them before the next call. Nothing is allocated per line.
 */
export function scanValues(text: string, classes: VolatileClass[]): number {
  let n = 0;
  const { steps: plan, any } = planFor(classes);
  if (any !== null && !any.test(text)) return 0;
  for (let ci = 0; ci < plan.length; ci++) {
    const { check, re, scanned, confirm } = plan[ci]!;
    if (check && !check(text)) continue;
    re.lastIndex = 0;
    while (next(re, text, scanned, confirm)) {
      const start = hitStart;
      const end = hitEnd;
      if (standsAlone(text, start, end) && !overlaps(n, start, end)) {
        n = insert(n, start, end, ci);
        re.lastIndex = end;
      } else {
        re.lastIndex = start + 1;
      }
    }
  }
  return n;
}

/** The buffer `scanValues` fills. */
export function foundValues(): Int32Array {
  return found;
}

/**
 * Where the volatile values of a line are, compactly: [start, end, class index] triples in
 * line order (class index into `classes`).
 */
export function findValues(text: string, classes: VolatileClass[]): Int32Array {
  const n = scanValues(text, classes);
  return n === 0 ? NONE : found.slice(0, n);
}

const NONE = new Int32Array(0);

// Does [start, end) overlap a value found already?
function overlaps(n: number, start: number, end: number): boolean {
  for (let k = 0; k < n; k += 3) if (found[k]! < end && start < found[k + 1]!) return true;
  return false;
}

// Adds a triple in start order (a line holds a handful of values); returns the new length.
function insert(n: number, start: number, end: number, ci: number): number {
  if (n + 3 > found.length) {
    const grown = new Int32Array(2 * found.length);
    grown.set(found);
    found = grown;
  }
  let k = n;
  for (; k > 0 && found[k - 3]! > start; k -= 3) {
    found[k] = found[k - 3]!;
    found[k + 1] = found[k - 2]!;
    found[k + 2] = found[k - 1]!;
  }
  found[k] = start;
  found[k + 1] = end;
  found[k + 2] = ci;
  return n + 3;
}

/** The line as pieces built from its value spans; a line without volatile values is one literal piece. */
export function piecesOf(text: string, spans: Int32Array, classes: VolatileClass[]): Piece[] {
  if (spans.length === 0) return [{ text }];
  const pieces: Piece[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 3) {
    const start = spans[k]!;
    const end = spans[k + 1]!;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: text.slice(start, end), cls: classes[spans[k + 2]!]! });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** The line as pieces; a line without volatile values is one literal piece. */
export function tokenize(text: string, classes: VolatileClass[]): Piece[] {
  return piecesOf(text, findValues(text, classes), classes);
}

/** Literals and class names, from a line's value spans: equal skeletons mean the lines match, value for value. */
export function skeletonOf(text: string, spans: Int32Array, classes: VolatileClass[]): string {
  if (spans.length === 0) return text;
  let key = '';
  let at = 0;
  for (let k = 0; k < spans.length; k += 3) {
    key += `${text.slice(at, spans[k]!)}\u0000${classes[spans[k + 2]!]!.name}\u0000`;
    at = spans[k + 1]!;
  }
  return key + text.slice(at);
}
