// Byte preservation on real-world markdown (READMEs and CHANGELOGs shipped in
// node_modules, copied by fixtures/harvest.sh): an update with nothing to
// change changes zero bytes, and rewriting one block changes only that block.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/markdown/types.js';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { bind, makeResult, makeRun, makeStep } from './support/build.js';
import { findFences } from './support/fences.js';

const dir = join(import.meta.dirname, 'fixtures', 'real');
const files = readdirSync(dir).sort();

/** The file as a runbook whose steps are its fenced blocks. */
function asRunbook(file: string, source: string): Runbook {
  const steps = findFences(source).map((f, index) => makeStep({ index, file, line: f.line, command: `block ${index}`, expected: f.content, insertAt: f.closeAt }));
  return { file, source, steps, ignored: [], mentions: [] };
}

describe('update on real-world markdown', () => {
  it('has at least 200 fixture files, CRLF and BOM ones among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(200);
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(texts.some((t) => t.includes('\r\n'))).toBe(true);
  });

  it('changes zero bytes when every step matched and no value changed', () => {
    let blocks = 0;
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      const rb = asRunbook(f, source);
      blocks += rb.steps.length;
      const results = rb.steps.map((s) => {
        const texts = s.expected!.map((e) => e.text);
        return makeResult(s, texts, texts.length ? [{ op: 'same', e0: 0, e1: texts.length, a0: 0, a1: texts.length }] : []);
      });
      const bindings = [bind('10.43.0.1', '10.43.0.1'), bind('203.0.113.77', '198.51.100.1')];
      const patch = planUpdate(makeRun(rb, results, bindings), { redact: ['HOME'] });
      expect(patch.edits, f).toEqual([]);
      expect(applyPatch(source, patch) === source, f).toBe(true);
    }
    expect(blocks).toBeGreaterThan(500);
  });

  it('rewriting one block changes only that block', () => {
    let rewritten = 0;
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      const rb = asRunbook(f, source);
      const target = rb.steps.find((s) => s.expected!.length > 0);
      if (!target) continue;
      rewritten++;
      const n = target.expected!.length;
      const r = makeResult(target, ['REPLACED'], [{ op: 'removed', e0: 0, e1: n }, { op: 'added', a0: 0, a1: 1 }]);
      const out = applyPatch(source, planUpdate(makeRun(rb, [r]), { redact: [] }));
      const from = target.expected![0]!.start;
      const to = target.expected![n - 1]!.end;
      expect(out.slice(0, from) === source.slice(0, from), f).toBe(true);
      expect(out.slice(from, from + 8)).toBe('REPLACED');
      expect(out.slice(from + 8) === source.slice(to), f).toBe(true);
    }
    expect(rewritten).toBeGreaterThan(100);
  });
});
