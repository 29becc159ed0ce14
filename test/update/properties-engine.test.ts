// The update property with the real parser, matcher and run loop: for
// generated runbooks and generated outputs, update then run passes, and a
// second update is a no-op; line endings, BOM, tabs, trailing spaces,
// blockquotes and list items survive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import { outcomeMessage, type RunbookResult } from '../../src/run/types.js';
import { runRunbook } from '../../src/run/run-runbook.js';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { genDocWith, renderDoc, stepsOf, volatileWords, type GenStep } from './support/generate.js';
import { sequencePool } from './support/scripted-pool.js';

const config = { ...mergeConfig([]), comments: /^#/ };

/** Parses and runs `source`, the i-th step printing gen[i].actual. */
async function run(source: string, gen: GenStep[]): Promise<RunbookResult> {
  const rb = parseRunbook('doc.md', source, config);
  const replies = gen.map((g) => ({ output: g.actual.map((l) => `${l}\n`).join(''), exitCode: g.actualExit }));
  return runRunbook(rb, config, sequencePool(replies), { selection: { only: [] }, bail: false, signal: new AbortController().signal, reporter: {} });
}

async function update(source: string, gen: GenStep[]): Promise<string> {
  return applyPatch(source, planUpdate(await run(source, gen), { redact: [], prompts: config.prompts, comments: config.comments }));
}

describe('update on generated runbooks, real engine', () => {
  it('update then run passes; a second update is a no-op; the prose survives', async () => {
    await fc.assert(
      fc.asyncProperty(genDocWith(true), async (doc) => {
        const { source, prose } = renderDoc(doc);
        const gen = stepsOf(doc);
        const before = await run(source, gen);
        expect(before.results.map((r) => r.step.command)).toEqual(gen.map((g) => g.command));
        const once = await update(source, gen);
        const after = await run(once, gen);
        expect(after.results.filter((r) => r.outcome.status !== 'passed').map((r) => `${r.step.line}: ${outcomeMessage(r.outcome)}`)).toEqual([]);
        expect(await update(once, gen)).toBe(once);
        // prose survives, up to rebinding of the volatile values in it
        const blur = (t: string) => volatileWords.reduce((acc, w) => acc.replaceAll(w, '<v>'), t);
        const onceBlurred = blur(once);
        let at = 0;
        for (const p of prose.map(blur)) {
          const found = onceBlurred.indexOf(p, at);
          expect(found).toBeGreaterThanOrEqual(at);
          at = found + p.length;
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});
