// The line edits for one drifted step. Expected lines that the matcher paired
// with actual output (`same` ops) stay as the author wrote them — `[...]`
// elisions, `(re)`/`(glob)` lines, comments; each run of `removed`/`added` ops
// becomes the actual lines, in order. Edits cover whole line texts only, so
// container prefixes (`> `, list indents) and line endings around them survive.
import type { ExpectedLine, Step } from '../markdown/types.js';
import type { StepResult } from '../run/types.js';
import { lineStartOf, nextLineStart } from './line-ending.js';
import type { Edit } from './types.js';

/** Which results update rewrites: drifted steps, which really ran (errored ones could not run or finish, and keep their text). */
export function isRewritable(r: StepResult): boolean {
  return r.outcome.status === 'drifted' && r.execution !== undefined && r.step.expected !== null;
}

/** Edits that make the step's expected output match its actual output (empty when it already matches); `ops` default to the verdict's. */
export function outputEdits(source: string, r: StepResult, eol: string, clean: (s: string) => string, ops = r.verdict?.ops ?? []): Edit[] {
  const { step, verdict } = r;
  const expected = step.expected;
  if (!verdict || !expected) return [];
  const actual = verdict.actualLines;
  const edits: Edit[] = [];
  let removedFrom = -1;
  let removedTo = -1;
  let added: string[] = [];
  const flush = (nextE: number): void => {
    if (removedFrom === -1 && added.length === 0) return;
    const lines = added.map(clean);
    if (removedFrom !== -1) edits.push(replaceLines(source, step, removedFrom, removedTo, lines, eol));
    else edits.push(insertLines(source, step, nextE, lines, eol));
    removedFrom = removedTo = -1;
    added = [];
  };
  for (const op of ops) {
    if (op.op === 'same') {
      flush(op.e0);
    } else if (op.op === 'removed') {
      if (op.e1 <= op.e0) continue;
      if (removedFrom === -1) removedFrom = op.e0;
      removedTo = op.e1;
    } else {
      for (let a = op.a0; a < op.a1; a++) added.push(actual[a]!);
    }
  }
  flush(expected.length);
  return edits;
}

/** The container prefix written before a line's text (`> `, list indent). */
export function prefixOf(source: string, line: ExpectedLine): string {
  return source.slice(lineStartOf(source, line.start), line.start);
}

/** The prefix for lines written next to `line`: its own, unless it is a blank line's shortened one (`>` for `> `). */
export function fullPrefix(source: string, line: ExpectedLine, step: Step): string {
  const own = prefixOf(source, line);
  return step.linePrefix.length > own.length && step.linePrefix.startsWith(own) ? step.linePrefix : own;
}

/** A blank output line gets the prefix without its trailing blanks (`>` rather than `> `). */
function withPrefix(prefix: string, text: string): string {
  return text === '' ? prefix.trimEnd() : prefix + text;
}

/** Replace expected lines [e0, e1) by `lines`; with no lines, delete the whole lines (endings included). */
function replaceLines(source: string, step: Step, e0: number, e1: number, lines: string[], eol: string): Edit {
  const expected = step.expected!;
  const first = expected[e0]!;
  const last = expected[e1 - 1]!;
  if (lines.length === 0) return { start: lineStartOf(source, first.start), end: nextLineStart(source, last.end), text: '' };
  const own = prefixOf(source, first);
  const prefix = fullPrefix(source, first, step);
  // the first line keeps its own prefix bytes, completed when it was a blank line's shortened prefix
  const text = lines.map((l, i) => (i === 0 ? (l === '' ? '' : prefix.slice(own.length) + l) : withPrefix(prefix, l))).join(eol);
  return { start: first.start, end: last.end, text };
}

/** Insert whole lines before expected line `e`, or after the last one, or where the step has room for output. */
function insertLines(source: string, step: Step, e: number, lines: string[], eol: string): Edit {
  const expected = step.expected ?? [];
  const before = expected[e];
  let at: number;
  let prefix = step.linePrefix;
  if (before) {
    at = lineStartOf(source, before.start);
    prefix = fullPrefix(source, before, step);
  } else if (expected.length > 0) {
    const last = expected[expected.length - 1]!;
    at = nextLineStart(source, last.end);
    prefix = fullPrefix(source, last, step);
  } else {
    at = roomForOutput(source, step);
  }
  // A file whose last expected line has no line ending (unterminated fence at EOF) needs one first.
  const lead = at > 0 && source[at - 1] !== '\n' ? eol : '';
  return { start: at, end: at, text: lead + lines.map((l) => withPrefix(prefix, l) + eol).join('') };
}

/** Where output goes in a step that has none: its insertAt, but never after its `[N]` line. */
export function roomForOutput(source: string, step: Step): number {
  return step.exitLine ? Math.min(step.insertAt, lineStartOf(source, step.exitLine.start)) : step.insertAt;
}
