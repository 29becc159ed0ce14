// Properties of matching over generated text (fast-check).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDiff } from '../../src/match/format-diff.js';
import { escapeRegex } from '../../src/match/line-rules.js';
import { normalizeOutput } from '../../src/match/normalize.js';
import type { AlignOp, Verdict } from '../../src/match/types.js';
import { lines, match } from './helpers.js';

// Printable lines with words, numbers, IPs and the odd tab: what command output looks like.
const word = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_/:=,.()<>-]{1,12}$/),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.constantFrom('Running', '1/1', '22h', '<none>', 'KUBE-SEP-LNMZPQ2U2A5TEEGP', 'nginx-7c79c4bf97-gk7cj'),
);
const gap = fc.constantFrom(' ', '  ', '   ', '\t', ' \t ');
const line = fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 8 }).map((ws) => ws.map(([w, g]) => w + g).join('').trimEnd());
const text = fc.array(line, { minLength: 1, maxLength: 30 });
// Expected text must not hold the rule syntax by accident.
const plain = (ls: string[]) => !ls.some((l) => l.includes('[...]') || / \([a-z]+\)$/.test(l));

function covers(v: Verdict, expectedCount: number): boolean {
  let e = 0;
  let a = 0;
  for (const o of v.ops as AlignOp[]) {
    if (o.op !== 'added') {
      if (o.e0 !== e) return false;
      e = o.e1;
    }
    if (o.op !== 'removed') {
      if (o.a0 !== a) return false;
      a = o.a1;
    }
  }
  return e === expectedCount && a === v.actualLines.length;
}

describe('properties', () => {
  test('any normalized text matches itself, with exact and without', () => {
    fc.assert(
      fc.property(text, (ls) => {
        fc.pre(plain(ls));
        const out = normalizeOutput(ls.join('\n')).join('\n');
        expect(match(out, out, { exact: true }).ok).toBe(true);
        expect(match(out, out).ok).toBe(true);
      }),
    );
  });

  test('re-spacing the columns still matches', () => {
    fc.assert(
      fc.property(text, fc.array(gap, { minLength: 1 }), (ls, gaps) => {
        fc.pre(plain(ls));
        let k = 0;
        const respaced = ls.map((l) => l.replace(/[ \t]+/g, () => gaps[k++ % gaps.length]!)).join('\n');
        expect(match(ls.join('\n'), respaced).ok).toBe(true);
      }),
    );
  });

  test('a line written as its own escaped regex, or as a glob with a star, matches', () => {
    fc.assert(
      fc.property(line, fc.nat(), (l, cut) => {
        expect(match(`${escapeRegex(l)} (re)`, l).ok).toBe(true);
        const at = cut % (l.length + 1);
        const glob = l.slice(0, at).replace(/[*?\\]/g, '\\$&') + '*';
        expect(match(`${glob} (glob)`, l).ok).toBe(true);
      }),
    );
  });

  test('one changed line is caught, and the diff names its markdown line', () => {
    fc.assert(
      fc.property(text, fc.nat(), (ls, pick) => {
        fc.pre(plain(ls));
        const i = pick % ls.length;
        const changed = [...ls];
        changed[i] = `${ls[i]} DRIFT`;
        const v = match(ls.join('\n'), changed.join('\n'));
        expect(v.ok).toBe(false);
        expect(covers(v, ls.length)).toBe(true);
        const diff = formatDiff(lines(ls.join('\n'), 100), v, 'n.md');
        const minus = diff.filter((d) => d.startsWith('-'));
        expect(minus.length).toBeGreaterThan(0);
        // The hunk starts at most 3 lines of context before the changed line.
        const header = Number(/@@ n\.md:(\d+) @@/.exec(diff[0]!)![1]);
        expect(header).toBeLessThanOrEqual(100 + i);
        expect(header).toBeGreaterThanOrEqual(100 + i - 3);
      }),
    );
  });

  test('ops always cover every expected and actual line in order, [...] and comments included', () => {
    const withRules = fc.array(fc.oneof({ weight: 5, arbitrary: line }, fc.constant('[...]'), fc.constant('# note')), { maxLength: 20 });
    fc.assert(
      fc.property(withRules, fc.array(line, { maxLength: 20 }), fc.boolean(), (exp, act, unordered) => {
        const v = match(exp.join('\n'), act.join('\n'), { comments: /^#/, unordered });
        expect(covers(v, exp.join('\n') === '' ? 1 : exp.length)).toBe(true);
        if (v.ok) expect(v.ops.every((o) => o.op === 'same')).toBe(true);
        else expect(v.ops.some((o) => o.op !== 'same') || v.problems.length > 0).toBe(true);
      }),
    );
  });
});
