// Alignment ops, built one line at a time and merged at the end: the minimal
// diff (Myers, through jsdiff) when lines do not match, `[...]` lines taking
// the unmatched actual lines around them, and comments put back in place.
import { diffArrays } from 'diff';
import type { AlignOp } from './types.js';

/** Appends a `same` op of expected line e over actual [a0, a1), joined to the previous one when both pair line for line. */
export function pushSame(ops: AlignOp[], e: number, a0: number, a1: number): void {
  const last = ops[ops.length - 1];
  if (a1 - a0 === 1 && last?.op === 'same' && last.e1 === e && last.a1 === a0 && last.e1 - last.e0 === last.a1 - last.a0) {
    last.e1++;
    last.a1++;
  } else ops.push({ op: 'same', e0: e, e1: e + 1, a0, a1 });
}

/** Calls `each(e, a)` for every expected line paired one to one with an actual line by `same` ops. */
export function forEachPair(ops: AlignOp[], each: (e: number, a: number) => void): void {
  for (const o of ops) {
    if (o.op !== 'same' || o.e1 - o.e0 !== o.a1 - o.a0) continue;
    for (let k = 0; k < o.e1 - o.e0; k++) each(o.e0 + k, o.a0 + k);
  }
}

/** Turns each expected line in `broken` (paired one to one) from same into removed + added. */
export function splitBroken(ops: AlignOp[], broken: Set<number>): AlignOp[] {
  if (broken.size === 0) return ops;
  const out: AlignOp[] = [];
  for (const o of ops) {
    if (o.op !== 'same' || o.e1 - o.e0 !== o.a1 - o.a0) {
      out.push(o);
      continue;
    }
    for (let k = 0; k < o.e1 - o.e0; k++) {
      const e = o.e0 + k;
      const a = o.a0 + k;
      if (broken.has(e)) out.push({ op: 'removed', e0: e, e1: e + 1 }, { op: 'added', a0: a, a1: a + 1 });
      else pushSame(out, e, a, a + 1);
    }
  }
  return out;
}

/** Past this, a diff is not worth computing: every line is shown as changed. */
const DIFF_TIMEOUT_MS = 2000;

/**
 * The minimal diff of expected lines `compared` (indices) against actual lines
 * [from, to), given which pairs match. `elides` are `[...]` lines: each takes the
 * actual lines left unmatched in its gap (between the matched lines around it).
 * `optional` lines (author comments) left unmatched are not shown as removed:
 * they go to `unpaired`, to be put back in place like other never-compared lines.
 */
export function diffOps(
  compared: number[],
  from: number,
  to: number,
  same: (e: number, a: number) => boolean,
  elides: Set<number>,
  optional: (e: number) => boolean = () => false,
  unpaired: number[] = [],
): AlignOp[] {
  const actual = Array.from({ length: to - from }, (_, a) => from + a);
  const changes = diffArrays(compared, actual, { comparator: same, timeout: DIFF_TIMEOUT_MS }) ?? [
    { removed: true, added: false, count: compared.length, value: compared },
    { removed: false, added: true, count: actual.length, value: actual },
  ];
  const ops: AlignOp[] = [];
  let ei = 0;
  let a = from;
  let gap: AlignOp[] = [];
  const flush = (): void => {
    for (const o of absorb(gap, a)) ops.push(o);
    gap = [];
  };
  for (const c of changes) {
    const count = c.count ?? c.value.length;
    for (let k = 0; k < count; k++) {
      if (c.added) gap.push({ op: 'added', a0: a, a1: ++a });
      else if (c.removed) {
        const e = compared[ei++]!;
        if (optional(e)) unpaired.push(e);
        else gap.push(elides.has(e) ? { op: 'same', e0: e, e1: e + 1, a0: -1, a1: -1 } : { op: 'removed', e0: e, e1: e + 1 });
      } else {
        flush();
        const e = compared[ei++]!;
        pushSame(ops, e, a, ++a);
      }
    }
  }
  flush();
  return ops;
}

// Within one gap of a diff, the first `[...]` line (marked a0 = -1) covers the added lines of the
// gap (contiguous: nothing matched between them), except as many at each end as there are
// removed lines before and after it, which stay shown as their replacements. Any other `[...]` covers none.
function absorb(gap: AlignOp[], end: number): AlignOp[] {
  const elide = gap.find((o) => o.op === 'same');
  if (!elide || elide.op !== 'same') return gap;
  const removed = gap.filter((o): o is Extract<AlignOp, { op: 'removed' }> => o.op === 'removed');
  const added = gap.find((o) => o.op === 'added');
  const start = added?.op === 'added' ? added.a0 : end;
  const before = Math.min(removed.filter((o) => o.e0 < elide.e0).length, end - start);
  const after = Math.min(removed.filter((o) => o.e0 > elide.e0).length, end - start - before);
  const out: AlignOp[] = removed.filter((o) => o.e0 < elide.e0);
  if (before > 0) out.push({ op: 'added', a0: start, a1: start + before });
  out.push({ ...elide, a0: start + before, a1: end - after });
  for (const o of gap) {
    if (o.op === 'removed' && o.e0 > elide.e0) out.push(o);
    else if (o.op === 'same' && o !== elide) out.push({ ...o, a0: end - after, a1: end - after });
  }
  if (after > 0) out.push({ op: 'added', a0: end - after, a1: end });
  return out;
}

/** Puts never-compared lines (comments, trailing blanks) back in order, as `same` lines covering no actual line. */
export function withSkipped(ops: AlignOp[], skipped: number[]): AlignOp[] {
  if (skipped.length === 0) return ops;
  const out: AlignOp[] = [];
  let s = 0;
  let a = 0;
  for (const o of ops) {
    if (o.op !== 'added') {
      while (s < skipped.length && skipped[s]! < o.e0) out.push({ op: 'same', e0: skipped[s]!, e1: skipped[s++]! + 1, a0: a, a1: a });
    }
    out.push(o);
    if (o.op !== 'removed') a = o.a1;
  }
  while (s < skipped.length) out.push({ op: 'same', e0: skipped[s]!, e1: skipped[s++]! + 1, a0: a, a1: a });
  return out;
}

/** Joins neighbouring ops of the same kind whose ranges touch. */
export function mergeOps(ops: AlignOp[]): AlignOp[] {
  const out: AlignOp[] = [];
  for (const o of ops) {
    const last = out[out.length - 1];
    if (last && last.op === 'same' && o.op === 'same' && last.e1 === o.e0 && last.a1 === o.a0) out[out.length - 1] = { ...last, e1: o.e1, a1: o.a1 };
    else if (last && last.op === 'removed' && o.op === 'removed' && last.e1 === o.e0) out[out.length - 1] = { ...last, e1: o.e1 };
    else if (last && last.op === 'added' && o.op === 'added' && last.a1 === o.a0) out[out.length - 1] = { ...last, a1: o.a1 };
    else out.push(o);
  }
  return out;
}
