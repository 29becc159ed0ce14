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
import { diffRegion } from './diff-region.js';
import { pushSame } from './ops.js';
import type { AlignOp } from './types.js';

/** Does expected line e match actual line a? */
export type Same = (e: number, a: number) => boolean;

/** What the alignment needs to know of the expected lines. */
export interface Lines {
  same: Same;
  isElide(e: number): boolean;
  isOptional(e: number): boolean;
}

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

// Fits a segment from actual line `at` on, below `limit`; records each line's actual line in `pairs`
// (-1 for a skipped optional line). Returns where the segment ends, or -1.
function fitDown(seg: number[], at: number, limit: number, lines: Lines, pairs: Int32Array): number {
  let a = at;
  for (const e of seg) {
    if (a < limit && lines.same(e, a)) pairs[e] = a++;
    else if (lines.isOptional(e)) pairs[e] = -1;
    else return -1;
  }
  return a;
}

// Fits a segment ending at actual line `end`, from the bottom up, above `floor`. Returns where it starts, or -1.
function fitUp(seg: number[], end: number, floor: number, lines: Lines, pairs: Int32Array): number {
  let a = end;
  for (let j = seg.length - 1; j >= 0; j--) {
    const e = seg[j]!;
    if (a > floor && lines.same(e, a - 1)) pairs[e] = --a;
    else if (lines.isOptional(e)) pairs[e] = -1;
    else return -1;
  }
  return a;
}

// Where each segment starts and ends in the actual lines, or null when they cannot all fit.
function place(segs: number[][], n: number, lines: Lines, pairs: Int32Array): { starts: number[]; ends: number[] } | null {
  const first = segs[0]!;
  const firstEnd = fitDown(first, 0, n, lines, pairs);
  if (segs.length === 1) return firstEnd === n ? { starts: [0], ends: [n] } : null;
  if (firstEnd < 0) return null;
  const lastStart = fitUp(segs[segs.length - 1]!, n, firstEnd, lines, pairs);
  if (lastStart < 0) return null;
  const starts = [0];
  const ends = [firstEnd];
  let pos = firstEnd;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    let at = pos;
    let end = -1;
    while (at <= lastStart && (end = fitDown(seg, at, lastStart, lines, pairs)) < 0) at++;
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
  const pairs = new Int32Array(compared.length === 0 ? 0 : compared[compared.length - 1]! + 1);
  const placed = place(segs, n, lines, pairs);
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
      if (a >= 0) pushSame(ops, e, a, a + 1);
      else unpaired.push(e);
    }
  });
  return { ok: true, ops, unpaired };
}
