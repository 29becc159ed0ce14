// Splits a line into literal text and volatile values. Classes claim text in
// priority order (the order of `classes`), each taking its longest match; a
// value is never part of a longer word (`k3s1` holds no age, `110.43.0.1` no
// `10.43.0.1`). Expected and actual lines go through the same function, so
// two lines with the same skeleton (literals + class names) always match.
import type { VolatileClass } from './types.js';
import { lineFeatures, speedups, type LineFeatures } from './volatile-classes.js';

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

// Finds the next value of a class from `re.lastIndex`: its start and end, or null.
function next(re: RegExp, text: string, scanned: boolean, confirm: RegExp): [number, number] | null {
  for (;;) {
    const m = re.exec(text);
    if (!m) return null;
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (!scanned) return [m.index, m.index + m[0].length];
    const start = m.index + m[0].length - m[1]!.length;
    confirm.lastIndex = start;
    const c = confirm.exec(text);
    if (c && c[0] !== '') return [start, start + c[0].length];
    re.lastIndex = m.index + 1;
  }
}

interface Plan {
  cls: VolatileClass;
  check: ((line: string, f: LineFeatures) => boolean) | undefined;
  re: RegExp;
  scanned: boolean;
  confirm: RegExp;
}
const plans = new WeakMap<VolatileClass[], Plan[]>();

// The regexes and quick checks of a block's classes, worked out once per block.
function planFor(classes: VolatileClass[]): Plan[] {
  let plan = plans.get(classes);
  if (!plan) {
    plan = classes.map((cls) => {
      const { check, scan } = speedups(cls);
      return { cls, check, re: classRegex(scan ?? cls.pattern), scanned: scan !== undefined, confirm: classRegex(cls.pattern, 'y') };
    });
    plans.set(classes, plan);
  }
  return plan;
}

/**
 * Where the volatile values of a line are, compactly: [start, end, class index] triples in
 * line order (class index into `classes`). Large blocks keep this, not piece objects.
 */
export function findValues(text: string, classes: VolatileClass[]): Int32Array {
  let spans: number[] | undefined;
  const features = lineFeatures(text);
  const plan = planFor(classes);
  for (let ci = 0; ci < plan.length; ci++) {
    const { check, re, scanned, confirm } = plan[ci]!;
    if (check && !check(text, features)) continue;
    re.lastIndex = 0;
    let hit: [number, number] | null;
    while ((hit = next(re, text, scanned, confirm)) !== null) {
      const [start, end] = hit;
      if (standsAlone(text, start, end) && !overlaps(spans, start, end)) {
        (spans ??= []).push(start, end, ci);
        re.lastIndex = end;
      } else {
        re.lastIndex = start + 1;
      }
    }
  }
  return spans ? sortTriples(spans) : NONE;
}

const NONE = new Int32Array(0);

// Does [start, end) overlap a span found already?
function overlaps(spans: number[] | undefined, start: number, end: number): boolean {
  if (!spans) return false;
  for (let k = 0; k < spans.length; k += 3) if (spans[k]! < end && start < spans[k + 1]!) return true;
  return false;
}

// The triples ordered by start (an insertion sort: a line holds a handful of values).
function sortTriples(spans: number[]): Int32Array {
  const out = Int32Array.from(spans);
  for (let i = 3; i < out.length; i += 3) {
    for (let j = i; j > 0 && out[j - 3]! > out[j]!; j -= 3) {
      for (let k = 0; k < 3; k++) {
        const t = out[j + k]!;
        out[j + k] = out[j - 3 + k]!;
        out[j - 3 + k] = t;
      }
    }
  }
  return out;
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

/** Literals and class names: equal skeletons mean the lines match, value for value. */
export function skeleton(pieces: Piece[]): string {
  let key = '';
  for (const p of pieces) key += p.cls ? `\u0000${p.cls.name}\u0000` : p.text;
  return key;
}
