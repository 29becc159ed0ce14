// One expected line on its own, compiled into a test of one actual line: for
// checking a runbook's expected output before anything runs (an invalid
// `(re)` line is found here). Steps are matched through `ExpectedBlock`, which
// compiles a whole block into flat arrays.
import { ELIDE, ExpectedBlock, SKIP } from './expected-block.js';
import type { ActualText } from './line-rules.js';
import type { ExpectedLine, MatchOptions } from './types.js';

export interface LineMatcher {
  /** `skip`: a blank line, never compared; `elide`: a `[...]` line, zero or more lines; `line`: anything else. */
  kind: 'skip' | 'elide' | 'line';
  /** The actual values of the line's volatile values, in order, or null when the line does not match. */
  test(actual: ActualText): string[] | null;
  /** `file:line: why` when the line can never match (a `(re)` line JavaScript cannot read). */
  invalid?: string;
}

/** Compiles one expected line. */
export function compileLine(line: ExpectedLine, options: MatchOptions): LineMatcher {
  const block = new ExpectedBlock([line], options);
  const kind = block.kinds[0] === SKIP ? 'skip' : block.kinds[0] === ELIDE ? 'elide' : 'line';
  const invalid = block.invalid.get(0);
  return { kind, test: (a) => (block.test(0, a.raw, a.text, a.bytes) ? block.values(0, a.text) : null), ...(invalid ? { invalid } : {}) };
}
