import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Runbook, Step } from '../../src/markdown/types.js';
import type { StepResult } from '../../src/run/types.js';
import type { Execution } from '../../src/sessions/types.js';
import { buildSnapshot } from '../../src/snapshot/build-snapshot.js';
import { joinOutput, splitOutput } from '../../src/snapshot/output-lines.js';
import { readSnapshot } from '../../src/snapshot/read-snapshot.js';
import { createReplayPool } from '../../src/snapshot/replay.js';
import { serializeSnapshot, writeSnapshot } from '../../src/snapshot/write-snapshot.js';
import { bind, makeExecution, makeRun, makeStep } from '../update/support/build.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-snap-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const steps: Step[] = ([
  makeStep({ index: 0, line: 5, target: 'vm1', command: 'kubectl get svc' }),
  makeStep({ index: 1, line: 9, target: 'vm1', command: 'curl -s 10.43.0.1', annotations: { id: 'curl' } }),
  makeStep({ index: 2, line: 14, target: 'local', kind: 'file', command: 'nginx.yaml', filePath: 'nginx.yaml', fileContent: 'kind: Pod\n' }),
  makeStep({ index: 3, line: 20, target: 'test-pod', command: 'printf "no newline"' }),
  makeStep({ index: 4, line: 24, target: 'vm2', command: 'ping -c1 vm3' }),
  makeStep({ index: 5, line: 28, target: 'vm1', command: 'echo skipped' }),
] as Step[]).map((s) => ({ ...s, file: 'runbooks/k3s.md' }));
const executions: (Execution | undefined)[] = [
  makeExecution('NAME   CLUSTER-IP\nnginx  10.43.0.7\n', { durationMs: 12.6 }),
  makeExecution('hello\r\n\u001b[32mgreen\u001b[0m\n\n', { exitCode: 7 }),
  makeExecution(''),
  makeExecution('no newline'),
  makeExecution('ssh: connect to host vm2 port 22: Connection refused\n', { exitCode: null, error: 'ssh exited with 255', timedOut: true }),
  undefined,
];
const runbook: Runbook = { file: 'runbooks/k3s.md', source: '', steps, ignored: [], mentions: [] };

/** The run those steps made (the command as run has the binding substituted). */
function run(durations = 0): ReturnType<typeof makeRun> {
  const results: StepResult[] = steps.map((step, i) => {
    const x = executions[i];
    return {
      step,
      outcome: x ? { status: 'drifted', drift: 'structure-changed' } : { status: 'skipped', reason: 'not run' },
      commandRun: step.command.replace('10.43.0.1', '10.43.0.7'),
      substitutions: [],
      ...(x ? { execution: { ...x, durationMs: x.durationMs + durations } } : {}),
      attempts: 1,
    };
  });
  return makeRun(runbook, results, [bind('10.43.0.1', '10.43.0.7')]);
}

/** The formatted InputError a call throws. */
function formatted(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as InputError).format();
  }
  return 'did not throw';
}

describe('snapshots', () => {
  it('output lines round-trip exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ', 'é') }), (s) => {
        const { lines, noFinalNewline } = splitOutput(s);
        expect(joinOutput(lines, noFinalNewline)).toBe(s);
      }),
    );
  });

  it('build → write → read → replay gives back the same executions', async () => {
    const file = join(dir, 'snapshots', 'k3s.snap.json');
    await writeSnapshot(file, buildSnapshot(run(), '0.1.0', []));
    const snap = readSnapshot(file);
    const pool = createReplayPool(snap, runbook, file);
    const replayed: Execution[] = [];
    for (const s of steps.slice(0, 5)) {
      const session = pool.session(s.target);
      const opts = { timeoutMs: 1000 };
      replayed.push(s.kind === 'file' ? await session.writeFile(s.filePath!, s.fileContent!, opts) : await session.run(s.command.replace('10.43.0.1', '10.43.0.7'), opts));
    }
    expect(replayed).toEqual(executions.slice(0, 5).map((x) => ({ ...x, durationMs: Math.round(x!.durationMs) })));
    const skipped = await pool.session('vm1').run('echo skipped', { timeoutMs: 1000 });
    expect(skipped.error).toMatch(/runbooks\/k3s\.md:28: `echo skipped` was skipped when .*k3s\.snap\.json was recorded/);
  });

  it('stores fields in a stable order, output as lines, no timestamp', () => {
    const text = serializeSnapshot(buildSnapshot(run(), '0.1.0', []));
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'runner', 'runbook', 'steps', 'bindings']);
    expect(Object.keys(JSON.parse(text).steps[0])).toEqual(['index', 'id', 'line', 'kind', 'target', 'command', 'commandRun', 'status', 'execution']);
    expect(text).toContain('"output": [\n          "NAME   CLUSTER-IP",\n          "nginx  10.43.0.7"\n        ]');
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('re-recording the same output keeps the file byte for byte; new output rewrites it', async () => {
    const file = join(dir, 'snapshots', 'k3s.snap.json');
    expect(await writeSnapshot(file, buildSnapshot(run(), '0.1.0', []))).toBe(true);
    const first = readFileSync(file, 'utf8');
    expect(await writeSnapshot(file, buildSnapshot(run(37), '0.1.0', []))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(first);
    const changed = run();
    changed.results[0]!.execution = makeExecution('NAME   CLUSTER-IP\nnginx  10.43.0.9\n');
    expect(await writeSnapshot(file, buildSnapshot(changed, '0.1.0', []))).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('10.43.0.9');
  });

  it('never stores the value of a redacted variable', () => {
    const r = run();
    r.results[0]!.execution = makeExecution('token=hunter2-long\n');
    const text = serializeSnapshot(buildSnapshot(r, '0.1.0', ['API_TOKEN'], { API_TOKEN: 'hunter2-long' }));
    expect(text).not.toContain('hunter2-long');
    expect(text).toContain('token=[REDACTED:API_TOKEN]');
  });

  it('a missing, broken or invalid snapshot is an InputError naming the file and the fix', () => {
    const missing = join(dir, 'none.snap.json');
    expect(() => readSnapshot(missing)).toThrow(InputError);
    expect(formatted(() => readSnapshot(missing))).toMatch(/none\.snap\.json: no snapshot recorded for this runbook\n {2}record it again with `runbook run --record/);
    const broken = join(dir, 'broken.snap.json');
    writeFileSync(broken, '{"format": 1,\n<<<<<<< HEAD\n');
    expect(formatted(() => readSnapshot(broken))).toMatch(/broken\.snap\.json: the snapshot is not valid JSON/);
    const wrong = join(dir, 'wrong.snap.json');
    const snap = JSON.parse(serializeSnapshot(buildSnapshot(run(), '0.1.0', [])));
    snap.steps[1].execution.exitCode = 'seven';
    writeFileSync(wrong, JSON.stringify(snap));
    expect(formatted(() => readSnapshot(wrong))).toMatch(/wrong\.snap\.json: the snapshot is not valid at steps\.1\.execution\.exitCode: /);
  });
});
