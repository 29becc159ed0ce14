// The judgement of one step's output against its expected lines: normalize,
// compile each expected line, align (in order, or as a multiset), then judge
// the volatile values against the run's bindings. New bindings are recorded
// only when the whole step matches, so a failed step never teaches the table
// a wrong value; they are still reported in `newBindings`.
import { alignOrdered } from './align-ordered.js';
import { pairUnordered } from './align-unordered.js';
import type { BindingTable } from './binding-table.js';
import { checkBindings } from './check-bindings.js';
import { actualLine, compileLine, type ActualLine, type LineMatcher } from './compile-line.js';
import { normalizeOutput, trimLineEnd } from './normalize.js';
import { diffOps, forEachPair, mergeOps, splitBroken, withSkipped } from './ops.js';
import type { AlignOp, ExpectedLine, MatchOptions, Verdict } from './types.js';

const SKIP: LineMatcher = { kind: 'skip', tokens: [], test: () => null };

// The matcher with the last match of each expected line remembered, so bindings reuse it.
function memoTest(matchers: LineMatcher[], actual: ActualLine[]) {
  const lastA = new Int32Array(matchers.length).fill(-1);
  const lastValues: (string[] | null)[] = new Array(matchers.length).fill(null);
  return (e: number, a: number): string[] | null => {
    if (lastA[e] === a) return lastValues[e]!;
    const values = matchers[e]!.test(actual[a]!);
    lastA[e] = a;
    lastValues[e] = values;
    return values;
  };
}

// Compiled expected lines; blank lines at the end are never compared (both sides drop trailing blanks).
function compileAll(expected: ExpectedLine[], options: MatchOptions): LineMatcher[] {
  const matchers = expected.map((l) => compileLine(l, options));
  for (let e = expected.length - 1; e >= 0 && trimLineEnd(expected[e]!.text) === ''; e--) matchers[e] = SKIP;
  return matchers;
}

// In order: the alignment decides which lines pair; a line whose values break a binding becomes removed + added.
function judgeOrdered(matchers: LineMatcher[], actual: ActualLine[], compared: number[], expected: ExpectedLine[], fork: BindingTable, file: string) {
  // Not memoized: holding every line's values until the bindings are judged costs more memory than a second walk.
  const valuesOf = (e: number, a: number): string[] | null => matchers[e]!.test(actual[a]!);
  const same = (e: number, a: number): boolean => valuesOf(e, a) !== null;
  const aligned = alignOrdered(compared, actual.length, same, (e) => matchers[e]!.kind === 'elide');
  const check = checkBindings((each) => forEachPair(aligned.ops, each), matchers, valuesOf, expected, fork, file);
  const ops = splitBroken(aligned.ops, check.broken);
  return { ok: aligned.ok && check.problems.length === 0, ops, problems: check.problems };
}

// As a multiset: pair lines whatever their order; on drift, show the minimal diff of the pairing.
function judgeUnordered(matchers: LineMatcher[], actual: ActualLine[], compared: number[], expected: ExpectedLine[], fork: BindingTable, options: MatchOptions) {
  const origins = expected.map((l) => ({ file: options.file, line: l.line }));
  // Pairing binds agreeing values into the step's fork; checkBindings then finds them bound and reports the rest.
  const paired = pairUnordered(matchers, actual, options.classes, fork, origins);
  const pairs = (each: (e: number, a: number) => void): void => paired.forEach((a, e) => a >= 0 && each(e, a));
  const check = checkBindings(pairs, matchers, memoTest(matchers, actual), expected, fork, options.file);
  for (const e of check.broken) paired[e] = -1;
  const lines = compared.filter((e) => matchers[e]!.kind === 'line');
  const elides = compared.filter((e) => matchers[e]!.kind === 'elide');
  const matched = lines.filter((e) => paired[e]! >= 0).length;
  const ok = matched === lines.length && (elides.length > 0 || matched === actual.length) && check.problems.length === 0;
  if (ok) {
    const all: AlignOp[] = expected.length > 0 || actual.length > 0 ? [{ op: 'same', e0: 0, e1: expected.length, a0: 0, a1: actual.length }] : [];
    return { ok, ops: all, problems: check.problems, whole: true };
  }
  const ops = diffOps(compared, actual.length, (e, a) => paired[e] === a, new Set(elides));
  return { ok, ops, problems: check.problems };
}

/** Judges one step's output; records the step's new bindings in `table` only when it matches. */
export function matchOutput(expected: ExpectedLine[], output: string, table: BindingTable, options: MatchOptions): Verdict {
  const actualLines = normalizeOutput(output);
  const actual = actualLines.map((raw) => actualLine(raw, options.exact));
  const matchers = compileAll(expected, options);
  const compared: number[] = [];
  const skipped: number[] = [];
  matchers.forEach((m, e) => (m.kind === 'skip' ? skipped : compared).push(e));
  const fork = table.fork();
  const judged = options.unordered
    ? judgeUnordered(matchers, actual, compared, expected, fork, options)
    : judgeOrdered(matchers, actual, compared, expected, fork, options.file);
  const newBindings = fork.ownEntries();
  if (judged.ok) fork.commit();
  const ops = 'whole' in judged ? judged.ops : mergeOps(withSkipped(judged.ops, skipped));
  return { ok: judged.ok, actualLines, ops, problems: judged.problems, newBindings };
}
