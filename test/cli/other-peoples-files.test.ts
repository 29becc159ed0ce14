// cram and scrut conventions through the CLI: exit status 80 skips the rest of
// a runbook, quantified and (no-eol) lines, and blocks that would pass in
// silence are warned about (and fail `check`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratchWith } from '../support/cli.js';



describe('exit status 80', () => {
  it('skips the step that exits 80 and the rest of its runbook; teardown still runs', async () => {
    const d = scratchWith([
      '```console',
      '$ echo one',
      'one',
      '$ [ "$(uname)" = Plan9 ] || exit 80',
      '$ touch never-ran',
      '```',
      '',
      '<!-- runbook: teardown -->',
      '```console',
      '$ touch teardown-ran',
      '```',
      '',
    ].join('\n'));
    const r = await runbook(['run', '--reporter', 'plain', '-v', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/SKIP rb\.md:4 .*\n {2}\(exit status 80: the command skipped the rest of the runbook/);
    expect(r.stdout).toMatch(/SKIP rb\.md:5 .*\n {2}\(skipped by exit status 80 at rb\.md:4\)/);
    // As in cram and scrut the whole runbook is skipped, what ran before it included; teardown ran and passed.
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 3 skipped$/m);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(d, 'never-ran'))).toBe(false);
    expect(existsSync(join(d, 'teardown-ran'))).toBe(true);
  });

  it('a command that returns 80 without ending its shell skips too; exit=80 makes it a plain expected status', async () => {
    const d = scratchWith('```console\n$ (exit 80)\n$ echo after\nafter\n```\n\n```console\n$ (exit 80)\n[80]\n```\n');
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: d });
    const steps = (JSON.parse(r.stdout) as { runbooks: { steps: { status: string }[] }[] }).runbooks[0]!.steps;
    expect(steps.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    const d2 = scratchWith('```console\n$ (exit 80)\n[80]\n$ echo after\nafter\n```\n');
    const r2 = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d2 });
    expect(r2.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
  });
});

describe('scrut expectations through the CLI', () => {
  it('runs quantifiers, (no-eol), (esc) and (regex) lines as scrut does', async () => {
    const d = scratchWith([
      '```console',
      "$ printf 'Hello\\nHello There\\nHello World\\n'",
      'Hello* (glob+)',
      "$ printf 'Foo \\033[1mBar\\033[0m Baz\\n'",
      'Foo \\x1b[1mBar\\x1b[0m Baz (escaped)',
      '$ printf done',
      'done (no-eol)',
      '$ echo v1.29.3',
      'v\\d+(\\.\\d+)+ (regex)',
      '```',
      '',
    ].join('\n'));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^4 passed, 0 failed, 0 skipped$/m);
    expect(r.exitCode).toBe(0);
  });

  it('update keeps a quantified line that still matches, byte for byte', async () => {
    const text = "```console\n$ printf 'a\\nb\\nb\\nc\\n'\na\nb (+)\nc\n$ echo new\nold\n```\n";
    const d = scratchWith(text);
    const r = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(1); // the document changed
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(d, 'rb.md'), 'utf8')).toBe(text.replace('old', 'new'));
    expect((await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d })).exitCode).toBe(0);
  });
});

describe('never pass silently', () => {
  const noPrompt = '# t\n\n```console\nroot@box # uptime\n 10:00 up 1 day\n```\n\n```console\n$ echo ok\nok\n```\n';

  it('a transcript block with no known prompt is a warning at its line; run still passes, check fails', async () => {
    const d = scratchWith(noPrompt);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^runbook: warning: rb\.md:3: this console block has no line that is a known prompt, so nothing in it runs\n {2}.*prompts:/m);
    const c = await runbook(['check', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toContain('check fails on 1 warning above (rb.md:3)');
  });

  it('a runbook with no step is a warning, and check fails on it', async () => {
    const d = scratchWith('# only prose\n\n```yaml\na: 1\n```\n');
    const p = await runbook(['plan', 'rb.md'], { cwd: d });
    expect(p.exitCode).toBe(0);
    expect(p.stderr).toMatch(/runbook: warning: rb\.md: this runbook has no step/);
    const c = await runbook(['check', 'rb.md'], { cwd: d });
    expect(c.exitCode).toBe(1);
  });
});

describe('fences as other tools write them', () => {
  it('info-string words of docs sites are ignored and listed by plan; a likely typo is an error with "did you mean"', async () => {
    const d = scratchWith('```console title="demo" hl_lines="2" linenums\n$ echo a\na\n```\n');
    const p = await runbook(['plan', 'rb.md'], { cwd: d });
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toMatch(/rb\.md:1 +info-string words ignored: title=demo hl_lines=2 linenums/);
    expect((await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d })).stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
    const typo = scratchWith('```console retyr=2m\n$ echo a\na\n```\n');
    const t = await runbook(['run', 'rb.md'], { cwd: typo });
    expect(t.exitCode).toBe(2);
    expect(t.stderr).toContain("rb.md:1: unknown annotation key 'retyr': did you mean 'retry'?");
  });

  it('HTML-comment annotations stay strict: an unknown key is an error', async () => {
    const d = scratchWith('<!-- runbook: title=x -->\n```console\n$ echo a\na\n```\n');
    const r = await runbook(['run', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("rb.md:1: unknown annotation key 'title'");
  });

  it('languages: in config makes scrut files run unedited, with scrut\'s inline {…} config', async () => {
    const d = scratchWith('```scrut {timeout: 1s, output_stream: stdout}\n$ sleep 3\n```\n\n```testcase\n$ echo ok\nok\n```\n');
    writeFileSync(join(d, 'runbook.config.yaml'), 'languages:\n  transcript: [scrut, testcase]\n');
    const r = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: d });
    const steps = (JSON.parse(r.stdout) as { runbooks: { steps: { status: string; kind: string | null }[] }[] }).runbooks[0]!.steps;
    expect(steps.map((s) => [s.status, s.kind])).toEqual([['errored', 'timed-out'], ['passed', null]]);
    const p = await runbook(['plan', 'rb.md'], { cwd: d });
    expect(p.stdout).toMatch(/rb\.md:1 +info-string words ignored: output_stream: stdout/);
    // Without the config the blocks are other languages: never run, and plan says so.
    const bare = scratchWith('```scrut\n$ echo ok\nok\n```\n');
    expect((await runbook(['plan', 'rb.md'], { cwd: bare })).stdout).toMatch(/rb\.md:1 +scrut block/);
  });

  it('a bash block written as a transcript ($ lines and output) runs as one', async () => {
    const d = scratchWith('```bash\n$ echo hi\nhi\n$ echo there\nthere\n```\n\n```bash\necho script\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^3 passed, 0 failed, 0 skipped$/m);
    expect(r.stdout).not.toContain('$: command not found');
  });
});

describe('mkdocs-material content', () => {
  const doc = [
    '# mkdocs',
    '',
    '!!! note "Try it"',
    '    Run this:',
    '',
    '    ```console',
    '    $ echo inside',
    '    inside',
    '    ```',
    '',
    '=== "Linux"',
    '',
    '    ```console',
    '    $ echo linux',
    '    old',
    '    ```',
    '',
    '??? tip',
    '    ```bash',
    '    echo tip',
    '    ```',
    '',
    'After.',
    '',
  ].join('\n');

  it('finds fences inside admonitions and content tabs, indented four spaces, and closes them where the site does', async () => {
    const d = scratchWith(doc);
    const p = await runbook(['plan', 'rb.md'], { cwd: d });
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toMatch(/rb\.md:7 +local +local +echo inside +output \(1 line\)/);
    expect(p.stdout).toMatch(/rb\.md:14 +local +local +echo linux/);
    expect(p.stdout).toMatch(/rb\.md:19 +local +local +echo tip +not compared/);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^2 passed, 1 failed, 0 skipped$/m);
  });

  it('update writes inside the tab with its four-space indent, and nothing else', async () => {
    const d = scratchWith(doc);
    await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: d });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(d, 'rb.md'), 'utf8')).toBe(doc.replace('    old\n', '    linux\n'));
  });
});

describe('prompts and shell switches in the wild', () => {
  it('reads busybox, bash-5.1, zsh, virtualenv and host$ prompts, routed to the current target', async () => {
    const d = scratchWith(['```console', 'bash-5.1$ echo five', 'five', '(venv) $ echo venv', 'venv', '% echo zsh', 'zsh', 'box$ echo host', 'host', '~/src$ echo tilde', 'tilde', '```', ''].join('\n'));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^5 passed, 0 failed, 0 skipped$/m);
  });

  it('docker exec without -it is a command; with -it, and kubectl run -it, lxc exec, a switch that defines the target', async () => {
    const d = scratchWith([
      '```console',
      '$ docker exec web sh',
      '$ echo $?',
      '$ docker exec -it web sh',
      '/ # cat /etc/hostname',
      '/ # exit',
      '$ kubectl run -it tmp --image=busybox --rm --restart=Never -- sh',
      '/ # hostname',
      '/ # exit',
      '$ lxc exec c1 -- bash',
      'root@c1:~# uname',
      '```',
      '',
    ].join('\n'));
    const p = await runbook(['plan', '--reporter', 'json', 'rb.md'], { cwd: d });
    expect(p.exitCode).toBe(0);
    const steps = (JSON.parse(p.stdout) as { steps: { line: number; target: string; transport: string; command: string }[] }[])[0]!.steps;
    expect(steps.map((s) => [s.line, s.target, s.transport])).toEqual([
      [2, 'local', 'local'],
      [3, 'local', 'local'],
      [5, 'web', 'docker web'],
      [8, 'tmp', 'kubectl tmp'],
      [11, 'c1', 'command lxc exec c1 --'],
    ]);
  });
});

describe('root shells on the same machine', () => {
  it('sudo -i and su - are not run, their exit is theirs, and the prompts after them stay on the machine', async () => {
    const d = scratchWith('```console\n$ sudo -i\n$ echo root\nroot\n$ exit\n$ su -\n$ echo two\ntwo\n$ exit\n$ echo three\nthree\n```\n');
    const p = await runbook(['plan', '--reporter', 'json', 'rb.md'], { cwd: d });
    const steps = (JSON.parse(p.stdout) as { steps: { line: number; command: string }[] }[])[0]!.steps;
    expect(steps.map((s) => s.command)).toEqual(['echo root', 'echo two', 'echo three']);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^3 passed, 0 failed, 0 skipped$/m);
  });
});

describe('a command left open in the document', () => {
  it('is not run and does not reject the file: a warning at its line, the step skipped with why; check fails on it', async () => {
    const d = scratchWith('```console\n$ echo "open\nout\n$ echo fine\nfine\n```\n');
    const p = await runbook(['plan', 'rb.md'], { cwd: d });
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toMatch(/rb\.md:2 .*not run: not complete/);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('runbook: warning: rb.md:2: the command here is not complete: it has a quote that is never closed; it is not run');
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 1 skipped$/m);
    expect((await runbook(['check', 'rb.md'], { cwd: d })).exitCode).toBe(1);
  });
});
