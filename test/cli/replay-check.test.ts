// The shipped runbooks' snapshots: lab-networking.md's passes `check --replay`, the
// cheat sheet's replays the verdicts of its lab run; an expected line edited by
// hand fails the replay with a GitHub annotation on that very line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runbook } from '../support/cli.js';

// A copy of runbooks/ and snapshots/, so the test never touches the real ones.
function shippedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-replay-'));
  cpSync(join(root, 'runbooks'), join(dir, 'runbooks'), { recursive: true });
  cpSync(join(root, 'snapshots'), join(dir, 'snapshots'), { recursive: true });
  return dir;
}

describe('check --replay on the shipped runbooks', () => {
  it('lab-networking.md passes against its recorded snapshot', async () => {
    const r = await runbook(['check', '--replay', '--reporter', 'plain', 'runbooks/lab-networking.md'], { cwd: shippedCopy() });
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
    expect(r.exitCode).toBe(0);
  });

  it("the cheat sheet's replay gives the verdicts of the lab run it was recorded from, step for step, with no lab", async () => {
    const snapshot = JSON.parse(readFileSync(join(root, 'snapshots', 'networking.snap.json'), 'utf8'));
    // Recorded on the lab (run --lab --record): what the lab skipped is skipped again, without --lab.
    expect(snapshot.lab).toBe(true);
    const r = await runbook(['check', '--replay', '--reporter', 'json', 'runbooks/networking.md'], { cwd: shippedCopy() });
    const steps = JSON.parse(r.stdout).runbooks[0].steps as { line: number; status: string }[];
    const failedAsRecorded = (s: string) => (s === 'drifted' || s === 'errored' || s === 'blocked' ? 'failed' : s);
    expect(steps.map((s) => [s.line, failedAsRecorded(s.status)])).toEqual(snapshot.steps.map((s: { line: number; status: string }) => [s.line, s.status]));
    // The two differences between the lab and the author's machine (docs/lab.md) fail the replay as they failed the run.
    expect(steps.filter((s) => s.status === 'drifted')).toHaveLength(2);
    expect(r.exitCode).toBe(1);
  });

  it('fails with a github annotation on an expected line edited by hand', async () => {
    const dir = shippedCopy();
    const file = join(dir, 'runbooks', 'lab-networking.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('-A KUBE-SERVICES -d 10.43.180.238/32'));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('--dport 80', '--dport 8080');
    writeFileSync(file, lines.join('\n'));
    const r = await runbook(['check', '--replay', '--reporter', 'github', 'runbooks/lab-networking.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`::error file=runbooks/lab-networking.md,line=${at + 1},`);
    expect(r.stdout).toMatch(/^\d+ passed, 1 failed, 0 skipped$/m);
  });

  it('exits 2 naming the missing snapshot before anything runs', async () => {
    const dir = shippedCopy();
    writeFileSync(join(dir, 'runbooks', 'new.md'), '# new\n\n```console\n$ echo hi\nhi\n```\n');
    const r = await runbook(['check', '--replay', 'runbooks/new.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/snapshots\/new\.snap\.json/);
  });
});
