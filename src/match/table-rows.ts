// Tables (kubectl, docker, crictl, helm): output whose first line is a header
// of upper-case column names compares as that header plus a set of rows, since
// kubectl lists rows in an order that follows generated names and a fresh
// cluster permutes them. A drifted table is shown in the document's row order
// (each actual row under the expected row it paired with), and by column.
import type { ExpectedLine } from './types.js';

// Upper-case column names (`NAME`, `CONTAINER ID`, `NOMINATED NODE`, `PORT(S)`), at least two
// apart by a run of two or more spaces or a tab.
const HEADER = /^[A-Z][A-Z0-9_\-/().%:]*(?: [A-Z][A-Z0-9_\-/().%:]*)*(?:(?: {2,}|\t+)[A-Z][A-Z0-9_\-/().%:]*(?: [A-Z][A-Z0-9_\-/().%:]*)*)+$/;

/** Is this line a table header? */
export function isTableHeader(line: string): boolean {
  return HEADER.test(line.trim());
}

/**
 * The order in which to show actual lines against the expected ones: each
 * expected line's partner at its place, an unpaired actual row where an
 * unpaired expected row is (so a changed row sits beside the row it replaced),
 * what is left at the end.
 */
export function documentOrder(compared: number[], paired: Int32Array, n: number): number[] {
  const used = new Uint8Array(n);
  for (const e of compared) if (paired[e]! >= 0) used[paired[e]!] = 1;
  const spare: number[] = [];
  for (let a = 0; a < n; a++) if (!used[a]) spare.push(a);
  const order: number[] = [];
  let s = 0;
  for (const e of compared) {
    const a = paired[e]!;
    if (a >= 0) order.push(a);
    else if (s < spare.length) order.push(spare[s++]!);
  }
  while (s < spare.length) order.push(spare[s++]!);
  return order;
}

// Column starts of a header line: where each name begins after a run of 2+ spaces.
function columnStarts(header: string): number[] {
  const starts = [header.search(/\S/)];
  const re = /(?: {2,}|\t+)(?=\S)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) starts.push(m.index + m[0].length);
  return starts;
}

// A row cut at its header's column starts (kubectl left-aligns each cell at its column).
function cells(row: string, starts: number[]): string[] {
  return starts.map((s, i) => row.slice(s, starts[i + 1] ?? row.length).trim());
}

/**
 * For a removed expected row and the actual row shown beside it: the row's
 * first cell, and the columns that differ (`STATUS: expected Running, got
 * Pending`); null when none or all of them do (then it is another row).
 */
export function columnDifferences(expectedHeader: ExpectedLine, actualHeader: string, expected: ExpectedLine, actual: string, equalCell: (want: string, got: string) => boolean): { row: string; columns: string[] } | null {
  const names = cells(expectedHeader.text, columnStarts(expectedHeader.text));
  const want = cells(expected.text, columnStarts(expectedHeader.text));
  const got = cells(actual, columnStarts(actualHeader));
  if (names.length < 2 || want.length !== got.length) return null;
  const diffs: string[] = [];
  names.forEach((name, i) => {
    if (!equalCell(want[i]!, got[i]!)) diffs.push(`${name}: expected ${want[i] || '(empty)'}, got ${got[i] || '(empty)'}`);
  });
  if (diffs.length === 0 || diffs.length === names.length) return null;
  return { row: want[0]!, columns: diffs };
}
