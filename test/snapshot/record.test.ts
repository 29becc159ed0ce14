import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/markdown/types.js';
import { readSnapshot } from '../../src/snapshot/read-snapshot.js';
import { recordSnapshot } from '../../src/snapshot/record.js';
import { makeExecution, makeRun, makeStep } from '../update/support/build.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('recordSnapshot', () => {
  it('writes snapshots/<name>.snap.json beside the runbooks folder and returns its path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-rec-'));
    mkdirSync(join(dir, 'runbooks'));
    const file = join(dir, 'runbooks', 'net.md');
    const step = makeStep({ index: 0, file, line: 3, command: 'echo hi' });
    const rb: Runbook = { file, source: '', steps: [step], ignored: [], mentions: [] };
    const run = makeRun(rb, [{ step, outcome: { status: 'passed' }, commandRun: 'echo hi', substitutions: [], execution: makeExecution('hi\n'), attempts: 1 }]);
    const path = await recordSnapshot(run, '9.9.9', []);
    expect(path).toBe(join(dir, 'snapshots', 'net.snap.json'));
    expect(readSnapshot(path).steps[0]!.execution!.output).toEqual(['hi']);
    expect(readFileSync(path, 'utf8')).toContain('"runner": "9.9.9"');
  });

  it('refuses an interrupted run and writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-rec-'));
    const file = join(dir, 'runbooks', 'net.md');
    const rb: Runbook = { file, source: '', steps: [], ignored: [], mentions: [] };
    await expect(recordSnapshot(makeRun(rb, [], [], true), '1', [])).rejects.toThrow(/interrupted run is not recorded/);
    expect(existsSync(join(dir, 'snapshots'))).toBe(false);
  });
});
