// The shortcut for output that is the expected lines themselves must judge exactly as the full
// alignment does, whenever it takes a step at all (fast-check over generated steps).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';
import { ExpectedBlock } from '../../src/match/expected-block.js';
import { judgeFully, literalVerdict, matchOutput } from '../../src/match/match-output.js';
import { collapseSpaces, normalizeOutput } from '../../src/match/normalize.js';
import type { MatchOptions } from '../../src/match/types.js';
import { lines, opts } from './helpers.js';

// Lines with and without volatile values, rule suffixes, elisions, comments and blank lines.
const word = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-zA-Z_/:=,.<>-]{1,8}$/) },
  fc.constantFrom('Running', 'line-1', '10.42.0.5', '22h', 'KUBE-SEP-LNMZPQ2U2A5TEEGP', 'a3f9c0d1e2b4', '[...]', '(re)', '(glob)', '#'),
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).chain((ws) => fc.constantFrom(' ', '  ', '\t').map((g) => ws.join(g))) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x* (glob)', 'ok (re)', '[...]', '# a comment') },
);
const step = fc.record({
  expected: fc.array(line, { minLength: 0, maxLength: 6 }),
  // The actual output: the expected lines themselves (re-spaced at times), or another text.
  same: fc.boolean(),
  respace: fc.boolean(),
  other: fc.array(line, { minLength: 0, maxLength: 6 }),
  trailing: fc.constantFrom('', '\n', '\n\n'),
  exact: fc.boolean(),
  unordered: fc.boolean(),
  comments: fc.boolean(),
});

describe('literalVerdict', () => {
  test('agrees with the full judgement whenever it gives a verdict, and takes plain equal output', () => {
    let taken = 0;
    fc.assert(
      fc.property(step, (s) => {
        const body = s.same ? s.expected.map((l) => (s.respace ? l.replace(/ /g, '  ') : l)) : s.other;
        const output = body.join('\n') + s.trailing;
        const options: MatchOptions = opts({ exact: s.exact, unordered: s.unordered, ...(s.comments ? { comments: /^# / } : {}) });
        const expected = lines(s.expected.join('\n'));
        const actualLines = normalizeOutput(output);
        const texts = options.exact ? actualLines : actualLines.map(collapseSpaces);
        const fast = literalVerdict(expected, actualLines, texts, options);
        if (!fast) return;
        taken++;
        const full = judgeFully(expected, output, new BindingTable(), options, new ExpectedBlock(expected, options), actualLines, texts);
        expect({ ...fast, newBindings: fast.newBindings }).toEqual({ ...full, newBindings: full.newBindings });
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  test('a line holding a volatile value still binds it', () => {
    const table = new BindingTable();
    const v = matchOutput(lines('pod 10.42.0.5 Running'), 'pod 10.42.0.5 Running\n', table, opts());
    expect(v.ok).toBe(true);
    expect(v.newBindings.map((b) => `${b.className} ${b.expected}=${b.actual}`)).toEqual(['ipv4 10.42.0.5=10.42.0.5']);
    // The same document value shown as another address later is held to the first.
    expect(matchOutput(lines('10.42.0.5'), '10.42.0.9\n', table, opts()).ok).toBe(false);
  });
});
