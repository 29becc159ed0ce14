// diffRegion: a large failed alignment is diffed region by region, with the same result as one
// Myers diff over everything when the changes are apart; and the 100,000-line case stays linear.
import { describe, expect, test } from 'vitest';
import { diffRegion } from '../../src/match/diff-region.js';
import { diffOps, mergeOps } from '../../src/match/ops.js';
import { match } from './helpers.js';

// Expected lines `line i`, actual lines after `edit`; lines compared as text.
function both(count: number, edit: (lines: string[]) => string[]) {
  const exp = Array.from({ length: count }, (_, i) => `line ${i}`);
  const act = edit([...exp]);
  const compared = exp.map((_, i) => i);
  const lines = { same: (e: number, a: number) => exp[e] === act[a], isElide: () => false, isOptional: () => false };
  const regions = mergeOps(diffRegion(compared, act.length, lines, []));
  const whole = mergeOps(diffOps(compared, 0, act.length, lines.same, new Set()));
  return { regions, whole };
}

describe('diffRegion', () => {
  test('replaced, removed and added lines far apart: the same ops as one Myers diff', () => {
    const { regions, whole } = both(5000, (l) => {
      l[100] = 'changed';
      l.splice(900, 1);
      l.splice(2000, 0, 'new a', 'new b');
      l.splice(3000, 3, 'x', 'y');
      l[4990] = 'last but some';
      return l;
    });
    expect(regions).toEqual(whole);
    expect(regions.filter((o) => o.op !== 'same')).toHaveLength(8);
  });
  test('a change near the start and near the end', () => {
    const { regions, whole } = both(3000, (l) => {
      l[1] = 'second';
      l[2997] = 'near the end';
      return l;
    });
    expect(regions).toEqual(whole);
  });
  test('more disagreement than it looks ahead for: the rest is diffed whole, still covering every line', () => {
    const { regions, whole } = both(3000, (l) => {
      for (let i = 1000; i < 1200; i++) l[i] = `other ${i}`;
      return l;
    });
    expect(regions).toEqual(whole);
  });
});

describe('a large step with a few lines changed', () => {
  test('shows exactly those lines', () => {
    const exp = Array.from({ length: 20000 }, (_, i) => `-A KUBE-SEP-${i} -s 10.42.${i >> 8}.${(i & 255) || 1}/32 -j KUBE-MARK-MASQ`);
    const act = exp.map((l) => l.replace('10.42.', '10.44.'));
    act[500] = act[500]!.replace('MASQ', 'DROP');
    act[15000] = act[15000]!.replace('MASQ', 'DROP');
    const v = match(exp.join('\n'), act.join('\n'));
    expect(v.ok).toBe(false);
    expect(v.ops.filter((o) => o.op !== 'same')).toEqual([
      { op: 'removed', e0: 500, e1: 501 },
      { op: 'added', a0: 500, a1: 501 },
      { op: 'removed', e0: 15000, e1: 15001 },
      { op: 'added', a0: 15000, a1: 15001 },
    ]);
  });
});
