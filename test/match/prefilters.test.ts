// scanValues skips a line at once when the combined prefilter of its classes finds nothing
// (src/match/tokenize.ts): that is sound only if each class's prefilter holds wherever its quick
// check does. fast-check over lines built from the characters values are made of.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scanValues } from '../../src/match/tokenize.js';
import type { VolatileClass } from '../../src/match/types.js';
import { builtinClasses, prefilters, quickChecks } from '../../src/match/volatile-classes.js';

// Pieces of values and near-values: hex runs, dotted quads, colons, dashes, k8s suffixes, ages.
const piece = fc.oneof(
  fc.stringMatching(/^[0-9a-fA-F:.-]{1,14}$/),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.constantFrom('KUBE-', 'veth', 'veth9a1b', '::', '10.42.0.5', '10.43.0.1:30080', 'fe80::1', 'aa:bb:cc:dd:ee:ff', '12:30:45', '2026-12-06', '4m35s', '3d4h',
    'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'coredns-7db6d8ff4d-x9k2p', 'deadbeefcafe', '\r', ' ', '\t'),
);
const line = fc.array(piece, { minLength: 0, maxLength: 6 }).map((ps) => ps.join(''));

describe('the prefilters of the built-in classes', () => {
  test('every class with a quick check has a prefilter', () => {
    expect(Object.keys(prefilters).sort()).toEqual(Object.keys(quickChecks).sort());
  });

  test('each holds wherever its class quick check holds', () => {
    fc.assert(
      fc.property(line, (l) => {
        for (const name of Object.keys(quickChecks)) if (quickChecks[name]!(l)) expect(prefilters[name]!.test(l), `${name}: ${JSON.stringify(l)}`).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('scanValues finds the same values with the built-in classes as with the same classes spelled as custom ones', () => {
    const builtins: VolatileClass[] = Object.entries(builtinClasses).map(([name, c]) => ({ name, pattern: c.pattern, mode: c.mode }) as VolatileClass);
    // A copy of a class's pattern, one character longer, is a custom class: no quick check, no prefilter.
    const custom: VolatileClass[] = builtins.map((c) => ({ ...c, pattern: `(?:${c.pattern})` }));
    fc.assert(
      fc.property(line, (l) => {
        expect(scanValues(l, builtins)).toBe(scanValues(l, custom));
      }),
      { numRuns: 3000 },
    );
  });
});
