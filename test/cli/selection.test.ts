// Picking and driving steps from the CLI: --section, --from, -j, --step.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliPath, runbook, scratch, scratchWith } from '../support/cli.js';

const doc = [
  '# Guide',
  '',
  '## Setup',
  '',
  '```console',
  '$ echo setup',
  'setup',
  '```',
  '',
  '## Service checks',
  '',
  '```console',
  '$ echo svc-one',
  'svc-one',
  '$ echo svc-two',
  'svc-two',
  '```',
  '',
  '## Teardown notes',
  '',
  '```console',
  '$ echo last',
  'last',
  '```',
  '',
].join('\n');

type Steps = { steps: { line: number; status: string; message: string | null }[] }[];
const statuses = (stdout: string) => (JSON.parse(stdout) as { runbooks: Steps }).runbooks[0]!.steps.map((s) => `${s.line}:${s.status}`);

describe('--section and --from', () => {
  it('--section runs only the steps under a heading containing the text (case-insensitive)', async () => {
    const r = await runbook(['run', '--reporter', 'json', '--section', 'service', 'rb.md'], { cwd: scratchWith(doc) });
    expect(r.exitCode).toBe(0);
    expect(statuses(r.stdout)).toEqual(['6:skipped', '13:passed', '15:passed', '22:skipped']);
  });

  it('--from a line or a heading starts there', async () => {
    const byLine = await runbook(['run', '--reporter', 'json', '--from', '15', 'rb.md'], { cwd: scratchWith(doc) });
    expect(statuses(byLine.stdout)).toEqual(['6:skipped', '13:skipped', '15:passed', '22:passed']);
    const byHeading = await runbook(['run', '--reporter', 'json', '--from', 'Teardown', 'rb.md'], { cwd: scratchWith(doc) });
    expect(statuses(byHeading.stdout)).toEqual(['6:skipped', '13:skipped', '15:skipped', '22:passed']);
  });

  it('a selection that selects nothing is bad input at the file, with the fix', async () => {
    const r = await runbook(['run', '--section', 'nowhere', 'rb.md'], { cwd: scratchWith(doc) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('rb.md: --section nowhere: no heading above any step contains that text');
  });
});

describe('-j N', () => {
  it('runs runbooks in parallel and keeps their reports in the order given', async () => {
    const d = scratch();
    for (const [name, delay] of [['a.md', 1], ['b.md', 0], ['c.md', 0.5]] as const) {
      writeFileSync(join(d, name), `\`\`\`console\n$ sleep ${delay}; echo ${name}\n${name}\n\`\`\`\n`);
    }
    const started = Date.now();
    const r = await runbook(['run', '-j', '3', '--reporter', 'plain', 'a.md', 'b.md', 'c.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('PASS'))).toEqual([
      'PASS a.md:2 [local] sleep 1; echo a.md',
      'PASS b.md:2 [local] sleep 0; echo b.md',
      'PASS c.md:2 [local] sleep 0.5; echo c.md',
    ]);
    // In parallel: well under the 1.5 s the three take one after another.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('--step', () => {
  it('asks before each step: y runs it, n skips it, q skips the rest', async () => {
    const d = scratchWith('```console\n$ touch one\n$ touch two\n$ touch three\n$ touch four\n```\n');
    const r = await execa('node', [cliPath, 'run', '--step', '--reporter', 'plain', 'rb.md'], { cwd: d, input: 'y\nn\nq\n', reject: false, timeout: 30_000, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(d, 'one'))).toBe(true);
    expect(existsSync(join(d, 'two'))).toBe(false);
    expect(existsSync(join(d, 'three'))).toBe(false);
    expect(existsSync(join(d, 'four'))).toBe(false);
    expect(r.stderr).toContain('rb.md:2 [local] touch one\nrun? [Y/n/q]');
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 3 skipped$/m);
  });
});

describe('--section over several runbooks', () => {
  it('runs the runbooks where it matches, skips the others, and is bad input only when none matches', async () => {
    const d = scratch();
    writeFileSync(join(d, 'a.md'), doc);
    writeFileSync(join(d, 'b.md'), '# Other\n\n```console\n$ echo b\nb\n```\n');
    const r = await runbook(['check', '--reporter', 'plain', '--section', 'service', 'a.md', 'b.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^2 passed, 0 failed, 3 skipped$/m);
    const none = await runbook(['check', '--section', 'nowhere', 'a.md', 'b.md'], { cwd: d });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--section nowhere: no step of these runbooks is selected by it');
  });
});
