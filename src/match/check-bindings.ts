// Bindings are judged after the alignment, in expected-line order: the first
// line that shows a value binds it (unless an earlier step already did), and
// any later line that contradicts it is reported with both places. A line
// whose binding breaks counts as changed, so the diff shows it too.
import type { BindingTable } from './binding-table.js';
import type { ExpectedBlock } from './expected-block.js';
import type { PairMemo } from './pair-memo.js';
import type { ExpectedLine } from './types.js';

export interface BindingCheck {
  /** `file:line: what is broken`, one per broken value. */
  problems: string[];
  /** Expected lines whose values contradict the bindings. */
  broken: Set<number>;
}

/** Binds the values of every matched pair (e → a, in expected order) into `table` (a fork); reports contradictions. */
export function checkBindings(
  forEachPair: (each: (e: number, a: number) => void) => void,
  block: ExpectedBlock,
  memo: PairMemo,
  expected: ExpectedLine[],
  table: BindingTable,
  file: string,
): BindingCheck {
  const problems: string[] = [];
  const broken = new Set<number>();
  forEachPair((e, a) => {
    const count = block.valueCount(e);
    let matched = false;
    for (let i = 0; i < count; i++) {
      const cls = block.valueClass(e, i);
      if (cls.mode !== 'bind') continue;
      if (!matched && !(matched = memo.same(e, a))) return;
      const line = expected[e]!.line;
      const problem = table.bindAt(cls.name, block.valueText(e, i), memo.valueAt(e, i), file, line);
      if (problem) {
        problems.push(`${file}:${line}: ${cls.name} ${problem}`);
        broken.add(e);
      }
    }
  });
  return { problems, broken };
}
