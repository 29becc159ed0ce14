// In-order alignment. The expected lines are anchored segments separated by
// `[...]` lines: the first segment is anchored at the top, the last at the
// bottom, each middle one placed at its leftmost fit (leftmost is always
// safe, as in glob matching, so the only search is at `[...]` positions).
// Author comments are optional lines: one takes the actual line at its place
// when that line equals it, and is skipped otherwise. Linear when the output
// matches; on failure, only the regions where the sides disagree are diffed
// (Myers, minimal: see diff-region.ts).
// Bindings play no part here, so an alignment never depends on what an
// earlier step bound: binding breaks are judged afterwards, line by line.
// A quantified line (`(glob+)`, `(regex*)`, `(?)`) takes as many actual lines
// as it can, backing off one at a time when the lines after it cannot fit.
import { diffRegion } from './diff-region.js';
import type { Quantity } from './line-rules.js';
import { pushSame } from './ops.js';
import type { AlignOp } from './types.js';

/** Does expected line e match actual line a? */
export type Same = (e: number, a: number) => boolean;

/** What the alignment needs to know of the expected lines. */
export interface Lines {
  same: Same;
  isElide(e: number): boolean;
  isOptional(e: number): boolean;
  /** How many actual lines a quantified line takes; undefined for a line that takes one. */
  quantity?(e: number): Quantity | undefined;
}

/** Past this many tries, a segment with quantified lines is taken not to fit (no input can make the fit exponential). */
const FIT_BUDGET = 100_000;

// The segments between `[...]` lines, and the `[...]` lines themselves.
function segments(compared: number[], isElide: (e: number) => boolean): { segs: number[][]; elides: number[] } {
  const segs: number[][] = [[]];
  const elides: number[] = [];
  for (const e of compared) {
    if (isElide(e)) {
      elides.push(e);
      segs.push([]);
    } else segs[segs.length - 1]!.push(e);
  }
  return { segs, elides };
}

// Fits a segment from actual line `at` on, below `limit` (and ending exactly at `mustEnd` when it is ≥ 0);
// records each line's first actual line in `pairs` (-1 for a skipped optional line) and how many it took
// in `takes`. Returns where the segment ends, or -1.
function fitDown(seg: number[], at: number, limit: number, lines: Lines, pairs: Int32Array, takes: Int32Array, mustEnd = -1): number {
  let budget = FIT_BUDGET;
  // Plain and optional lines are fitted in a loop (written as it goes: the path that succeeds
  // rewrites every line it takes); only quantified lines recurse, to back off.
  const fit = (from: number, start: number): number => {
    let a = start;
    for (let j = from; j < seg.length; j++) {
      const e = seg[j]!;
      const q = lines.quantity?.(e);
      if (q) {
        if (--budget < 0) return -1;
        let k = 0;
        while (k < q.max && a + k < limit && lines.same(e, a + k)) k++;
        for (; k >= q.min; k--) {
          const end = fit(j + 1, a + k);
          if (end >= 0) {
            pairs[e] = a;
            takes[e] = k;
            return end;
          }
        }
        return -1;
      }
      if (a < limit && lines.same(e, a)) {
        takes[e] = 1;
        pairs[e] = a++;
      } else if (lines.isOptional(e)) pairs[e] = -1;
      else return -1;
    }
    return mustEnd < 0 || a === mustEnd ? a : -1;
  };
  return fit(0, at);
}

// Fits a segment ending at actual line `end`, from the bottom up, above `floor`. Returns where it starts, or -1.
function fitUp(seg: number[], end: number, floor: number, lines: Lines, pairs: Int32Array, takes: Int32Array): number {
  if (lines.quantity && seg.some((e) => lines.quantity!(e))) {
    // Quantified lines: the leftmost start above the floor from which the segment ends exactly at `end`.
    for (let at = floor; at <= end; at++) if (fitDown(seg, at, end, lines, pairs, takes, end) >= 0) return at;
    return -1;
  }
  let a = end;
  for (let j = seg.length - 1; j >= 0; j--) {
    const e = seg[j]!;
    if (a > floor && lines.same(e, a - 1)) {
      takes[e] = 1;
      pairs[e] = --a;
    } else if (lines.isOptional(e)) pairs[e] = -1;
    else return -1;
  }
  return a;
}

// Where each segment starts and ends in the actual lines, or null when they cannot all fit.
function place(segs: number[][], n: number, lines: Lines, pairs: Int32Array, takes: Int32Array): { starts: number[]; ends: number[] } | null {
  const first = segs[0]!;
  if (segs.length === 1) return fitDown(first, 0, n, lines, pairs, takes, n) === n ? { starts: [0], ends: [n] } : null;
  const firstEnd = fitDown(first, 0, n, lines, pairs, takes);
  if (firstEnd < 0) return null;
  const lastStart = fitUp(segs[segs.length - 1]!, n, firstEnd, lines, pairs, takes);
  if (lastStart < 0) return null;
  const starts = [0];
  const ends = [firstEnd];
  let pos = firstEnd;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    let at = pos;
    let end = -1;
    while (at <= lastStart && (end = fitDown(seg, at, lastStart, lines, pairs, takes)) < 0) at++;
    if (end < 0) return null;
    starts.push(at);
    ends.push(end);
    pos = end;
  }
  starts.push(lastStart);
  ends.push(n);
  return { starts, ends };
}

/**
 * Line-by-line ops of compared expected lines against actual lines [0, n); ok when only `same`.
 * Optional lines that pair with no actual line are left out of the ops and listed in `unpaired`.
 */
export function alignOrdered(compared: number[], n: number, lines: Lines): { ok: boolean; ops: AlignOp[]; unpaired: number[] } {
  const { segs, elides } = segments(compared, (e) => lines.isElide(e));
  const size = compared.length === 0 ? 0 : compared[compared.length - 1]! + 1;
  const pairs = new Int32Array(size);
  const takes = new Int32Array(size);
  const placed = place(segs, n, lines, pairs, takes);
  const unpaired: number[] = [];
  if (!placed) {
    const ops = diffRegion(compared, n, lines, unpaired);
    return { ok: ops.every((o) => o.op === 'same'), ops, unpaired };
  }
  const ops: AlignOp[] = [];
  segs.forEach((seg, i) => {
    if (i > 0) ops.push({ op: 'same', e0: elides[i - 1]!, e1: elides[i - 1]! + 1, a0: placed.ends[i - 1]!, a1: placed.starts[i]! });
    for (const e of seg) {
      const a = pairs[e]!;
      if (a >= 0) pushSame(ops, e, a, a + takes[e]!);
      else unpaired.push(e);
    }
  });
  return { ok: true, ops, unpaired };
}
