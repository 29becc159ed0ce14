// The judgement of one step's output against its expected lines: normalize,
// compile the expected lines (lazily, into flat arrays), align (in order, or
// as a multiset), then judge the volatile values against the run's bindings.
// New bindings are recorded only when the whole step matches, so a failed
// step never teaches the table a wrong value; they are still reported in
// `newBindings` (built on first read: a large step makes ~200,000).
import { alignOrdered } from './align-ordered.js';
import { pairUnordered } from './align-unordered.js';
import type { BindingTable } from './binding-table.js';
import { checkBindings } from './check-bindings.js';
import { comparedText, ELIDE, ExpectedBlock, INLINE, isPlainLine, OPTIONAL, PLAIN, RULE, SKIP } from './expected-block.js';
import { collapseSpaces, normalizeOutput, trimLineEnd } from './normalize.js';
import { diffOps, forEachPair, mergeOps, splitBroken, withSkipped } from './ops.js';
import { PairMemo } from './pair-memo.js';
import { scanValues } from './tokenize.js';
import { columnDifferences, documentOrder, isTableHeader } from './table-rows.js';
import type { AlignOp, ExpectedLine, MatchOptions, Verdict } from './types.js';

/** What a judge hands back: ops with never-compared lines left out (`unpaired` comments among them), or the whole step as one op. */
interface Judged {
  ok: boolean;
  ops: AlignOp[];
  problems: string[];
  unpaired: number[];
  whole?: boolean;
  /** Unordered judging: the actual line each expected line paired with, or -1. */
  paired?: Int32Array;
}

// A large step makes room in its fork for its values up front, rather than growing it as it binds.
function reserveBindings(block: ExpectedBlock, fork: BindingTable): void {
  block.classCounts.forEach((count, ci) => {
    const cls = block.classes[ci]!;
    if (count >= 1024 && cls.mode === 'bind') fork.reserve(cls.name, count);
  });
}

// In order: the alignment decides which lines pair; a line whose values break a binding becomes removed + added.
function judgeOrdered(block: ExpectedBlock, memo: PairMemo, n: number, compared: number[], expected: ExpectedLine[], fork: BindingTable, file: string): Judged {
  const q = block.quantities;
  const lines = {
    same: memo.same,
    isElide: (e: number) => block.kinds[e] === ELIDE,
    // A line that may match no line (`(?)`, `(glob*)`) is not shown as removed when it has none.
    isOptional: (e: number) => block.kinds[e] === OPTIONAL || q.get(e)?.min === 0,
    ...(q.size > 0 ? { quantity: (e: number) => q.get(e) } : {}),
  };
  const aligned = alignOrdered(compared, n, lines);
  reserveBindings(block, fork);
  const check = checkBindings((each) => forEachPair(aligned.ops, each), block, memo, expected, fork, file);
  const ops = splitBroken(aligned.ops, check.broken);
  return { ok: aligned.ok && check.problems.length === 0, ops, problems: check.problems, unpaired: aligned.unpaired };
}

// As a multiset: pair lines whatever their order; on drift, show the minimal diff of the pairing.
function judgeUnordered(block: ExpectedBlock, memo: PairMemo, actual: { raws: string[]; texts: string[] }, compared: number[], expected: ExpectedLine[], fork: BindingTable, options: MatchOptions): Judged {
  const n = actual.texts.length;
  // Pairing binds agreeing values into the step's fork; checkBindings then finds them bound and reports the rest.
  const paired = pairUnordered(block, compared, actual.raws, actual.texts, options.classes, fork, expected, options.file);
  const pairs = (each: (e: number, a: number) => void): void => {
    paired.forEach((a, e) => {
      if (a >= 0) each(e, a);
    });
  };
  const check = checkBindings(pairs, block, memo, expected, fork, options.file);
  for (const e of check.broken) paired[e] = -1;
  const required = compared.filter((e) => block.kinds[e] === PLAIN || block.kinds[e] === RULE || block.kinds[e] === INLINE);
  const elides = compared.filter((e) => block.kinds[e] === ELIDE);
  const matched = required.filter((e) => paired[e]! >= 0).length;
  const covered = compared.filter((e) => paired[e]! >= 0).length;
  const ok = matched === required.length && (elides.length > 0 || covered === n) && check.problems.length === 0;
  if (ok) {
    const all: AlignOp[] = expected.length > 0 || n > 0 ? [{ op: 'same', e0: 0, e1: expected.length, a0: 0, a1: n }] : [];
    return { ok, ops: all, problems: check.problems, unpaired: [], whole: true, paired };
  }
  const unpaired: number[] = [];
  const ops = diffOps(compared, 0, n, (e, a) => paired[e] === a, new Set(elides), (e) => block.kinds[e] === OPTIONAL, unpaired);
  return { ok, ops, problems: check.problems, unpaired, paired };
}

// A `(no-eol)` line must take the last actual line, and the output must end without a newline there.
function noEolProblems(block: ExpectedBlock, judged: Judged, expected: ExpectedLine[], n: number, output: string, file: string): void {
  if (block.noEol.length === 0 || !judged.ok) return;
  const endsWithNewline = output.endsWith('\n');
  for (const e of block.noEol) {
    let last = false;
    forEachPair(judged.ops, (pe, a) => {
      if (pe === e) last = a === n - 1;
    });
    if (last && !endsWithNewline) continue;
    judged.ok = false;
    // Shown as a changed line: the text matched, its end did not.
    judged.ops = splitBroken(judged.ops, new Set([e]));
    judged.problems.push(`${file}:${expected[e]!.line}: (no-eol): the output ${last ? 'ends with a newline' : 'goes on after this line'}, expected it to end here without one`);
  }
}

// The two sorted lists as one sorted list.
function mergeSorted(a: number[], b: number[]): number[] {
  return b.length === 0 ? a : [...a, ...b].sort((x, y) => x - y);
}

// A table: a header (the first compared line) over at least two rows, compared as a set unless `ordered`.
function isTable(block: ExpectedBlock, compared: number[], expected: ExpectedLine[], options: MatchOptions): boolean {
  if (options.unordered || options.ordered || compared.length < 3) return false;
  const h = compared[0]!;
  return block.kinds[h] === PLAIN && isTableHeader(expected[h]!.text);
}

// Rows that drifted, column by column, for rows shown as one removed beside one added.
function columnProblems(ops: AlignOp[], expected: ExpectedLine[], header: number, actual: string[], options: MatchOptions): string[] {
  const out: string[] = [];
  const equalCell = (want: string, got: string) => {
    const cell = new ExpectedBlock([{ text: want, line: 0, start: 0, end: want.length }], options);
    return cell.test(0, got, options.exact ? got : collapseSpaces(got));
  };
  for (let i = 0; i + 1 < ops.length; i++) {
    const r = ops[i]!;
    const a = ops[i + 1]!;
    if (r.op !== 'removed' || a.op !== 'added' || r.e1 - r.e0 !== a.a1 - a.a0) continue;
    for (let k = 0; k < r.e1 - r.e0; k++) {
      const d = columnDifferences(expected[header]!, actual[0]!, expected[r.e0 + k]!, actual[a.a0 + k]!, equalCell);
      if (d) out.push(`${options.file}:${expected[r.e0 + k]!.line}: row ${d.row}: ${d.columns.join('; ')}`);
    }
  }
  return out;
}

/**
 * The verdict when the output is the expected lines themselves: every line plain, the same text in
 * the same place, and no volatile value in any (so nothing to bind or check). Most steps of a long
 * transcript are this; they skip the compiled block, the alignment, the fork and the memo.
 * Undefined otherwise.
 */
export function literalVerdict(expected: ExpectedLine[], actualLines: string[], texts: string[], options: MatchOptions): Verdict | undefined {
  const n = expected.length;
  if (options.unordered || n === 0 || actualLines.length !== n) return undefined;
  // The last line is not blank (the actual lines end on a non-blank one): no expected line is a trailing blank.
  for (let e = 0; e < n; e++) {
    const raw = trimLineEnd(expected[e]!.text);
    if (comparedText(raw, options) !== texts[e] || !isPlainLine(raw, texts[e]!, options) || scanValues(texts[e]!, options.classes) !== 0) return undefined;
  }
  return { ok: true, actualLines, ops: [{ op: 'same', e0: 0, e1: n, a0: 0, a1: n }], problems: [], newBindings: [] };
}

/** Judges one step's output; records the step's new bindings in `table` only when it matches. */
export function matchOutput(expected: ExpectedLine[], output: string, table: BindingTable, options: MatchOptions): Verdict {
  const actualLines = normalizeOutput(output);
  const texts = options.exact ? actualLines : actualLines.map(collapseSpaces);
  return literalVerdict(expected, actualLines, texts, options) ?? judgeFully(expected, output, table, options, new ExpectedBlock(expected, options), actualLines, texts);
}

/** The full judgement (exported so tests can hold `literalVerdict` to it). */
export function judgeFully(expected: ExpectedLine[], output: string, table: BindingTable, options: MatchOptions, block: ExpectedBlock, actualLines: string[], texts: string[]): Verdict {
  const compared: number[] = [];
  const skipped: number[] = [];
  for (let e = 0; e < expected.length; e++) (block.kinds[e] === SKIP ? skipped : compared).push(e);
  let fork = table.fork();
  // `(esc)` lines compare against the output with its escapes kept (when stripping them left the lines in place).
  let bytes = block.needsBytes ? normalizeOutput(output, true) : undefined;
  if (bytes && bytes.length !== actualLines.length) bytes = undefined;
  let memo = new PairMemo(block, actualLines, texts, bytes);
  const tableMode = isTable(block, compared, expected, options) && actualLines.length > 0 && memo.same(compared[0]!, 0);
  let judged = options.unordered || tableMode
    ? judgeUnordered(block, memo, { raws: actualLines, texts }, compared, expected, fork, options)
    : judgeOrdered(block, memo, actualLines.length, compared, expected, fork, options.file);
  if (tableMode && !judged.ok) {
    // Shown (and rewritten by update) in the document's row order: each actual row beside the row it paired with.
    const order = documentOrder(compared, judged.paired!, actualLines.length);
    actualLines = order.map((a) => actualLines[a]!);
    texts = order.map((a) => texts[a]!);
    if (bytes) bytes = order.map((a) => bytes![a]!);
    fork = table.fork();
    memo = new PairMemo(block, actualLines, texts, bytes);
    judged = judgeOrdered(block, memo, actualLines.length, compared, expected, fork, options.file);
    judged.problems.push(...columnProblems(judged.ops, expected, compared[0]!, actualLines, options));
  }
  noEolProblems(block, judged, expected, actualLines.length, output, options.file);
  for (const [, why] of block.invalid) judged.problems.push(`${why} (the line never matches; write it in JavaScript regex syntax)`);
  if (judged.ok) fork.commit();
  const ops = judged.whole ? judged.ops : mergeOps(withSkipped(judged.ops, mergeSorted(skipped, judged.unpaired)));
  const verdict = { ok: judged.ok, actualLines, ops, problems: judged.problems } as Verdict;
  let newBindings: Verdict['newBindings'] | undefined;
  Object.defineProperty(verdict, 'newBindings', {
    enumerable: true,
    get: () => (newBindings ??= fork.ownEntries()),
    set: (v: Verdict['newBindings']) => (newBindings = v),
  });
  return verdict;
}
