// Properties of update on generated runbooks: after update the document says
// what the commands printed (a re-judge passes), a second update is a no-op,
// and prose, BOM and line endings survive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/markdown/types.js';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { makeResult, makeRun } from './support/build.js';
import { genDoc, renderDoc, stepsOf, type GenStep } from './support/generate.js';
import { isComment, judge, matches } from './support/judge.js';
import { parseTranscripts } from './support/transcripts.js';

/** update once: judge every step against what it printed, plan, apply. */
function updateOnce(rb: Runbook, gen: GenStep[]): { text: string; edits: number } {
  const results = rb.steps.map((s, i) => {
    const g = gen[i]!;
    return makeResult(s, g.actual, judge(s.expected!.map((e) => e.text), g.actual), g.actualExit);
  });
  const patch = planUpdate(makeRun(rb, results), { redact: [] });
  return { text: applyPatch(rb.source, patch), edits: patch.edits.length };
}

describe('update on generated runbooks', () => {
  it('then re-judging passes, a second update is a no-op, and every byte around survives', () => {
    fc.assert(
      fc.property(genDoc, (doc) => {
        const { source, prose } = renderDoc(doc);
        const gen = stepsOf(doc);
        const rb = parseTranscripts('doc.md', source);
        expect(rb.steps.map((s) => s.command)).toEqual(gen.map((g) => g.command));
        const first = updateOnce(rb, gen);
        const rb2 = parseTranscripts('doc.md', first.text);
        expect(rb2.steps.map((s) => s.command)).toEqual(gen.map((g) => g.command));
        rb2.steps.forEach((s, i) => {
          const g = gen[i]!;
          expect(matches(s.expected!.map((e) => e.text), g.actual)).toBe(true);
          expect(s.exit).toBe(g.actualExit);
          // author comments are kept
          const before = rb.steps[i]!.expected!.map((e) => e.text).filter(isComment);
          expect(s.expected!.map((e) => e.text).filter(isComment)).toEqual(before);
        });
        expect(updateOnce(rb2, gen).edits).toBe(0);
        // prose, BOM and line endings survive
        let at = 0;
        for (const p of prose) {
          const found = first.text.indexOf(p, at);
          expect(found).toBeGreaterThanOrEqual(at);
          at = found + p.length;
        }
        expect(first.text.startsWith('\uFEFF')).toBe(doc.bom);
        if (doc.eol === '\r\n') expect(/(^|[^\r])\n/.test(first.text)).toBe(false);
        else expect(first.text.includes('\r')).toBe(false);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('changes zero bytes when every step already matches', () => {
    fc.assert(
      fc.property(genDoc, (doc) => {
        const { source } = renderDoc(doc);
        const rb = parseTranscripts('doc.md', source);
        const same = stepsOf(doc).map((g, i) => ({
          ...g,
          actual: rb.steps[i]!.expected!.map((e) => e.text).filter((t) => !isComment(t)),
          actualExit: rb.steps[i]!.exit as number,
        }));
        const out = updateOnce(rb, same);
        expect(out.edits).toBe(0);
        expect(out.text).toBe(source);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});
