// `unordered`: the output lines are a multiset (node lists, pod lists). Each
// expected line takes the first unused actual line it matches, preferring
// one whose values agree with the bindings so far (so three nginx pods pair
// with the right three, whatever order kubectl lists them in). Lines with a
// skeleton (literals + class names) are looked up by it, so large outputs
// stay linear; only `(re)`/`(glob)`/inline `[...]` lines scan all lines.
import type { BindingTable } from './binding-table.js';
import type { ActualLine, LineMatcher } from './compile-line.js';
import { skeleton, tokenize } from './tokenize.js';
import type { VolatileClass } from './types.js';

// Would this line's values bind without contradicting the table? If so, bind them.
function agrees(m: LineMatcher, values: string[], probe: BindingTable, origin: { file: string; line: number }): boolean {
  const tokens = m.tokens;
  const ok = tokens.every((t, i) => t.cls.mode !== 'bind' || probe.conflict(t.cls.name, t.text, values[i]!) === null);
  // Bound one by one: two values of the line that contradict each other still fail later, in checkBindings.
  if (ok) tokens.forEach((t, i) => t.cls.mode === 'bind' && probe.bind(t.cls.name, t.text, values[i]!, origin));
  return ok;
}

/** For each expected index, the actual line it pairs with, or -1. */
export function pairUnordered(
  matchers: LineMatcher[],
  actual: ActualLine[],
  classes: VolatileClass[],
  probe: BindingTable,
  origins: { file: string; line: number }[],
): Int32Array {
  const pairs = new Int32Array(matchers.length).fill(-1);
  const used = new Uint8Array(actual.length);
  const byKey = new Map<string, number[]>();
  actual.forEach((a, i) => {
    a.pieces ??= tokenize(a.text, classes);
    a.key ??= skeleton(a.pieces);
    const list = byKey.get(a.key);
    if (list) list.push(i);
    else byKey.set(a.key, [i]);
  });
  // The first unused actual line among `candidates` that matches; one that agrees with the bindings wins.
  const pick = (m: LineMatcher, e: number, candidates: Iterable<number>): number => {
    let fallback = -1;
    for (const a of candidates) {
      if (used[a]) continue;
      const values = m.test(actual[a]!);
      if (!values) continue;
      if (agrees(m, values, probe, origins[e]!)) return a;
      if (fallback < 0) fallback = a;
    }
    return fallback;
  };
  matchers.forEach((m, e) => {
    if (m.kind !== 'line') return;
    // Plain lines pair by skeleton only (a scan of every line for each drifted line would be
    // quadratic); `(re)`, `(glob)` and inline `[...]` lines have none, and scan.
    const a = m.pieces ? pick(m, e, byKey.get(skeleton(m.pieces)) ?? []) : pick(m, e, actual.keys());
    if (a >= 0) {
      pairs[e] = a;
      used[a] = 1;
    }
  });
  return pairs;
}
