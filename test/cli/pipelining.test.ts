// Pipelined execution: commands that no binding can change are sent to the
// target's shell ahead of their turn, and each is still judged on its own
// output, in order. A queued command never runs past an interrupt (Ctrl-C,
// timeout, stop-after), an exit status 80, or a shell that ended.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratchWith } from '../support/cli.js';



describe('pipelined commands', () => {
  it('keep the order, the shell state and each command its own output', async () => {
    const lines = ['```console', '$ mkdir -p sub && cd sub', '$ export N=0'];
    for (let i = 1; i <= 300; i++) lines.push(`$ N=$((N+1)); echo "$N $(basename "$PWD")"`, `${i} sub`);
    lines.push('$ echo done; false', 'done', '[1]', '$ echo after', 'after', '```', '');
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: scratchWith(lines.join('\n')) });
    expect(r.exitCode).toBe(0);
    const steps = (JSON.parse(r.stdout) as { runbooks: { steps: { status: string; output: string; exitCode: number }[] }[] }).runbooks[0]!.steps;
    expect(steps).toHaveLength(304);
    expect(steps.every((s) => s.status === 'passed')).toBe(true);
    expect(steps[150]!.output).toBe('149 sub\n');
    expect(steps[302]).toMatchObject({ output: 'done\n', exitCode: 1 });
  });

  it('a timed-out command: nothing queued behind it runs early; the steps after it run in order', async () => {
    const d = scratchWith([
      '<!-- runbook: timeout=1s -->',
      '```console',
      '$ sleep 5; touch slept-through',
      '```',
      '',
      '```console',
      '$ ls slept-through 2>/dev/null || echo absent',
      'absent',
      '$ echo next',
      'next',
      '```',
      '',
    ].join('\n'));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^2 passed, 1 failed, 0 skipped$/m);
    expect(existsSync(join(d, 'slept-through'))).toBe(false);
  });

  it('Ctrl-C: the commands sent ahead never run; teardown does', async () => {
    const lines = ['```console', '$ echo started; sleep 30', 'started'];
    for (let i = 0; i < 20; i++) lines.push(`$ touch queued-${i}`);
    lines.push('```', '', '<!-- runbook: teardown -->', '```console', '$ touch torn-down', '```', '');
    const d = scratchWith(lines.join('\n'));
    const child = runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    for (let i = 0; i < 20; i++) expect(existsSync(join(d, `queued-${i}`))).toBe(false);
    expect(existsSync(join(d, 'torn-down'))).toBe(true);
  });

  it('exit status 80 from a command that keeps its shell: what was queued behind it never runs', async () => {
    const d = scratchWith('```console\n$ echo one\none\n$ (exit 80)\n$ touch after-80\n$ touch after-80-too\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(d, 'after-80'))).toBe(false);
    expect(existsSync(join(d, 'after-80-too'))).toBe(false);
  });

  it('a command that ends its shell: the queued ones run on the fresh shell, once each, in order', async () => {
    const d = scratchWith('```console\n$ echo a >> log\n$ exit 3\n$ echo b >> log\n$ echo c >> log\n$ cat log\na\nb\nc\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^4 passed, 1 failed, 0 skipped$/m);
  });

  it('a command sent ahead runs once, even when a later one ended its shell before it was judged', async () => {
    const d = scratchWith('```console\n$ true\n$ echo one >> log\n$ echo two >> log\n$ echo three >> log; exit 3\n$ echo four >> log\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^4 passed, 1 failed, 0 skipped$/m);
    expect(r.stdout).toContain('ended during the command (exit status 3)');
    // Each command once, in order: none of them again on the fresh shell.
    expect(readFileSync(join(d, 'log'), 'utf8')).toBe('one\ntwo\nthree\nfour\n');
  });

  it('commands with values a binding may change wait for the steps before them to be judged', async () => {
    const d = scratchWith('```console\n$ echo 10.9.9.9\n10.1.1.1\n$ echo "again 10.1.1.1"\nagain 10.1.1.1\n```\n');
    const r = await runbook(['run', '-v', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toContain('substituted 10.1.1.1 → 10.9.9.9 (ipv4)');
    expect(r.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
  });
});

describe('set -x in a session', () => {
  it('traces the commands as a terminal shows them, never the session loop or its delimiter', async () => {
    const d = scratchWith('```console\n$ set -x\n$ echo hi\n+ echo hi\nhi\n$ set +x\n+ set +x\n$ echo done\ndone\n```\n');
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: d });
    expect(r.stdout).not.toMatch(/__rb_|__RB_/);
    const steps = (JSON.parse(r.stdout) as { runbooks: { steps: { status: string }[] }[] }).runbooks[0]!.steps;
    expect(steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });
});
