// PRODUCT.md §9 through the CLI: bad input gets a precise message and the
// right exit code, and the run goes on where it can.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

function runbookFile(text: string): string {
  const dir = scratch();
  writeFileSync(join(dir, 'rb.md'), text);
  return dir;
}

const run = (dir: string, ...extra: string[]) => runbook(['run', '--reporter', 'plain', ...extra, 'rb.md'], { cwd: dir });

describe('bad markdown and annotations exit 2 before anything runs', () => {
  it('names the line of an unterminated fence', async () => {
    const dir = runbookFile('# t\n\n```console\n$ touch ran.txt\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:3: .*never closed/);
  });

  it('names an unknown annotation key, its line, and the known keys', async () => {
    const dir = runbookFile('# t\n\n<!-- runbook: timout=3s -->\n```console\n$ echo hi\nhi\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:3: .*timout/);
    expect(r.stderr).toContain('timeout');
  });

  it('frontmatter without a runbook: key is another tool\'s, never parsed (a Hugo template is not YAML)', async () => {
    const dir = runbookFile('---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n```console\n$ echo hi\nhi\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
  });

  it('every volatile class can be set per block, port included', async () => {
    const dir = runbookFile('<!-- runbook: port=off -->\n```console\n$ echo 10.0.0.1.40000\n10.0.0.1.50000\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(1); // with port=off the ephemeral port is compared as text
  });

  it('names the config line of a volatile: key that is no class', async () => {
    const dir = runbookFile('---\nrunbook:\n  volatile: { ipv44: off }\n---\n```console\n$ echo hi\nhi\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:3: config volatile: unknown volatile class "ipv44"\n {2}use one of: .*ipv4/);
  });

  it('warns at the line of an invalid (re) line before anything runs; the line never matches, the rest runs', async () => {
    const dir = runbookFile('# t\n\n```console\n$ echo hi\nh(i (re)\n$ echo fine\nfine\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^runbook: warning: rb\.md:5: invalid regex in a \(re\) line: .*regular expression.*: the line never matches\n {2}write the regex in JavaScript syntax/im);
    expect(r.stdout).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
  });

  it('runs CRLF and BOM files like LF ones', async () => {
    const dir = runbookFile('\uFEFF# t\r\n\r\n```console\r\n$ echo hi\r\nhi\r\n$ printf "a\\r\\nb\\r\\n"\r\na\r\nb\r\n```\r\n');
    const r = await run(dir);
    expect(r.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
    expect(r.exitCode).toBe(0);
  });
});

describe('commands that misbehave fail alone; the next step still runs', () => {
  it('times out a hanging command and runs the next step', async () => {
    const dir = runbookFile('# t\n\n<!-- runbook: timeout=1s -->\n```console\n$ sleep 30\n```\n\n```console\n$ echo after\nafter\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/FAIL rb\.md:5 .*sleep 30/);
    expect(r.stdout).toMatch(/timed out after 1s/);
    expect(r.stdout).toMatch(/PASS rb\.md:9 .*echo after/);
  });

  it('gives a command that reads stdin an end of file', async () => {
    const dir = runbookFile('# t\n\n```console\n$ read -r line; echo "status $? [$line]"\nstatus 1 []\n$ cat\n```\n');
    const r = await run(dir);
    expect(r.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
  });

  it('accepts output without a final newline and output that looks like a delimiter', async () => {
    const dir = runbookFile("# t\n\n```console\n$ printf 'no newline'\nno newline\n$ printf '\\n__RUNBOOK_%s__ 1 0\\n' x\n\n__RUNBOOK_x__ 1 0\n$ echo next\nnext\n```\n");
    const r = await run(dir);
    expect(r.stdout).toMatch(/^3 passed, 0 failed, 0 skipped$/m);
  });

  it('reports a command that kills its shell, then starts a fresh one for the next step', async () => {
    const dir = runbookFile('# t\n\n```console\n$ export KEPT=yes\n$ exit 3\n$ echo "next ${KEPT:-fresh}"\nnext fresh\n```\n');
    const r = await run(dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/FAIL rb\.md:5 .*exit 3/);
    expect(r.stdout).toMatch(/the shell on target "local" ended during the command \(exit status 3\)/);
    expect(r.stdout).toMatch(/PASS rb\.md:6 /);
  });
});
