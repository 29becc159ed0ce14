// The diff of a failed in-order alignment. Lines that pair one to one at the
// top and at the bottom are kept as they are (as Myers would keep them). A
// small region between is diffed whole (Myers, minimal). A large one is
// walked along its diagonal: where a line differs, the nearest point where
// the two sides agree again for a few lines is found, and only the lines in
// between are diffed — so 100,000 lines with 10 changed cost 10 small diffs,
// not one over everything. Past `REACH` lines of disagreement, or at a
// `[...]` line, the rest is diffed whole.
import { diffOps, pushSame } from './ops.js';
import type { Lines } from './align-ordered.js';
import type { AlignOp } from './types.js';

/** Regions up to this many lines (both sides) are diffed whole. */
const SMALL = 2000;
/** How far apart (expected + actual lines) the two sides may get before they agree again. */
const REACH = 64;
/** How many lines must pair after a point for the sides to agree again there. */
const RUN = 4;

// Do the sides pair line for line from (i, a) for RUN lines, or to both ends together?
function agreeFrom(compared: number[], i: number, a: number, end: number, aEnd: number, lines: Lines): boolean {
  for (let r = 0; r < RUN; r++) {
    if (i + r >= end || a + r >= aEnd) return i + r === end && a + r === aEnd;
    const e = compared[i + r]!;
    if (lines.isElide(e) || !lines.same(e, a + r)) return false;
  }
  return true;
}

// The nearest point after (i, a) where the sides agree again, fewest lines skipped first
// (as many on each side as can be), or null.
function resync(compared: number[], i: number, a: number, end: number, aEnd: number, lines: Lines): [number, number] | null {
  for (let k = 1; k <= REACH; k++) {
    const center = k >> 1;
    for (let off = 0; off <= k; off++) {
      for (let side = off === 0 ? 1 : 0; side < 2; side++) {
        const di = side === 0 ? center + off : center - off;
        if (di < 0 || di > k) continue;
        const i2 = i + di;
        const a2 = a + k - di;
        if (i2 <= end && a2 <= aEnd && agreeFrom(compared, i2, a2, end, aEnd, lines)) return [i2, a2];
      }
    }
  }
  return null;
}

/** Line-by-line ops of `compared` against actual lines [0, n) when they do not align; unmatched comments go to `unpaired`. */
export function diffRegion(compared: number[], n: number, lines: Lines, unpaired: number[]): AlignOp[] {
  const ops: AlignOp[] = [];
  const diff = (i: number, i2: number, a: number, a2: number): void => {
    const part = compared.slice(i, i2);
    const elides = new Set(part.filter((e) => lines.isElide(e)));
    for (const o of diffOps(part, a, a2, lines.same, elides, (e) => lines.isOptional(e), unpaired)) ops.push(o);
  };
  let top = 0;
  while (top < compared.length && top < n && !lines.isElide(compared[top]!) && lines.same(compared[top]!, top)) top++;
  let bottom = 0;
  const room = Math.min(compared.length, n) - top;
  while (bottom < room && !lines.isElide(compared[compared.length - 1 - bottom]!) && lines.same(compared[compared.length - 1 - bottom]!, n - 1 - bottom)) bottom++;
  for (let k = 0; k < top; k++) pushSame(ops, compared[k]!, k, k + 1);
  const end = compared.length - bottom;
  const aEnd = n - bottom;
  let i = top;
  let a = top;
  if (end - top + (aEnd - top) > SMALL) {
    while (i < end && a < aEnd) {
      const e = compared[i]!;
      if (lines.isElide(e)) break;
      if (lines.same(e, a)) {
        pushSame(ops, e, a, a + 1);
        i++;
        a++;
        continue;
      }
      const next = resync(compared, i, a, end, aEnd, lines);
      if (!next) break;
      diff(i, next[0], a, next[1]);
      [i, a] = next;
    }
  }
  diff(i, end, a, aEnd);
  for (let k = bottom; k > 0; k--) pushSame(ops, compared[compared.length - k]!, n - k, n - k + 1);
  return ops;
}
