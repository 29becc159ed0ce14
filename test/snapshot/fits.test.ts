import { describe, expect, it } from 'vitest';
import type { Runbook, Step } from '../../src/markdown/types.js';
import type { StepResult } from '../../src/run/types.js';
import { checkSnapshotFits } from '../../src/snapshot/check-snapshot-fits.js';
import { buildSnapshot } from '../../src/snapshot/build-snapshot.js';
import { createReplayPool } from '../../src/snapshot/replay.js';
import { makeExecution, makeRun, makeStep } from '../update/support/build.js';

/** A runbook of `$ cmd` steps on vm1 (each on line 10·(i+1)). */
function runbookOf(commands: string[], file = 'runbooks/net.md'): Runbook {
  const steps: Step[] = commands.map((command, index) => makeStep({ index, file, line: 10 * (index + 1), target: 'vm1', command }));
  return { file, source: '', steps, ignored: [], mentions: [] };
}

/** A snapshot of every step printing `<command> out`. */
function recordOf(rb: Runbook) {
  const results: StepResult[] = rb.steps.map((step) => ({ step, outcome: { status: 'passed' }, commandRun: step.command, substitutions: [], execution: makeExecution(`${step.command} out\n`), attempts: 1 }));
  return buildSnapshot(makeRun(rb, results), '0.1.0', []);
}

describe('checkSnapshotFits', () => {
  const recorded = recordOf(runbookOf(['ip a', 'ip r', 'ping -c1 vm2', 'exit-code']));

  it('is empty when the runbook has not changed', () => {
    expect(checkSnapshotFits(recorded, runbookOf(['ip a', 'ip r', 'ping -c1 vm2', 'exit-code']))).toEqual([]);
  });

  it('names exactly the step that was added', () => {
    const rb = runbookOf(['ip a', 'ip r', 'ss -lnt', 'ping -c1 vm2', 'exit-code']);
    expect(checkSnapshotFits(recorded, rb, 'snapshots/net.snap.json')).toEqual([
      'runbooks/net.md:30: step 3 `ss -lnt` on vm1 has no recording in snapshots/net.snap.json (added or changed since it was recorded)',
    ]);
  });

  it('names exactly the recording that is left over when a step was removed', () => {
    expect(checkSnapshotFits(recorded, runbookOf(['ip a', 'ping -c1 vm2', 'exit-code']), 'snapshots/net.snap.json')).toEqual([
      'snapshots/net.snap.json: recorded step 2 (was line 20) `ip r` on vm1 is no longer in runbooks/net.md (removed or changed)',
    ]);
  });

  it('a changed command is both: the new step unrecorded, the old recording left over', () => {
    const out = checkSnapshotFits(recorded, runbookOf(['ip a', 'ip -6 r', 'ping -c1 vm2', 'exit-code']));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^runbooks\/net\.md:20: step 2 `ip -6 r`/);
    expect(out[1]).toMatch(/recorded step 2 \(was line 20\) `ip r`/);
  });
});

describe('replay when the runbook changed', () => {
  const recorded = recordOf(runbookOf(['ip a', 'ip r', 'ping -c1 vm2']));

  it('replays the steps it has, and an added step fails with file:line and the fix', async () => {
    const rb = runbookOf(['ip a', 'ss -lnt', 'ip r', 'ping -c1 vm2']);
    const s = createReplayPool(recorded, rb, 'snapshots/net.snap.json').session('vm1');
    const opts = { timeoutMs: 1000 };
    expect((await s.run('ip a', opts)).output).toBe('ip a out\n');
    const added = await s.run('ss -lnt', opts);
    expect(added.error).toBe('runbooks/net.md:20: `ss -lnt` on vm1 has no recording in snapshots/net.snap.json; record it again with `runbook run --record runbooks/net.md`');
    expect(added.exitCode).toBeNull();
    expect((await s.run('ip r', opts)).output).toBe('ip r out\n');
    expect((await s.run('ping -c1 vm2', opts)).output).toBe('ping -c1 vm2 out\n');
  });

  it('steps left out of a run (--only, --section) are passed over', async () => {
    const s = createReplayPool(recorded, runbookOf(['ip a', 'ip r', 'ping -c1 vm2']), 'snap').session('vm1');
    expect((await s.run('ping -c1 vm2', { timeoutMs: 1000 })).output).toBe('ping -c1 vm2 out\n');
  });

  it('a target with nothing recorded says so', async () => {
    const s = createReplayPool(recorded, runbookOf(['ip a', 'ip r', 'ping -c1 vm2']), 'snap').session('vm9');
    expect((await s.run('hostname', { timeoutMs: 1000 })).error).toMatch(/nothing left to replay on target vm9 for `hostname`/);
  });
});

describe('replay of a retried step', () => {
  it('serves the same recording again when the run loop retries a step (same options), the next one otherwise', async () => {
    const rb = runbookOf(['kubectl get pods', 'kubectl get pods', 'ip r']);
    const snap = recordOf(rb);
    snap.steps[1]!.execution!.output = ['second'];
    const s = createReplayPool(snap, rb, 'snap').session('vm1');
    const attempt = { timeoutMs: 1000 };
    expect((await s.run('kubectl get pods', attempt)).output).toBe('kubectl get pods out\n');
    expect((await s.run('kubectl get pods', attempt)).output).toBe('kubectl get pods out\n');
    expect((await s.run('kubectl get pods', { timeoutMs: 1000 })).output).toBe('second\n');
    expect((await s.run('ip r', { timeoutMs: 1000 })).output).toBe('ip r out\n');
    expect((await s.run('kubectl get pods', { timeoutMs: 1000 })).error).toMatch(/nothing left to replay/);
  });
});
