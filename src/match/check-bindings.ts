// Bindings are judged after the alignment, in expected-line order: the first
// line that shows a value binds it (unless an earlier step already did), and
// any later line that contradicts it is reported with both places. A line
// whose binding breaks counts as changed, so the diff shows it too.
import type { BindingTable } from './binding-table.js';
import type { LineMatcher } from './compile-line.js';
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
  matchers: LineMatcher[],
  valuesOf: (e: number, a: number) => string[] | null,
  expected: ExpectedLine[],
  table: BindingTable,
  file: string,
): BindingCheck {
  const problems: string[] = [];
  const broken = new Set<number>();
  forEachPair((e, a) => {
    const m = matchers[e]!;
    if (m.kind !== 'line' || !m.forEachToken) return;
    let values: string[] | null | undefined;
    let origin: { file: string; line: number } | undefined;
    m.forEachToken((cls, value, i) => {
      if (cls.mode !== 'bind') return;
      values ??= valuesOf(e, a);
      if (!values) return;
      const problem = table.bind(cls.name, value, values[i]!, (origin ??= { file, line: expected[e]!.line }));
      if (problem) {
        problems.push(`${file}:${origin.line}: ${cls.name} ${problem}`);
        broken.add(e);
      }
    });
  });
  return { problems, broken };
}
