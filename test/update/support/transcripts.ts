// A tiny transcript parser for generated test documents: fences ```console
// (inside `> ` blockquotes, indented, or after a `- ` list marker), `$ `
// prompts, expected lines with their offsets, a cram `[N]` last line.
import type { ExpectedLine, Runbook, Step } from '../../../src/markdown/types.js';
import { makeStep } from './build.js';

interface Line {
  text: string;
  start: number;
  end: number;
  no: number;
}

/** Splits a source into lines with offsets (end excludes the line ending). */
export function linesOf(source: string): Line[] {
  const out: Line[] = [];
  let at = 0;
  let no = 1;
  while (at <= source.length) {
    const nl = source.indexOf('\n', at);
    const stop = nl === -1 ? source.length : nl;
    const end = stop > at && source[stop - 1] === '\r' ? stop - 1 : stop;
    out.push({ text: source.slice(at, end), start: at, end, no: no++ });
    if (nl === -1) break;
    at = nl + 1;
  }
  return out;
}

/** The steps of every console block in a generated document. */
export function parseTranscripts(file: string, source: string): Runbook {
  const lines = linesOf(source);
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\uFEFF?)([ >]*)(- )?```console$/.exec(lines[i]!.text);
    if (!open) continue;
    const prefix = (open[2] ?? '') + (open[3] ? '  ' : '');
    let j = i + 1;
    let step: Step | null = null;
    const body = (l: Line): string | null => (l.text.startsWith(prefix) ? l.text.slice(prefix.length) : l.text === prefix.trimEnd() ? '' : null);
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const text = body(l);
      if (text === null || text === '```') break;
      const off = l.start + (l.text.length - text.length);
      if (text.startsWith('$ ')) {
        if (step) finish(step);
        step = makeStep({ index: steps.length, file, line: l.no, command: text.slice(2), expected: [], linePrefix: prefix });
        steps.push(step);
      } else if (step) {
        step.expected!.push({ text, line: l.no, start: off, end: off + text.length });
      }
    }
    if (step) finish(step);
    const close = lines[j];
    const insertAt = close ? close.start : source.length;
    // insertAt of each step: the start of the next prompt line or the closing fence
    for (const s of steps.filter((s) => s.line > i && s.line <= (close?.no ?? Infinity))) {
      const next = steps.find((t) => t.line > s.line && t.line < (close?.no ?? Infinity));
      s.insertAt = next ? lines[next.line - 1]!.start : insertAt;
    }
    i = j;
  }
  return { file, source, steps, ignored: [], mentions: [] };
}

/** Moves a trailing `[N]` line out of the expected lines. */
function finish(step: Step): void {
  const last: ExpectedLine | undefined = step.expected!.at(-1);
  const m = last && /^\[(\d+)\]$/.exec(last.text);
  if (!m || !last) return;
  step.expected!.pop();
  step.exitLine = last;
  step.exit = Number(m[1]);
}
