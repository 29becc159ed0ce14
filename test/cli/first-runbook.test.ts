// A runbook written as a new user would passes; one changed expected line
// makes `runbook run` exit 1 with a diff that points at that markdown line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch, scratchWith } from '../support/cli.js';

describe('runbook run on a first runbook', () => {
  it('passes every step and ends with the summary line', async () => {
    const dir = scratch('cli/first-runbook.md');
    const r = await runbook(['run', '--reporter', 'plain', 'first-runbook.md'], { cwd: dir });
    expect(r.all).toMatch(/^20 passed, 0 failed, 0 skipped$/m);
    expect(r.exitCode).toBe(0);
    expect((r.stdout as string).trim().split('\n').pop()).toBe('20 passed, 0 failed, 0 skipped');
  });

  it('names each step in the plain report by its command\'s first line, cut at 80 characters', async () => {
    const long = `echo ${'x'.repeat(100)}`;
    const dir = scratchWith(['```console', '$ for i in 1 2; do', '>   echo $i', '> done', '1', '2', `$ ${long}`, 'x'.repeat(100), '```', ''].join('\n'));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const lines = (r.stdout as string).split('\n');
    expect(lines).toContain('PASS rb.md:2 [local] for i in 1 2; do …');
    expect(lines).toContain(`PASS rb.md:7 [local] ${long.slice(0, 79)}…`);
  });

  it('runs a runbook on a dozen targets with nothing on stderr (no listener warning from Node)', async () => {
    const targets = Array.from({ length: 12 }, (_, i) => `    t${i}: local`).join('\n');
    const blocks = Array.from({ length: 12 }, (_, i) => `\`\`\`console on=t${i}\n$ echo t${i}\nt${i}\n\`\`\`\n`).join('\n');
    const dir = scratchWith(`---\nrunbook:\n  targets:\n${targets}\n---\n\n${blocks}`);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^12 passed, 0 failed, 0 skipped$/m);
    expect(r.stderr).toBe('');
  });

  it('checks a folder of a dozen runbooks with nothing on stderr (no listener warning from Node)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'runbooks'));
    for (let i = 1; i <= 12; i++) writeFileSync(join(dir, 'runbooks', `r${i}.md`), `\`\`\`console\n$ echo r${i}\nr${i}\n\`\`\`\n`);
    const r = await runbook(['check', '--reporter', 'plain', 'runbooks'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^12 passed, 0 failed, 0 skipped$/m);
    expect(r.stderr).toBe('');
  });

  it('exits 1 with a diff naming the markdown line when one expected line changes', async () => {
    const dir = scratch('cli/first-runbook.md');
    const file = join(dir, 'first-runbook.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('hello, world', 'hello, moon'));
    const line = text.split('\n').indexOf('hello, world') + 1;
    const r = await runbook(['run', '--reporter', 'plain', 'first-runbook.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`first-runbook.md:${line}`);
    expect(r.stdout).toMatch(/^\s*-hello, moon$/m);
    expect(r.stdout).toMatch(/^\s*\+hello, world$/m);
    expect(r.stdout).toMatch(/^19 passed, 1 failed, 0 skipped$/m);
  });

  it('runs the teardown block even when --bail stops the run early', async () => {
    const dir = scratch('cli/first-runbook.md');
    const file = join(dir, 'first-runbook.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('$ pwd\n/tmp/runbook-first-test\n$ echo', '$ pwd\n/somewhere/else\n$ echo'));
    const r = await runbook(['run', '--bail', '--reporter', 'plain', 'first-runbook.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^PASS .*cd \/ && rm -rf \/tmp\/runbook-first-test$/m);
    expect(r.stdout).toMatch(/^3 passed, 1 failed, 16 skipped$/m);
  });
});
