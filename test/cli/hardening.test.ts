// Hostile and careless input through the CLI: secrets never printed, --output
// writes the whole report, frontmatter and target names cannot fool the loader.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

function runbookFile(text: string): string {
  const dir = scratch();
  writeFileSync(join(dir, 'rb.md'), text);
  return dir;
}

const SECRET = 's3cr3t-Value-42';
const secretRunbook = [
  '---',
  'runbook:',
  '  redact: [API_TOKEN]',
  '---',
  '# t',
  '',
  '```console',
  '$ echo "token is $API_TOKEN"',
  'token is nothing',
  '$ echo fine',
  'fine',
  '```',
  '',
].join('\n');

describe('redact: values never leave the process', () => {
  for (const reporter of ['plain', 'json', 'junit', 'github']) {
    it(`are masked in the ${reporter} reporter, on stdout and stderr, with -v`, async () => {
      const dir = runbookFile(secretRunbook);
      const r = await runbook(['run', '-v', '--reporter', reporter, 'rb.md'], { cwd: dir, env: { API_TOKEN: SECRET } });
      expect(r.exitCode).toBe(1);
      expect(r.all).not.toContain(SECRET);
      expect(r.all).toContain('[REDACTED:API_TOKEN]');
    });
  }

  it('are masked in an --output file', async () => {
    const dir = runbookFile(secretRunbook);
    const r = await runbook(['run', '--reporter', 'json', '--output', 'out/report.json', 'rb.md'], { cwd: dir, env: { API_TOKEN: SECRET } });
    expect(r.exitCode).toBe(1);
    const report = readFileSync(join(dir, 'out', 'report.json'), 'utf8');
    expect(report).not.toContain(SECRET);
    expect(report).toContain('[REDACTED:API_TOKEN]');
    expect(r.all).not.toContain(SECRET);
  });
});

describe('--output', () => {
  it('writes the whole plain report to FILE, creating its folder, and the summary to stderr', async () => {
    const dir = runbookFile('# t\n\n```console\n$ echo a\nb\n$ echo c\nc\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', '--output', 'deep/er/report.txt', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const report = readFileSync(join(dir, 'deep', 'er', 'report.txt'), 'utf8');
    expect(report).toMatch(/FAIL rb\.md:4/);
    expect(report).toMatch(/PASS rb\.md:6/);
    expect(report.trimEnd().endsWith('1 passed, 1 failed, 0 skipped')).toBe(true);
    expect(r.stdout).not.toContain('FAIL');
    expect(r.stderr).toContain('1 passed, 1 failed, 0 skipped');
  });

  it('refuses to name a runbook of the run, before anything runs', async () => {
    const dir = runbookFile('# t\n\n```console\n$ touch ran.txt\n```\n');
    const before = readFileSync(join(dir, 'rb.md'), 'utf8');
    const r = await runbook(['run', '--output', 'rb.md', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--output names a runbook/);
    expect(readFileSync(join(dir, 'rb.md'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });
});

describe('the loader cannot be fooled', () => {
  it('a frontmatter that never closes exits 2 naming line 1, and runs nothing', async () => {
    const dir = runbookFile('---\nrunbook:\n  default: vm1\n\n```console\n$ touch ran.txt\n```\n');
    const r = await runbook(['run', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:1: frontmatter .*never closed/);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  for (const host of ['constructor', 'toString', 'hasOwnProperty']) {
    it(`a prompt host named ${host} is an unknown target, exit 2`, async () => {
      const dir = runbookFile(`# t\n\n\`\`\`console\nroot@${host}:~# touch ran.txt\n\`\`\`\n`);
      const r = await runbook(['run', 'rb.md'], { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`rb\\.md:4: unknown target '${host}'`));
      expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
    });
  }

  it('a via cycle exits 2 with file:line, in plan too', async () => {
    const dir = runbookFile('---\nrunbook:\n  targets:\n    a: { ssh: a, via: b }\n    b: { ssh: b, via: a }\n---\n\n```console\nroot@a:~# echo hi\n```\n');
    const r = await runbook(['plan', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:9: target 'a' reaches itself through via: a → b → a/);
  });

  it('a prompts: regex with nested quantifiers is refused rather than hanging', async () => {
    const dir = runbookFile("---\nrunbook:\n  prompts: ['^(a+)+X ']\n---\n\n```console\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n```\n");
    const r = await runbook(['plan', 'rb.md'], { cwd: dir, timeout: 20_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nests quantifiers/);
  });

  it('a YAML alias bomb is bad input, not an internal error', async () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]'];
    const dir = runbookFile(`---\nrunbook:\n${bomb.map((l) => `  ${l}`).join('\n')}\n---\n\n\`\`\`console\n$ echo hi\nhi\n\`\`\`\n`);
    const r = await runbook(['plan', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/rb\.md:\d+: /);
  });
});

describe('signals', () => {
  it('SIGHUP interrupts the running command, runs teardown, prints the summary and exits 130', async () => {
    const dir = runbookFile('# t\n\n```console\n$ echo started; sleep 30\nstarted\n```\n\n<!-- runbook: teardown -->\n```console\n$ touch torn-down.txt\n```\n');
    const child = runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGHUP');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(join(dir, 'torn-down.txt'))).toBe(true);
    expect(r.all).toMatch(/\d+ passed, \d+ failed, \d+ skipped/);
  });
});

describe('no size of output crashes a reporter', () => {
  for (const reporter of ['plain', 'json', 'junit', 'github']) {
    it(`a drifted step with 200,000 output lines is reported by ${reporter}, and teardown runs`, async () => {
      const dir = runbookFile('# t\n\n```console\n$ seq 1 200000\n1\n2\n```\n\n<!-- runbook: teardown -->\n```console\n$ touch torn-down.txt\n```\n');
      const r = await runbook(['run', '--reporter', reporter, '--output', 'report.out', 'rb.md'], { cwd: dir });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).not.toMatch(/Maximum call stack|internal error/);
      expect(r.stderr).toContain('1 passed, 1 failed, 0 skipped');
      expect(existsSync(join(dir, 'torn-down.txt'))).toBe(true);
    });
  }
});

describe('unusable files and annotations are refused before anything runs', () => {
  it('timeout=0s is an error at its line', async () => {
    const dir = runbookFile('# t\n\n```console timeout=0s\n$ touch ran.txt\n```\n');
    const r = await runbook(['run', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:3: .*timeout=0s.*longer than zero/);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  it('a FIFO as runbook is not a regular file, and nothing hangs', async () => {
    const dir = scratch();
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(dir, 'rb.md')]);
    const r = await runbook(['run', 'rb.md'], { cwd: dir, timeout: 20_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md: cannot read runbook: not a regular file/);
  });

  it('invalid UTF-8 is refused at its line before any step runs', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'rb.md'), Buffer.concat([Buffer.from('# t\n\n```console\n$ touch ran.txt\n```\n\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    for (const cmd of ['run', 'update']) {
      const r = await runbook([cmd, 'rb.md'], { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/rb\.md:7: the file is not valid UTF-8/);
    }
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  it('a NUL byte in a command is refused at its line', async () => {
    const dir = runbookFile('# t\n\n```console\n$ touch ran.txt\n$ echo a\0b\n```\n');
    const r = await runbook(['run', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:5: the file contains a NUL byte/);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });
});

describe('failed steps show what they printed; a cut output never passes', () => {
  it('a failed sh block shows its output tail in plain, and all of it with -v and in JSON', async () => {
    const dir = runbookFile('# t\n\n```sh\nfor i in $(seq 1 30); do echo "line-$i"; done\necho "boom: disk full" >&2\nexit 1\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('| boom: disk full');
    expect(r.stdout).toContain('| line-30');
    expect(r.stdout).not.toContain('| line-5\n');
    expect(r.stdout).toMatch(/last 20 of 31 lines/);
    const v = await runbook(['run', '-v', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(v.stdout).toContain('| line-5\n');
    const j = await runbook(['run', '--reporter', 'json', 'rb.md'], { cwd: dir });
    const doc = JSON.parse(j.stdout) as { runbooks: { steps: { output: string }[] }[] };
    expect(doc.runbooks[0]!.steps[0]!.output).toContain('line-1\n');
  });

  it('a timed-out step shows what it printed before the timeout', async () => {
    const dir = runbookFile('# t\n\n```console timeout=1s\n$ echo waiting-for-godot; sleep 20\nwaiting-for-godot\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/timed out after 1s/);
  });

  it('output cut at the output cap fails with a word about it, even where [...] would match the rest', async () => {
    const dir = runbookFile('---\nrunbook:\n  output-cap: 4KiB\n---\n\n```console\n$ seq 1 100000\n1\n2\n[...]\n```\n');
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/truncated at the output cap/);
  });
});

describe('a command that ends its shell', () => {
  for (const first of ['exit 3', 'set -e; false']) {
    it(`\`${first}\` as the first command is a shell that ended, and the next step gets a fresh shell`, async () => {
      const dir = runbookFile(`# t\n\n\`\`\`console\n$ ${first}\n$ echo hi\nhi\n\`\`\`\n`);
      const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(/the shell on target "local" ended during the command .*cd\/export\/function state was lost/);
      expect(r.stdout).not.toMatch(/could not start a shell/);
      expect(r.stdout).toMatch(/PASS rb\.md:5/);
    });
  }
});

describe('daemons', () => {
  it('a step that leaves `setsid sleep &` holding the session output neither hangs the run nor outlives it', async () => {
    const tag = `rb-daemon-${process.pid}-${Date.now()}`;
    const dir = runbookFile(`# t\n\n\`\`\`console\n$ setsid bash -c 'exec -a ${tag} sleep 60' &\n$ echo hi\nhi\n\`\`\`\n`);
    const started = Date.now();
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir, timeout: 30_000 });
    expect(r.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const { execa } = await import('execa');
    const left = await execa('pgrep', ['-f', tag], { reject: false });
    expect(left.stdout).toBe('');
  });
});

describe('names that reach a transport are never options', () => {
  for (const [spec, field] of [
    ["{ kubectl: '--kubeconfig=/tmp/x' }", 'kubectl'],
    ["{ ssh: '-oProxyCommand=touch pwned' }", 'ssh'],
    ["{ kubectl: pod, namespace: '--all-namespaces' }", 'namespace'],
    ["{ netns: 'a b' }", 'netns'],
  ] as const) {
    it(`${spec} is bad input naming the step's line, and runs nothing`, async () => {
      const dir = runbookFile(`---\nrunbook:\n  targets:\n    evil: ${spec}\n---\n\n\`\`\`console\nroot@evil:~# touch ran.txt\n\`\`\`\n`);
      for (const cmd of ['run', 'plan']) {
        const r = await runbook([cmd, 'rb.md'], { cwd: dir });
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`rb\\.md:8: target 'evil': ${field} name`));
      }
      expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
    });
  }
});

describe('--only across several runbooks', () => {
  const two = () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.md'), '# a\n\n```console\n$ touch a-ran\n```\n');
    writeFileSync(join(dir, 'b.md'), '# b\n\n```console id=x\n$ echo b\nb\n```\n');
    return dir;
  };
  it('runs the step with that id wherever it is, and nothing of the other runbook', async () => {
    const dir = two();
    const r = await runbook(['run', '--reporter', 'plain', '--only', 'x', 'a.md', 'b.md'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/PASS b\.md:4/);
    expect(existsSync(join(dir, 'a-ran'))).toBe(false);
  });
  it('an id no runbook has is bad input before anything runs', async () => {
    const dir = two();
    const r = await runbook(['run', '--only', 'nope', 'a.md', 'b.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--only nope: no step/);
    expect(existsSync(join(dir, 'a-ran'))).toBe(false);
  });
});

describe('update races', () => {
  it('a second update of a file that is being updated is refused, and the first one lands', async () => {
    const dir = runbookFile('# t\n\n```console\n$ sleep 2; echo fresh\nstale\n```\n');
    const first = runbook(['update', 'rb.md'], { cwd: dir });
    await new Promise((r) => setTimeout(r, 700));
    const second = await runbook(['update', 'rb.md'], { cwd: dir });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(/another runbook update \(pid \d+\) is updating this file/);
    const r = await first;
    expect(r.exitCode).toBe(1);
    expect(readFileSync(join(dir, 'rb.md'), 'utf8')).toBe('# t\n\n```console\n$ sleep 2; echo fresh\nfresh\n```\n');
    const again = await runbook(['update', 'rb.md'], { cwd: dir });
    expect(again.exitCode).toBe(0);
  });
});

describe('update and secrets', () => {
  it('a secret bound from output into a command is never written back as its mask', async () => {
    const text = '---\nrunbook:\n  redact: [TOKEN]\n---\n\n```console\n$ echo "id: $TOKEN"\nid: 0123456789abcdef0123\n$ echo "use 0123456789abcdef0123"\nuse 0123456789abcdef0123\n```\n';
    const dir = runbookFile(text);
    const env = { TOKEN: 'fedcba9876543210fedc' };
    const u = await runbook(['update', 'rb.md'], { cwd: dir, env });
    expect(u.all).not.toContain(env.TOKEN);
    const after = readFileSync(join(dir, 'rb.md'), 'utf8');
    expect(after).not.toContain('REDACTED');
    expect(after).not.toContain(env.TOKEN);
    const r = await runbook(['run', 'rb.md'], { cwd: dir, env });
    expect(r.exitCode).toBe(0);
  });
});

describe('a second Ctrl-C', () => {
  it('leaves at once and still ends every process the run started: background jobs and a teardown in progress', async () => {
    const tag = `rb-twice-${process.pid}-${Date.now()}`;
    const dir = runbookFile(
      `# t\n\n\`\`\`console\n$ bash -c 'exec -a ${tag}-bg sleep 300' &\n$ sleep 300\n\`\`\`\n\n<!-- runbook: teardown -->\n\`\`\`console\n$ bash -c 'exec -a ${tag}-td sleep 300'\n\`\`\`\n`,
    );
    const child = runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir, timeout: 60_000 });
    const { execa } = await import('execa');
    const running = async (suffix: string) => (await execa('pgrep', ['-f', `${tag}-${suffix}`], { reject: false })).stdout !== '';
    for (let i = 0; i < 100 && !(await running('bg')); i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    for (let i = 0; i < 100 && !(await running('td')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await running('td')).toBe(true);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect(await running('bg')).toBe(false);
    expect(await running('td')).toBe(false);
  });
});

describe('stdout that cannot be written', () => {
  it('>/dev/full: no stack, teardown runs, the exit code still says drift', async () => {
    const dir = runbookFile('# t\n\n```console\n$ echo a\nb\n```\n\n<!-- runbook: teardown -->\n```console\n$ touch torn-down.txt\n```\n');
    const { execa } = await import('execa');
    const { cliPath } = await import('../support/cli.js');
    const r = await execa('bash', ['-c', `node ${cliPath} run --reporter plain rb.md >/dev/full`], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(/ENOSPC|at .*\.mjs/);
    expect(existsSync(join(dir, 'torn-down.txt'))).toBe(true);
  });
});
