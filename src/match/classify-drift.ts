// Drift in two kinds a reader acts on differently: "values rebound" — the
// output has the document's shape and only volatile values moved (a binding
// conflict: the story changed its addresses) — and "structure changed", where
// lines differ in text, were added or went missing.
import type { ExpectedLine } from '../markdown/types.js';
import { tokenize } from './tokenize.js';
import type { AlignOp, Verdict, VolatileClass } from './types.js';

// The line with every volatile value replaced by its class name.
function shape(text: string, classes: VolatileClass[]): string {
  return tokenize(text.replace(/[ \t]+/g, ' ').trimEnd(), classes)
    .map((p) => (p.cls ? `\u0000${p.cls.name}\u0000` : p.text))
    .join('');
}

/** Whether a drifted verdict differs only in volatile values, line for line. */
export function onlyValuesDiffer(expected: ExpectedLine[], verdict: Verdict, classes: VolatileClass[]): boolean {
  const removed: string[] = [];
  const added: string[] = [];
  const ops: AlignOp[] = verdict.ops;
  for (const op of ops) {
    if (op.op === 'removed') for (let e = op.e0; e < op.e1; e++) removed.push(expected[e]!.text);
    else if (op.op === 'added') for (let a = op.a0; a < op.a1; a++) added.push(verdict.actualLines[a]!);
  }
  // Only binding problems, no line differences: values rebound by definition.
  if (removed.length === 0 && added.length === 0) return verdict.problems.length > 0;
  if (removed.length !== added.length || classes.length === 0) return false;
  return removed.every((line, i) => shape(line, classes) === shape(added[i]!, classes));
}
