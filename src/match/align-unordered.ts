// `unordered`: the output lines are a multiset (node lists, pod lists). Each
// expected line takes the first unused actual line it matches, preferring
// one whose values agree with the bindings so far (so three nginx pods pair
// with the right three, whatever order kubectl lists them in). Lines with a
// skeleton (literals + class names) are looked up by it, so large outputs
// stay linear; only `(re)`/`(glob)`/inline `[...]` lines scan all lines.
// Author comments go last: each takes an unused actual line equal to it, if any.
import type { BindingTable } from './binding-table.js';
import { INLINE, OPTIONAL, PLAIN, RULE, type ExpectedBlock } from './expected-block.js';
import { foundValues, scanValues, skeletonOf } from './tokenize.js';
import type { ExpectedLine, VolatileClass } from './types.js';

/** Actual lines with one skeleton, in order; those before `from` are used. */
interface Candidates {
  lines: number[];
  from: number;
}

// Would line e's values bind without contradicting the table? If so, bind them.
function agrees(block: ExpectedBlock, e: number, values: string[], probe: BindingTable, file: string, line: number): boolean {
  const count = block.valueCount(e);
  for (let i = 0; i < count; i++) {
    const cls = block.valueClass(e, i);
    if (cls.mode === 'bind' && probe.conflict(cls.name, block.valueText(e, i), values[i]!) !== null) return false;
  }
  // Bound one by one: two values of the line that contradict each other still fail later, in checkBindings.
  for (let i = 0; i < count; i++) {
    const cls = block.valueClass(e, i);
    if (cls.mode === 'bind') probe.bindAt(cls.name, block.valueText(e, i), values[i]!, file, line);
  }
  return true;
}

// Actual lines by skeleton.
function bySkeleton(texts: string[], classes: VolatileClass[]): Map<string, Candidates> {
  const byKey = new Map<string, Candidates>();
  texts.forEach((text, a) => {
    const key = skeletonOf(text, foundValues().subarray(0, scanValues(text, classes)), classes);
    const list = byKey.get(key);
    if (list) list.lines.push(a);
    else byKey.set(key, { lines: [a], from: 0 });
  });
  return byKey;
}

/** For each expected index, the actual line it pairs with, or -1. */
export function pairUnordered(
  block: ExpectedBlock,
  compared: number[],
  raws: string[],
  texts: string[],
  classes: VolatileClass[],
  probe: BindingTable,
  expected: ExpectedLine[],
  file: string,
): Int32Array {
  const pairs = new Int32Array(block.kinds.length).fill(-1);
  const used = new Uint8Array(texts.length);
  const byKey = compared.some((e) => block.kinds[e] === PLAIN) ? bySkeleton(texts, classes) : new Map<string, Candidates>();
  const all = { lines: Array.from(texts.keys()), from: 0 };
  // The first unused actual line among `candidates` that matches; one that agrees with the bindings wins.
  const pick = (e: number, candidates: Candidates): number => {
    const { lines } = candidates;
    while (candidates.from < lines.length && used[lines[candidates.from]!]) candidates.from++;
    let fallback = -1;
    for (let k = candidates.from; k < lines.length; k++) {
      const a = lines[k]!;
      if (used[a] || !block.test(e, raws[a]!, texts[a]!)) continue;
      if (agrees(block, e, block.values(e, texts[a]!), probe, file, expected[e]!.line)) return a;
      if (fallback < 0) fallback = a;
    }
    return fallback;
  };
  const take = (e: number, a: number): void => {
    if (a < 0) return;
    pairs[e] = a;
    used[a] = 1;
  };
  for (const e of compared) {
    const kind = block.kinds[e];
    // Plain lines pair by skeleton only (a scan of every line for each drifted line would be
    // quadratic); `(re)`, `(glob)` and inline `[...]` lines have none, and scan.
    if (kind === PLAIN) take(e, pick(e, byKey.get(block.skeleton(e)!) ?? { lines: [], from: 0 }));
    else if (kind === RULE || kind === INLINE) take(e, pick(e, all));
  }
  for (const e of compared) if (block.kinds[e] === OPTIONAL) take(e, pick(e, all));
  return pairs;
}
