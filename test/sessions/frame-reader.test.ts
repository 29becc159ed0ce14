// The stdout splitter: however the stream is cut into chunks, the same frames come out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrameReader, type Frame } from '../../src/sessions/frame-reader.js';

const D = '__RB_feedface__';

// Feeds `stream` cut at `cuts` and returns what the reader reported.
function read(stream: Buffer, cuts: number[], cap = 1 << 20): { pid?: number; frames: Frame[]; rest: Frame } {
  const frames: Frame[] = [];
  let pid: number | undefined;
  const r = createFrameReader(D, cap, { onReady: (p) => (pid = p), onFrame: (f) => frames.push(f), onText: () => {}, onExit: () => {} });
  let at = 0;
  for (const c of [...new Set(cuts)].sort((a, b) => a - b).filter((c) => c > 0 && c < stream.length)) {
    r.push(stream.subarray(at, c));
    at = c;
  }
  r.push(stream.subarray(at));
  return { pid, frames, rest: r.flush() };
}

describe('createFrameReader', () => {
  it('shows a short line live, holding back only what could start a delimiter line', () => {
    const live: string[] = [];
    const r = createFrameReader(D, 1 << 20, { onReady: () => {}, onFrame: () => {}, onText: (t) => live.push(t), onExit: () => {} });
    r.push(Buffer.from(`${D} ready 1\ntick 1\n`));
    expect(live.join('')).toBe('tick 1');
    r.push(Buffer.from(`tick 2\n${D.slice(0, 5)}`));
    expect(live.join('')).toBe('tick 1\ntick 2');
  });

  it('skips what comes before the ready line and cuts frames at the delimiter', () => {
    const s = Buffer.from(`motd\n${D} ready 42\nhi\n\n${D} 1 0\nno newline\n${D} 2 1\n\n${D} 3 0\npart`);
    const { pid, frames, rest } = read(s, []);
    expect(pid).toBe(42);
    expect(frames.map((f) => [f.output, f.status, f.noFinalNewline])).toEqual([['hi\n', 0, false], ['no newline', 1, true], ['', 0, false]]);
    expect(rest.output).toBe('part');
  });

  it('gives the same frames for every way of cutting the stream (multi-byte characters included)', () => {
    const out = fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 5 });
    fc.assert(
      fc.property(out, fc.array(fc.nat(400)), (outputs, cuts) => {
        const s = Buffer.from(`${D} ready 7\n${outputs.map((o, i) => `${o}\n${D} ${i + 1} ${i}\n`).join('')}`);
        const { frames } = read(s, cuts);
        expect(frames.map((f) => f.output)).toEqual(outputs);
        expect(frames.map((f) => f.status)).toEqual(outputs.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('caps the kept output but still finds the delimiter', () => {
    const s = Buffer.from(`${D} ready 1\n${'x'.repeat(100)}\n${D} 1 0\nok\n\n${D} 2 0\n`);
    const { frames } = read(s, [5, 50, 110], 10);
    expect(frames[0]).toMatchObject({ output: 'xxxxxxxxxx\n[runbook: output truncated after 10 bytes]\n', truncated: true });
    expect(frames[1]).toMatchObject({ output: 'ok\n', truncated: false });
  });
});
