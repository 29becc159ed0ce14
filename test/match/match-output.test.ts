// matchOutput: volatile values and bindings within a step and across steps, unordered, and the ops.
import { describe, expect, test } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';
import type { AlignOp, Verdict } from '../../src/match/types.js';
import { match } from './helpers.js';

// Every expected index and every actual index appears exactly once, in order.
function expectCovering(v: Verdict, expectedCount: number): void {
  let e = 0;
  let a = 0;
  for (const o of v.ops as AlignOp[]) {
    if (o.op !== 'added') {
      expect(o.e0).toBe(e);
      e = o.e1;
    }
    if (o.op !== 'removed') {
      expect(o.a0).toBe(a);
      a = o.a1;
    }
  }
  expect(e).toBe(expectedCount);
  expect(a).toBe(v.actualLines.length);
}

describe('bindings within a step', () => {
  test('the same expected value twice must be the same actual value', () => {
    expect(match('-d 10.43.180.238/32\n-d 10.43.180.238/32', '-d 10.45.7.19/32\n-d 10.45.7.19/32').ok).toBe(true);
    const v = match('-d 10.43.180.238/32\n-d 10.43.180.238/32', '-d 10.45.7.19/32\n-d 10.45.7.20/32');
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['networking.md:11: ipv4 10.43.180.238 was 10.45.7.19 at networking.md:10, here it is 10.45.7.20']);
    expect(v.ops).toEqual([
      { op: 'same', e0: 0, e1: 1, a0: 0, a1: 1 },
      { op: 'removed', e0: 1, e1: 2 },
      { op: 'added', a0: 1, a1: 2 },
    ]);
  });
  test('two expected values cannot become one actual value', () => {
    const v = match('10.43.0.1\n10.43.0.10', '10.45.0.1\n10.45.0.1');
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toBe('networking.md:11: ipv4 10.45.0.1 is already bound to 10.43.0.1 at networking.md:10, here 10.43.0.10 would map to it');
  });
  test('any-mode values need not agree', () => {
    expect(match('up 22h\nup 22h', 'up 3d4h\nup 5m').ok).toBe(true);
  });
});

describe('bindings across steps', () => {
  test('a later step must agree with an earlier one', () => {
    const table = new BindingTable();
    expect(match('nginx-service ClusterIP 10.43.180.238', 'nginx-service ClusterIP 10.45.7.19', {}, table).ok).toBe(true);
    const v = match('-d 10.43.180.238/32', '-d 10.45.99.1/32', {}, table);
    expect(v.problems).toEqual(['networking.md:10: ipv4 10.43.180.238 was 10.45.7.19 at networking.md:10, here it is 10.45.99.1']);
  });
  test('a failed step reports its new bindings but does not record them', () => {
    const table = new BindingTable();
    const v = match('10.43.0.1 ok\nstatus ok', '10.45.0.1 ok\nstatus failed', {}, table);
    expect(v.ok).toBe(false);
    expect(v.newBindings).toEqual([{ className: 'ipv4', expected: '10.43.0.1', actual: '10.45.0.1', origin: { file: 'networking.md', line: 10 } }]);
    expect(table.entries()).toEqual([]);
  });
  test('a passing step records its new bindings', () => {
    const table = new BindingTable();
    const v = match('10.43.0.1 ok', '10.45.0.1 ok', {}, table);
    expect(v.newBindings).toHaveLength(1);
    expect(table.entries()).toEqual(v.newBindings);
  });
});

describe('unordered', () => {
  const pods = 'nginx-7c79c4bf97-gk7cj 10.42.0.8 vm1\nnginx-7c79c4bf97-4fdl4 10.42.2.2 vm3\nnginx-7c79c4bf97-5j5bv 10.42.1.2 vm2';
  test('lines match as a multiset', () => {
    const v = match(pods, 'nginx-5d8f9b6c4-h4rtl 10.44.1.9 vm2\nnginx-5d8f9b6c4-x7k2p 10.44.0.17 vm1\nnginx-5d8f9b6c4-qz9wm 10.44.2.5 vm3', { unordered: true });
    expect(v.ok).toBe(true);
    expect(v.ops).toEqual([{ op: 'same', e0: 0, e1: 3, a0: 0, a1: 3 }]);
  });
  test('lines pair with the ones whose values agree with earlier bindings', () => {
    const table = new BindingTable();
    table.bind('k8s-name', '7c79c4bf97-5j5bv', '5d8f9b6c4-h4rtl', { file: 'networking.md', line: 3 });
    const v = match(pods.replace(/ vm\d/g, ''), 'nginx-5d8f9b6c4-h4rtl 10.44.1.9\nnginx-5d8f9b6c4-x7k2p 10.44.0.17\nnginx-5d8f9b6c4-qz9wm 10.44.2.5', { unordered: true }, table);
    expect(v.ok).toBe(true);
    expect(table.entries().find((b) => b.expected === '10.42.1.2')!.actual).toBe('10.44.1.9');
  });
  test('a missing and an extra line are drift', () => {
    const v = match(pods, 'nginx-5d8f9b6c4-h4rtl 10.44.1.9 vm2\nredis-5d8f9b6c4-x7k2p 10.44.0.17 vm1\nnginx-5d8f9b6c4-qz9wm 10.44.2.5 vm3', { unordered: true });
    expect(v.ok).toBe(false);
    expectCovering(v, 3);
    // Lines that matched out of order may show as changed too (the diff is the minimal one of the pairing).
    expect(v.ops.some((o) => o.op === 'removed' && o.e0 <= 0 && 0 < o.e1)).toBe(true);
    expect(v.ops.some((o) => o.op === 'added' && o.a0 <= 1 && 1 < o.a1)).toBe(true);
  });
  test('[...] in an unordered block allows extra lines', () => {
    expect(match('b\n[...]', 'a\nb\nc', { unordered: true }).ok).toBe(true);
    expect(match('b', 'a\nb\nc', { unordered: true }).ok).toBe(false);
  });
});

describe('ops', () => {
  test('cover every expected and actual line in order, comments included', () => {
    const expected = '# intro\nNAME AGE\n[...]\n# middle\npod-a 22h\nmissing line\n# end';
    const v = match(expected, 'NAME AGE\nx\ny\npod-a 3d\nextra\nmore', { comments: /^#/ });
    expect(v.ok).toBe(false);
    expectCovering(v, 7);
    expect(v.ops).toEqual([
      { op: 'same', e0: 0, e1: 5, a0: 0, a1: 4 },
      { op: 'removed', e0: 5, e1: 6 },
      { op: 'added', a0: 4, a1: 6 },
      { op: 'same', e0: 6, e1: 7, a0: 6, a1: 6 },
    ]);
  });
  test('the [...] line takes the unmatched lines of its gap when the step fails elsewhere', () => {
    const v = match('head\n[...]\ntail\nlast', 'head\n1\n2\ntail\nLAST');
    expectCovering(v, 4);
    expect(v.ops).toEqual([
      { op: 'same', e0: 0, e1: 3, a0: 0, a1: 4 },
      { op: 'removed', e0: 3, e1: 4 },
      { op: 'added', a0: 4, a1: 5 },
    ]);
  });
});
