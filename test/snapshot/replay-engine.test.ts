// Record with the real run loop (scripted sessions), then replay: the same
// results come back without executing; editing an expected line by hand
// makes the replay fail on that line; an added step is reported precisely.
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import { outcomeMessage, type RunbookResult } from '../../src/run/types.js';
import { runRunbook } from '../../src/run/run-runbook.js';
import type { SessionPool } from '../../src/sessions/types.js';
import { checkSnapshotFits } from '../../src/snapshot/check-snapshot-fits.js';
import { buildSnapshot } from '../../src/snapshot/build-snapshot.js';
import { parseSnapshot } from '../../src/snapshot/read-snapshot.js';
import { createReplayPool } from '../../src/snapshot/replay.js';
import { serializeSnapshot } from '../../src/snapshot/write-snapshot.js';
import { scriptedPool } from '../update/support/scripted-pool.js';

const config = mergeConfig([]);
const source = [
  '# Service',
  '',
  '```console',
  '$ kubectl get svc nginx',
  'NAME    CLUSTER-IP',
  'nginx   10.43.180.238',
  '$ curl -s 10.43.180.238',
  'hello',
  '```',
  '',
].join('\n');
const script = {
  'kubectl get svc nginx': { output: 'NAME    CLUSTER-IP\nnginx   10.43.12.7\n' },
  'curl -s 10.43.12.7': { output: 'hello\n' },
};

const run = (src: string, pool: SessionPool): Promise<RunbookResult> =>
  runRunbook(parseRunbook('runbooks/svc.md', src, config), config, pool, { selection: { only: [] }, bail: false, signal: new AbortController().signal, reporter: {} });

/** A run recorded through the file format (serialize, parse). */
async function record(): Promise<ReturnType<typeof parseSnapshot>> {
  const live = await run(source, scriptedPool(script));
  expect(live.results.map((r) => r.outcome.status)).toEqual(['passed', 'passed']);
  return parseSnapshot('snapshots/svc.snap.json', serializeSnapshot(buildSnapshot(live, '0.1.0', [])));
}

describe('replay with the real run loop', () => {
  it('gives the recorded results without executing anything', async () => {
    const snap = await record();
    const rb = parseRunbook('runbooks/svc.md', source, config);
    const replayed = await run(source, createReplayPool(snap, rb, 'snapshots/svc.snap.json'));
    expect(replayed.results.map((r) => [r.outcome.status, r.commandRun])).toEqual([
      ['passed', 'kubectl get svc nginx'],
      ['passed', 'curl -s 10.43.12.7'],
    ]);
    expect(replayed.bindings.map((b) => [b.expected, b.actual])).toEqual([['10.43.180.238', '10.43.12.7']]);
  });

  it('an expected line edited by hand fails on that line', async () => {
    const snap = await record();
    const edited = source.replace('hello', 'hello world');
    const replayed = await run(edited, createReplayPool(snap, parseRunbook('runbooks/svc.md', edited, config)));
    const failed = replayed.results.filter((r) => r.outcome.status !== 'passed');
    expect(failed.map((r) => r.step.line)).toEqual([7]);
    const removed = failed[0]!.verdict!.ops.find((o) => o.op === 'removed');
    expect(removed && failed[0]!.step.expected![removed.e0]!.line).toBe(8);
  });

  it('a step added since the recording fails with file:line, and fits lists exactly it', async () => {
    const snap = await record();
    const added = source.replace('$ curl', '$ hostname\nvm1\n$ curl');
    const rb = parseRunbook('runbooks/svc.md', added, config);
    const replayed = await run(added, createReplayPool(snap, rb, 'snapshots/svc.snap.json'));
    expect(replayed.results.map((r) => r.outcome.status)).toEqual(['passed', 'errored', 'passed']);
    expect(outcomeMessage(replayed.results[1]!.outcome)).toContain('runbooks/svc.md:7: `hostname` on local has no recording in snapshots/svc.snap.json');
    expect(checkSnapshotFits(snap, rb, 'snapshots/svc.snap.json')).toEqual([
      'runbooks/svc.md:7: step 2 `hostname` on local has no recording in snapshots/svc.snap.json (added or changed since it was recorded)',
    ]);
  });

  it('a drifted step with retry= is retried on its own recording; the next step still gets its own', async () => {
    const snap = await record();
    const edited = source.replace('```console', '```console retry=500ms interval=100ms').replace('nginx   10.43.180.238', 'nginx   10.43.180.238 extra');
    const replayed = await run(edited, createReplayPool(snap, parseRunbook('runbooks/svc.md', edited, config)));
    expect(replayed.results.map((r) => r.outcome.status)).toEqual(['drifted', 'passed']);
    expect(replayed.results[0]!.attempts).toBeGreaterThan(1);
  });
});
