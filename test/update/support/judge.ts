// A stand-in matcher for update tests: expected lines starting with `#` are
// author comments (kept, never compared); the other lines compare exactly,
// aligned by a minimal diff. Returns one op per line, as update reads them.
import { diffArrays } from 'diff';
import type { AlignOp } from '../../../src/match/types.js';

/** Whether a line is an author comment. */
export const isComment = (line: string): boolean => line.startsWith('#');

/** Aligns expected texts with actual lines. */
export function judge(expected: string[], actual: string[]): AlignOp[] {
  const plain = expected.map((t, i) => ({ t, i })).filter((x) => !isComment(x.t));
  const comments = expected.map((t, i) => ({ t, i })).filter((x) => isComment(x.t)).map((x) => x.i);
  const ops: AlignOp[] = [];
  let a = 0;
  let p = 0;
  const commentsBefore = (e: number): void => {
    while (comments.length > 0 && comments[0]! < e) {
      const c = comments.shift()!;
      ops.push({ op: 'same', e0: c, e1: c + 1, a0: a, a1: a });
    }
  };
  for (const part of diffArrays(plain.map((x) => x.t), actual)) {
    for (let k = 0; k < part.value.length; k++) {
      if (part.added) {
        ops.push({ op: 'added', a0: a, a1: ++a });
        continue;
      }
      const e = plain[p++]!.i;
      commentsBefore(e);
      if (part.removed) ops.push({ op: 'removed', e0: e, e1: e + 1 });
      else ops.push({ op: 'same', e0: e, e1: e + 1, a0: a, a1: ++a });
    }
  }
  commentsBefore(Infinity);
  return ops;
}

/** Whether the expected texts match the actual lines (comments aside). */
export function matches(expected: string[], actual: string[]): boolean {
  const plain = expected.filter((t) => !isComment(t));
  return plain.length === actual.length && plain.every((t, i) => t === actual[i]);
}
