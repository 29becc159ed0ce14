// Builders for match tests: expected lines as the parser hands them over, and block options.
import { BindingTable } from '../../src/match/binding-table.js';
import { matchOutput } from '../../src/match/match-output.js';
import type { ExpectedLine, MatchOptions, Verdict } from '../../src/match/types.js';
import { resolveClasses } from '../../src/match/volatile-classes.js';

/** Expected lines from text, numbered from `firstLine` (the markdown line of the first one). */
export function lines(text: string, firstLine = 10): ExpectedLine[] {
  let offset = 0;
  return text.split('\n').map((t, i) => {
    const l = { text: t, line: firstLine + i, start: offset, end: offset + t.length };
    offset += t.length + 1;
    return l;
  });
}

/** Options with every built-in class on at its default mode. */
export function opts(over: Partial<MatchOptions> = {}): MatchOptions {
  return { exact: false, unordered: false, classes: resolveClasses({ volatile: {}, normalize: [] }), file: 'networking.md', ...over };
}

/** Matches `expected` text against `actual` output with a fresh (or given) table. */
export function match(expected: string, actual: string, over: Partial<MatchOptions> = {}, table = new BindingTable()): Verdict {
  return matchOutput(lines(expected), actual, table, opts(over));
}
