// Testing one actual line against a plain expected line: first a walk along
// the expected text (no regex to compile, nothing allocated), then, only if
// the walk fails and the literal stretches could still fit, a regex built
// from the line's pieces that can backtrack where the walk cannot.
import { escapeRegex } from './line-rules.js';
import type { Piece } from './tokenize.js';

/** A line's regex, and the group of each of its values, in order. */
export interface LineRegex {
  re: RegExp;
  groups: number[];
}

// Does `b` hold `a`'s characters [from, to) at position `at`?
function sameAt(a: string, from: number, to: number, b: string, at: number): boolean {
  if (at < 0 || at + to - from > b.length) return false;
  for (let i = from; i < to; i++) if (a.charCodeAt(i) !== b.charCodeAt(at + i - from)) return false;
  return true;
}

/**
 * Walks `actual` along the expected `text`, whose values are the `count` triples [start, end, class]
 * of `spans` from `at`: literal stretches must follow at once, each value is its class's (sticky)
 * match at that position. Writes each value's [start, end) in `actual` to `found`. No backtracking.
 */
export function walk(text: string, spans: Int32Array, at: number, count: number, sticky: RegExp[], actual: string, found: Int32Array): boolean {
  let pos = 0;
  let from = 0;
  for (let i = 0; i < count; i++) {
    const k = at + 3 * i;
    const start = spans[k]!;
    if (!sameAt(text, from, start, actual, pos)) return false;
    pos += start - from;
    const re = sticky[spans[k + 2]!]!;
    re.lastIndex = pos;
    if (!re.test(actual) || re.lastIndex === pos) return false;
    found[2 * i] = pos;
    pos = found[2 * i + 1] = re.lastIndex;
    from = spans[k + 1]!;
  }
  return pos + text.length - from === actual.length && sameAt(text, from, text.length, actual, pos);
}

/** Could the line's regex match at all: its first literal a prefix, its last a suffix, the others in order between? */
export function literalsFit(text: string, spans: Int32Array, at: number, count: number, actual: string): boolean {
  const head = spans[at]!;
  if (!sameAt(text, 0, head, actual, 0)) return false;
  let pos = head;
  for (let i = 1; i < count; i++) {
    const from = spans[at + 3 * i - 2]!;
    const to = spans[at + 3 * i]!;
    if (to === from) continue;
    const found = actual.indexOf(text.slice(from, to), pos);
    if (found < 0) return false;
    pos = found + to - from;
  }
  const tail = spans[at + 3 * count - 2]!;
  const tailAt = actual.length - (text.length - tail);
  return tailAt >= pos && sameAt(text, tail, text.length, actual, tailAt);
}

// How many capture groups a class pattern has of its own, to find ours after it.
function groupCount(pattern: string): number {
  return new RegExp(`(?:${pattern})|`).exec('')!.length - 1;
}

/**
 * The regex of a line: literals escaped, each value a group of its class, inline `[...]` any text.
 * Trailing spaces are stripped on both sides, so the spaces before a `[...]` that ends the line
 * may match nothing (`started at [...] by [...]` matches `started at 1795846585 by`).
 */
export function lineRegex(parts: Piece[][]): LineRegex {
  let src = '';
  let group = 1;
  const groups: number[] = [];
  const last = parts.length - 1;
  let tail = '.*?';
  if (last > 0 && parts[last]!.every((p) => !p.cls && p.text === '')) {
    const before = parts[last - 1]!;
    const end = before[before.length - 1];
    const spaces = end && !end.cls ? /[ \t]+$/.exec(end.text) : null;
    if (end && spaces) {
      parts = [...parts];
      parts[last - 1] = [...before.slice(0, -1), { text: end.text.slice(0, spaces.index) }];
      tail = `(?:${escapeRegex(spaces[0])}.*?)?`;
    }
  }
  parts.forEach((pieces, i) => {
    if (i > 0) src += i === last ? tail : '.*?';
    for (const p of pieces) {
      if (!p.cls) src += escapeRegex(p.text);
      else {
        groups.push(group);
        src += `((?:${p.cls.pattern}))`;
        group += 1 + groupCount(p.cls.pattern);
      }
    }
  });
  return { re: new RegExp(`^${src}$`, 'd'), groups };
}
