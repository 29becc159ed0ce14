// Typed outcomes through the CLI: passed, drifted, errored, blocked and
// skipped steps as each reporter shows them, an unusable target reported once,
// and `plan --check` probing targets without running the runbook.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

// vm1 is an ssh target on a loopback port nothing listens on: it cannot be used.
const doc = [
  '---',
  'runbook:',
  '  targets:',
  '    vm1: { ssh: nobody@127.0.0.1, port: 1 }',
  '---',
  '# outcomes',
  '',
  '```console',
  '$ echo hi',
  'hi',
  '$ echo changed',
  'unchanged',
  '```',
  '',
  '<!-- runbook: timeout=1s -->',
  '```console',
  '$ echo before; sleep 5',
  'before',
  '```',
  '',
  '<!-- runbook: skip -->',
  '```console',
  '$ echo skipped',
  '```',
  '',
  '<!-- runbook: on=vm1 -->',
  '```console',
  '$ echo x',
  'x',
  '$ echo y',
  'y',
  '$ echo z',
  'z',
  '```',
  '',
  '```console',
  '$ echo after',
  'after',
  '```',
  '',
].join('\n');

function dir(): string {
  const d = scratch();
  writeFileSync(join(d, 'rb.md'), doc);
  return d;
}

interface JsonStep { line: number; status: string; kind: string | null; message: string | null; diff: string[]; output: string }

describe('typed outcomes', () => {
  it('JSON gives each step its status and kind; steps after an unusable target go on', async () => {
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: dir() });
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { runbooks: { steps: JsonStep[] }[]; totals: Record<string, number> };
    const steps = report.runbooks[0]!.steps;
    expect(steps.map((s) => [s.line, s.status, s.kind])).toEqual([
      [9, 'passed', null],
      [11, 'drifted', 'structure-changed'],
      [17, 'errored', 'timed-out'],
      [23, 'skipped', null],
      [28, 'blocked', null],
      [30, 'blocked', null],
      [32, 'blocked', null],
      [37, 'passed', null],
    ]);
    expect(steps[2]!.output).toBe('before\n');
    // Blocked steps never ran: no diff against output they could not print.
    for (const s of steps.slice(4, 7)) expect(s.diff).toEqual([]);
    expect(report.totals).toMatchObject({ passed: 2, failed: 5, skipped: 1, drifted: 1, errored: 1, blocked: 3 });
    expect(r.stderr).toContain('2 passed, 5 failed, 1 skipped');
  });

  it('plain reports the unusable target once, with the transport\'s words and the fix', async () => {
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir() });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.match(/Connection refused/g)).toHaveLength(1);
    expect(r.stdout).toContain('target "vm1" cannot be used: ssh: connect to host 127.0.0.1 port 1: Connection refused');
    expect(r.stdout).toContain('fix: check that `ssh nobody@127.0.0.1 -p 1 true` works');
    expect(r.stdout.match(/not run: target "vm1" cannot be used \(reported at rb\.md:28\)/g)).toHaveLength(2);
    expect(r.stdout).not.toContain('-x');
    expect(r.stdout).toContain('outcome: drifted (structure changed)');
    expect(r.stdout).toContain('outcome: errored (timed-out)');
    expect(r.stdout).toContain('failed: 1 drifted, 1 errored, 3 blocked');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 5 failed, 1 skipped');
  });

  it('JUnit writes drift as <failure> and errors and blocked steps as <error>', async () => {
    const d = dir();
    const r = await runbook(['run', '--reporter', 'junit', '--output', 'out/junit.xml', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(1);
    expect(existsSync(join(d, 'out/junit.xml'))).toBe(true);
    const { readFileSync } = await import('node:fs');
    const xml = readFileSync(join(d, 'out/junit.xml'), 'utf8');
    expect(xml).toContain('<testsuites tests="8" failures="1" errors="4" skipped="1">');
    expect(xml).toMatch(/<failure type="structure-changed"/);
    expect(xml).toMatch(/<error type="timed-out"/);
    expect(xml.match(/<error type="blocked"/g)).toHaveLength(3);
  });

  it('GitHub: drift, errors and the target report are errors; the steps it blocked are warnings', async () => {
    const r = await runbook(['run', '--reporter', 'github', 'rb.md'], { cwd: dir() });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(lines.map((l) => `${l.split(' ')[0]} ${/line=(\d+)/.exec(l)![1]}`)).toEqual([
      '::error 12',
      '::error 17',
      '::error 28',
      '::warning 30',
      '::warning 32',
    ]);
  });

  it('drift of volatile values only is "values rebound"', async () => {
    const d = scratch();
    // 10.0.0.1 binds to 10.0.0.5 first, then the same value comes back as 10.0.0.6: a broken binding.
    writeFileSync(join(d, 'rb.md'), '```console\n$ echo 10.0.0.5\n10.0.0.1\n$ echo 10.0.0.6\n10.0.0.1\n```\n');
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: d });
    const steps = (JSON.parse(r.stdout) as { runbooks: { steps: JsonStep[] }[] }).runbooks[0]!.steps;
    expect(steps.map((s) => [s.status, s.kind])).toEqual([['passed', null], ['drifted', 'values-rebound']]);
  });

  it('a transport that is not installed blocks its target once', async () => {
    const d = scratch();
    writeFileSync(join(d, 'rb.md'), '---\nrunbook:\n  targets:\n    vm1: { multipass: vm1 }\n---\n```console\nubuntu@vm1:~$ echo a\na\nubuntu@vm1:~$ echo b\nb\n```\n\n```console\n$ echo local\nlocal\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d, env: { PATH: `/nonexistent:${process.env.PATH!.split(':').filter((p) => !existsSync(join(p, 'multipass'))).join(':')}` } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.match(/cannot be used:/g)).toHaveLength(1);
    expect(r.stdout).toContain('fix: install multipass');
    expect(r.stdout).toContain('PASS rb.md:14 [local] echo local');
    expect(r.stdout).toContain('1 passed, 2 failed, 0 skipped');
  });
});

describe('plan --check', () => {
  it('probes every target, runs nothing of the runbook, exit 1 when one cannot be used', async () => {
    const d = scratch();
    writeFileSync(join(d, 'rb.md'), doc.replace('$ echo hi\n', '$ touch ran-it\n'));
    const r = await runbook(['plan', '--check', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(1);
    expect(existsSync(join(d, 'ran-it'))).toBe(false);
    expect(r.stdout).toMatch(/ok +local \(local\)/);
    expect(r.stdout).toMatch(/FAIL vm1 \(ssh nobody@127\.0\.0\.1 -p 1\)\n +ssh: connect to host 127\.0\.0\.1 port 1: Connection refused\n +fix: /);
  });

  it('exit 0 when every target can be used; JSON lists each probe', async () => {
    const d = scratch();
    writeFileSync(join(d, 'rb.md'), '```console\n$ echo hi\nhi\n```\n');
    const r = await runbook(['plan', '--check', '--reporter', 'json', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as { targets: unknown }[])[0]!.targets).toEqual([{ target: 'local', transport: 'local', usable: true }]);
  });
});
