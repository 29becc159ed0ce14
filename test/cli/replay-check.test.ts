// The shipped runbooks' snapshots pass `check --replay`; an expected line
// edited by hand fails it with a GitHub annotation on that very line.
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
  it('passes against the recorded snapshots', async () => {
    const r = await runbook(['check', '--replay', '--reporter', 'plain', 'runbooks/'], { cwd: shippedCopy() });
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
    expect(r.exitCode).toBe(0);
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
