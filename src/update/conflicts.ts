// A drifted step's matching lines are kept as written — unless a value in
// them was bound, in this step, to an actual value the rest of the run
// contradicts (the document used one expected value for two different actual
// ones). Kept and rebound, such a line would fail the next run; so it is
// rewritten with its actual line instead, like a drifted one. The matcher
// merges neighbouring `same` ops, so when a flagged line sits in an op whose
// expected and actual lengths differ (an `[...]` in it), the pairing of lines
// is unknown and the whole op is rewritten (the rare price of a conflict).
import type { AlignOp, VolatileClass } from '../match/types.js';
import { tokenize } from '../match/tokenize.js';
import type { StepResult } from '../run/types.js';
import type { RebindTable } from './rebind.js';

/** Indexes of expected lines in `same` ops holding a value whose binding the final table overrides. */
export function conflictingLines(r: StepResult, table: RebindTable, classes: VolatileClass[]): Set<number> {
  const out = new Set<number>();
  const verdict = r.verdict;
  const expected = r.step.expected;
  if (!verdict || !expected) return out;
  const lost = new Map<string, Set<string>>();
  for (const b of verdict.newBindings) {
    const decided = table.get(b.className)?.get(b.expected) ?? b.expected;
    if (decided === b.actual) continue;
    let values = lost.get(b.className);
    if (!values) lost.set(b.className, (values = new Set()));
    values.add(b.expected);
  }
  if (lost.size === 0) return out;
  for (const op of verdict.ops) {
    if (op.op !== 'same') continue;
    for (let e = op.e0; e < op.e1; e++) {
      const pieces = tokenize(expected[e]!.text, classes);
      if (pieces.some((p) => p.cls && lost.get(p.cls.name)?.has(p.text))) out.add(e);
    }
  }
  return out;
}

/** The ops with each flagged expected line turned from `same` into `removed` + `added` of its actual line. */
export function rewriteConflicts(ops: AlignOp[], flagged: Set<number>): AlignOp[] {
  if (flagged.size === 0) return ops;
  const out: AlignOp[] = [];
  for (const op of ops) {
    if (op.op !== 'same' || !hasFlagged(op.e0, op.e1, flagged)) {
      out.push(op);
      continue;
    }
    if (op.e1 - op.e0 !== op.a1 - op.a0) {
      out.push({ op: 'removed', e0: op.e0, e1: op.e1 }, { op: 'added', a0: op.a0, a1: op.a1 });
      continue;
    }
    for (let k = 0; k < op.e1 - op.e0; k++) {
      const e = op.e0 + k;
      const a = op.a0 + k;
      if (flagged.has(e)) out.push({ op: 'removed', e0: e, e1: e + 1 }, { op: 'added', a0: a, a1: a + 1 });
      else out.push({ op: 'same', e0: e, e1: e + 1, a0: a, a1: a + 1 });
    }
  }
  return out;
}

/** Whether any expected line in [e0, e1) is flagged. */
function hasFlagged(e0: number, e1: number, flagged: Set<number>): boolean {
  for (let e = e0; e < e1; e++) if (flagged.has(e)) return true;
  return false;
}
