// In-order alignment. The expected lines are anchored segments separated by
// `[...]` lines: the first segment is anchored at the top, the last at the
// bottom, each middle one placed at its leftmost fit (leftmost is always
// safe, as in glob matching, so the only search is at `[...]` positions).
// Linear when the output matches; on failure, the minimal diff (Myers).
// Bindings play no part here, so an alignment never depends on what an
// earlier step bound: binding breaks are judged afterwards, line by line.
import { diffOps, pushSame } from './ops.js';
import type { AlignOp } from './types.js';

/** Does expected line e match actual line a? */
export type Same = (e: number, a: number) => boolean;

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

const fits = (seg: number[], at: number, same: Same): boolean => seg.every((e, j) => same(e, at + j));

// Where each segment starts in the actual lines, or null when they cannot all fit.
function place(segs: number[][], n: number, same: Same): number[] | null {
  const first = segs[0]!;
  if (segs.length === 1) return first.length === n && fits(first, 0, same) ? [0] : null;
  const last = segs[segs.length - 1]!;
  const lastAt = n - last.length;
  if (lastAt < first.length || !fits(first, 0, same)) return null;
  const starts = [0];
  let pos = first.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    let at = pos;
    while (at + seg.length <= lastAt && !fits(seg, at, same)) at++;
    if (at + seg.length > lastAt) return null;
    starts.push(at);
    pos = at + seg.length;
  }
  if (!fits(last, lastAt, same)) return null;
  starts.push(lastAt);
  return starts;
}

/** Line-by-line ops of compared expected lines against actual lines [0, n); ok when only `same`. */
export function alignOrdered(compared: number[], n: number, same: Same, isElide: (e: number) => boolean): { ok: boolean; ops: AlignOp[] } {
  const { segs, elides } = segments(compared, isElide);
  const starts = place(segs, n, same);
  if (!starts) return { ok: false, ops: diffOps(compared, n, same, new Set(elides)) };
  const ops: AlignOp[] = [];
  let a = 0;
  segs.forEach((seg, i) => {
    if (i > 0) ops.push({ op: 'same', e0: elides[i - 1]!, e1: elides[i - 1]! + 1, a0: a, a1: starts[i]! });
    a = starts[i]!;
    for (const e of seg) pushSame(ops, e, a, ++a);
  });
  return { ok: true, ops };
}
