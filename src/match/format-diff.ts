// A failed step as a unified diff a person can act on: each hunk names the
// markdown file:line of its first expected line, `-` lines are the expected
// lines as the author wrote them, `+` lines what came back. Plain text:
// reporters add colour.
import type { ExpectedLine, Verdict } from './types.js';

/** Unchanged lines shown around each change. */
const CONTEXT = 3;

interface Row {
  mark: ' ' | '-' | '+';
  text: string;
  /** Index of the expected line, for ` ` and `-` rows. */
  e?: number;
}

/** Control characters as visible symbols (tab → ␉, ESC → ␛, CR → ␍, DEL → ␡), so a diff never hides them. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

// The ops flattened into diff rows, in order.
function rows(expected: ExpectedLine[], verdict: Verdict): Row[] {
  const out: Row[] = [];
  for (const o of verdict.ops) {
    if (o.op === 'added') for (let a = o.a0; a < o.a1; a++) out.push({ mark: '+', text: verdict.actualLines[a] ?? '' });
    else for (let e = o.e0; e < o.e1; e++) out.push({ mark: o.op === 'same' ? ' ' : '-', text: expected[e]?.text ?? '', e });
  }
  return out;
}

// Row ranges [from, to) around the changes, neighbours closer than twice the context merged.
function hunkRanges(all: Row[]): [number, number][] {
  const ranges: [number, number][] = [];
  all.forEach((r, i) => {
    if (r.mark === ' ') return;
    const from = Math.max(0, i - CONTEXT);
    const to = Math.min(all.length, i + CONTEXT + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  return ranges;
}

// `file:line` of the hunk's first expected line (or the nearest one before it, for a hunk of added lines only).
function hunkWhere(all: Row[], from: number, to: number, expected: ExpectedLine[], file: string): string {
  const inHunk = all.slice(from, to).find((r) => r.e !== undefined);
  const before = inHunk ?? all.slice(0, from).reverse().find((r) => r.e !== undefined);
  const line = before?.e !== undefined ? expected[before.e]?.line : undefined;
  return line !== undefined ? `${file}:${line}` : file;
}

/** Unified-diff-like lines (`@@ file:line @@`, ` `, `-`, `+`); empty when nothing differs. */
export function formatDiff(expected: ExpectedLine[], verdict: Verdict, file: string): string[] {
  const all = rows(expected, verdict);
  const out: string[] = [];
  for (const [from, to] of hunkRanges(all)) {
    out.push(`@@ ${hunkWhere(all, from, to, expected, file)} @@`);
    for (const r of all.slice(from, to)) out.push(`${r.mark}${visible(r.text)}`);
  }
  return out;
}
