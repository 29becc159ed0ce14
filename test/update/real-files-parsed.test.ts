// Byte preservation with the real parser on real-world markdown and on the
// shipped runbooks: update with every step passing changes zero bytes; a step
// whose output drifted is rewritten, re-parses to the actual lines, and no
// byte outside its output changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import type { Runbook } from '../../src/markdown/types.js';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { makeResult, makeRun } from './support/build.js';

const root = join(import.meta.dirname, '..', '..');
const realDir = join(import.meta.dirname, 'fixtures', 'real');
const files = [
  ...readdirSync(realDir).sort().map((f) => join(realDir, f)),
  ...readdirSync(join(root, 'runbooks')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'runbooks', f)),
  join(root, 'test', 'fixtures', 'k3s-networking-cheatsheet.md'),
];
const config = mergeConfig([]);

/** The file parsed, or null when the parser rejects it (not update's concern). */
function parse(file: string): Runbook | null {
  try {
    return parseRunbook(file, readFileSync(file, 'utf8'), config);
  } catch {
    return null;
  }
}

const texts = (rb: Runbook, i: number) => rb.steps[i]!.expected!.map((e) => e.text);

describe('update on real markdown, real parser', () => {
  const parsed = files.map((f) => ({ f, rb: parse(f) })).filter((x): x is { f: string; rb: Runbook } => x.rb !== null);

  it('parses most of them, and finds steps in many', () => {
    expect(parsed.length).toBeGreaterThanOrEqual(200);
    expect(parsed.filter((p) => p.rb.steps.some((s) => s.expected !== null)).length).toBeGreaterThanOrEqual(15);
  });

  it('changes zero bytes when every step passed', () => {
    for (const { f, rb } of parsed) {
      const results = rb.steps.map((s) => {
        const t = s.expected?.map((e) => e.text) ?? [];
        return makeResult(s, t, t.length ? [{ op: 'same', e0: 0, e1: t.length, a0: 0, a1: t.length }] : [], s.exit === 'any' ? 0 : s.exit);
      });
      const patch = planUpdate(makeRun(rb, results), { redact: [] });
      expect(patch.edits, f).toEqual([]);
      expect(applyPatch(rb.source, patch) === rb.source, f).toBe(true);
    }
  });

  it('rewrites one drifted step: it re-parses to the actual lines, nothing else changes', () => {
    let checked = 0;
    for (const { f, rb } of parsed) {
      const i = rb.steps.findIndex((s) => s.kind === 'command' && s.expected !== null && s.expected.length > 0);
      if (i === -1) continue;
      checked++;
      const step = rb.steps[i]!;
      const n = step.expected!.length;
      const actual = ['fresh line one', '', 'fresh\tline three'];
      const r = makeResult(step, actual, [{ op: 'removed', e0: 0, e1: n }, { op: 'added', a0: 0, a1: actual.length }], step.exit === 'any' ? 0 : step.exit);
      const out = applyPatch(rb.source, planUpdate(makeRun(rb, [r]), { redact: [] }));
      const again = parseRunbook(f, out, config);
      expect(again.steps.length, f).toBe(rb.steps.length);
      expect(texts(again, i), f).toEqual(actual);
      const from = step.expected![0]!.start;
      const to = step.expected![n - 1]!.end;
      expect(out.slice(0, from) === rb.source.slice(0, from), f).toBe(true);
      expect(out.slice(out.length - (rb.source.length - to)) === rb.source.slice(to), f).toBe(true);
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('update on the shipped runbooks, every step drifted', () => {
  const shipped = files.filter((f) => !f.startsWith(realDir));
  it.each(shipped.map((f) => [f.slice(root.length + 1), f]))('%s: every step re-parses to its new output, twice is a no-op', (_name, f) => {
    const rb = parseRunbook(f, readFileSync(f, 'utf8'), config);
    const outputs = rb.steps.map((s) => (s.expected === null ? null : [`fresh ${s.index} a`, `  fresh\t${s.index} b`]));
    const resultsFor = (book: Runbook) =>
      book.steps.map((s, i) => {
        const actual = outputs[i] ?? [];
        const n = s.expected?.length ?? 0;
        const same = n > 0 && texts(book, i).join('\n') === actual.join('\n');
        const ops = same ? [{ op: 'same' as const, e0: 0, e1: n, a0: 0, a1: n }] : [...(n > 0 ? [{ op: 'removed' as const, e0: 0, e1: n }] : []), ...(actual.length > 0 ? [{ op: 'added' as const, a0: 0, a1: actual.length }] : [])];
        return makeResult(s, actual, ops, s.exit === 'any' ? 0 : s.exit);
      });
    const out = applyPatch(rb.source, planUpdate(makeRun(rb, resultsFor(rb)), { redact: [] }));
    const again = parseRunbook(f, out, config);
    expect(again.steps.map((s) => s.command)).toEqual(rb.steps.map((s) => s.command));
    again.steps.forEach((s, i) => {
      if (outputs[i]) expect(texts(again, i), `${f}:${s.line}`).toEqual(outputs[i]);
    });
    expect(planUpdate(makeRun(again, resultsFor(again)), { redact: [] }).edits).toEqual([]);
  });
});
