// SIGTERM/SIGINT while update writes a large runbook: the file is the old one
// or the new one, byte for byte, never a mix; with deferSignals no temp file
// is left either. Signals are sent at varied moments; nothing here is timed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transpileSources } from './support/transpile.js';

const SIZE = 48 * 1024 * 1024;
const compiled = transpileSources(mkdtempSync(join(tmpdir(), 'runbook-js-')), ['errors.ts', 'update/write-atomically.ts', 'update/replace-file.ts', 'update/defer-signals.ts']);
const child = join(import.meta.dirname, 'support', 'write-child.mjs');
afterAll(() => rmSync(compiled, { recursive: true, force: true }));

/** Runs the writer, signals it `delayMs` after it says "writing", returns how it ended. */
function writeAndSignal(file: string, signal: NodeJS.Signals, delayMs: number, defer: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; said: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, compiled, file, String(SIZE), defer ? '1' : '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    p.stdout.on('data', (d: Buffer) => {
      const first = !said.includes('writing');
      said += d.toString();
      if (first && said.includes('writing')) setTimeout(() => p.kill(signal), delayMs);
    });
    p.on('error', reject);
    p.on('exit', (code, sig) => resolve({ code, signal: sig, said }));
  });
}

describe('a signal during the write', () => {
  const cases: [NodeJS.Signals, number, boolean][] = [
    ['SIGTERM', 0, true],
    ['SIGTERM', 15, true],
    ['SIGINT', 5, true],
    ['SIGTERM', 0, false],
    ['SIGTERM', 30, false],
  ];
  it.each(cases)('%s after %i ms (through writeAtomically: %s) leaves the old file or the whole new one', async (signal, delay, defer) => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-sig-'));
    try {
      const file = join(dir, 'big.md');
      const old = 'old line\n'.repeat(1000);
      writeFileSync(file, old);
      const end = await writeAndSignal(file, signal, delay, defer);
      const size = statSync(file).size;
      if (size === old.length) expect(readFileSync(file, 'utf8')).toBe(old);
      else {
        expect(size).toBe(SIZE);
        const text = readFileSync(file, 'latin1');
        expect(text.endsWith('n\n') && !text.includes('old')).toBe(true);
      }
      if (defer) {
        // the signal was held until the write finished, then delivered: the process still ends by it
        expect(end.signal).toBe(signal);
        expect(size).toBe(SIZE);
        expect(readdirSync(dir)).toEqual(['big.md']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
