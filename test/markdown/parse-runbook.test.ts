import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { md, parse } from './helpers.js';

const F = '```';

describe('parseRunbook: transcripts', () => {
  it('splits a console block into commands with expected output and source offsets', () => {
    const src = md('# Title', '', F + 'console', '$ echo hi', 'hi', '$ printf "a\\nb\\n"', 'a', 'b', F);
    const rb = parse(src);
    expect(rb.steps.map((s) => [s.kind, s.line, s.command, s.target, s.targetSource])).toEqual([
      ['command', 4, 'echo hi', 'local', 'local'],
      ['command', 6, 'printf "a\\nb\\n"', 'local', 'local'],
    ]);
    const [a, b] = rb.steps;
    const at = src.indexOf('\nhi\n') + 1;
    expect(a!.expected).toEqual([{ text: 'hi', line: 5, start: at, end: at + 2 }]);
    expect(b!.expected!.map((e) => e.text)).toEqual(['a', 'b']);
    expect(a!.insertAt).toBe(src.indexOf('$ printf'));
    expect(b!.insertAt).toBe(src.lastIndexOf(F));
    expect(a!.headings).toEqual(['Title']);
    expect(a!.exit).toBe(0);
    expect(a!.index).toBe(0);
    expect(b!.index).toBe(1);
  });

  it('keeps preamble lines out, runs nothing for an empty prompt, and drops trailing blank lines', () => {
    const rb = parse(md(F + 'console', 'a note before', '$ ls', 'x', '', '$ ', 'trailing text', '$', F));
    expect(rb.steps.map((s) => s.command)).toEqual(['ls']);
    expect(rb.steps[0]!.expected!.map((e) => e.text)).toEqual(['x']);
    expect(rb.ignored).toEqual([{ file: 'doc.md', line: 2, lang: 'console', reason: 'lines 2-2 before the first prompt (kept, never run)' }]);
  });

  it('treats all transcript languages alike and runs unlabeled blocks only when they have a prompt', () => {
    for (const lang of ['console', 'shell-session', 'sh-session', 'terminal', 'session']) {
      expect(parse(md(F + lang, '$ true', F)).steps).toHaveLength(1);
    }
    const rb = parse(md(F, '$ true', F, '', F, 'just text', F, '', F + 'yaml', 'a: 1', F, '', '    indented code'));
    expect(rb.steps.map((s) => s.line)).toEqual([2]);
    expect(rb.ignored.map((i) => [i.line, i.reason])).toEqual([
      [5, 'unlabeled block without a prompt line'],
      [9, 'yaml block'],
      [13, 'indented code block (only fenced blocks run)'],
    ]);
  });

  it('reads a cram-style [N] last line as the exit status, kept apart', () => {
    const src = md(F + 'console', '$ false', '[1]', '$ sh -c "echo no; exit 3"', 'no', '[3]', '', F);
    const [a, b] = parse(src).steps;
    expect(a!.exit).toBe(1);
    expect(a!.expected).toEqual([]);
    expect(a!.exitLine).toMatchObject({ text: '[1]', line: 3 });
    expect(a!.insertAt).toBe(src.indexOf('[1]'));
    expect(b!.exit).toBe(3);
    expect(b!.expected!.map((e) => e.text)).toEqual(['no']);
  });

  it('joins continuation lines: trailing backslash, heredocs and PS2 `> ` lines', () => {
    const rb = parse(
      md(
        F + 'console',
        '$ echo one \\',
        '  two',
        'one two',
        '$ cat <<EOF',
        'a',
        'EOF',
        'a',
        '$ cat <<-EOF',
        '> b',
        '> EOF',
        'b',
        '$ echo "x',
        '> y"',
        'x',
        'y',
        '$ for i in 1 2; do \\',
        '> echo $i; done',
        '1',
        '2',
        F,
      ),
    );
    expect(rb.steps.map((s) => s.command)).toEqual(['echo one \\\n  two', 'cat <<EOF\na\nEOF', 'cat <<-EOF\nb\nEOF', 'echo "x\ny"', 'for i in 1 2; do \\\necho $i; done']);
    expect(rb.steps.map((s) => s.expected!.map((e) => e.text))).toEqual([['one two'], ['a'], ['b'], ['x', 'y'], ['1', '2']]);
  });

  it('never runs a command left open at its end (quote, heredoc, backslash): a warning at its prompt line, the step skipped with why', () => {
    for (const [lines, what] of [
      [['$ echo it\'s', 'out'], /quote/],
      [['$ cat <<EOF', 'a', '$ ls'], /heredoc/],
      [['$ ls \\'], /backslash/],
    ] as const) {
      const rb = parse(md('', F + 'console', ...lines, F));
      expect(rb.warnings).toEqual([expect.objectContaining({ where: 'doc.md:3', message: expect.stringMatching(what), failsCheck: true })]);
      expect(rb.steps[0]!.unrunnable).toMatch(/not complete/);
    }
  });

  it('uses configured prompts before the defaults', () => {
    const rb = parse(md(F + 'console', 'r1> show version', 'v1', F), { prompts: [/(?<host>r\d)> /] });
    expect(rb.steps[0]).toMatchObject({ target: 'r1', targetSource: 'prompt', command: 'show version' });
  });
});

describe('parseRunbook: targets and shell switches', () => {
  it('resolves $ prompts from on=, then the default, then local', () => {
    const src = md(F + 'console on=vm1', '$ a', F, F + 'console', '$ b', F);
    expect(parse(src).steps.map((s) => [s.target, s.targetSource])).toEqual([['vm1', 'on'], ['local', 'local']]);
    expect(parse(src, { default: 'box' }).steps.map((s) => [s.target, s.targetSource])).toEqual([['vm1', 'on'], ['box', 'default']]);
    expect(parse(src, { default: 'box' }).mentions.map((m) => [m.name, m.via, m.line])).toEqual([['vm1', 'on', 2], ['box', 'default', 5]]);
  });

  it('turns shell-switch lines into target changes, not steps, and exit returns', () => {
    const src = md(
      F + 'console',
      '$ multipass shell vm1',
      'Welcome to Ubuntu',
      'ubuntu@vm1:~$ kubectl  exec -it test-pod -- bash',
      'test-pod:~# hostname',
      'test-pod',
      'test-pod:~# exit',
      'ubuntu@vm1:~$ $ echo back',
      '$ uname',
      'Linux',
      '$ exit',
      '$ whoami',
      F,
    );
    const rb = parse(src);
    expect(rb.steps.map((s) => [s.line, s.target, s.targetSource, s.command])).toEqual([
      [5, 'test-pod', 'prompt', 'hostname'],
      [8, 'vm1', 'prompt', '$ echo back'],
      [9, 'vm1', 'switch', 'uname'],
      [12, 'local', 'local', 'whoami'],
    ]);
    expect(rb.mentions.filter((m) => m.via === 'switch')).toEqual([
      { name: 'vm1', file: 'doc.md', line: 2, via: 'switch', implied: { multipass: 'vm1' } },
      { name: 'test-pod', file: 'doc.md', line: 4, via: 'switch', implied: { kubectl: 'test-pod', via: 'vm1' } },
    ]);
  });

  it('names an ssh target after the prompt that follows it', () => {
    const rb = parse(md(F + 'console', 'me@laptop:~$ ssh ubuntu@10.65.94.199', 'ubuntu@vm2:~$ uptime', F));
    expect(rb.steps.map((s) => s.target)).toEqual(['vm2']);
    expect(rb.mentions.find((m) => m.via === 'switch')).toMatchObject({ name: 'vm2', line: 2, implied: { ssh: 'ubuntu@10.65.94.199', via: 'laptop' } });
  });

  it('leaves nested switches with exit, back to the host the prompt names', () => {
    const rb = parse(
      md(F + 'console', 'me@laptop:~$ multipass shell vm1', 'ubuntu@vm1:~$ kubectl exec -it p -- sh', 'p:/# exit', 'ubuntu@vm1:~$ exit', 'logout', '$ hostname', 'laptop', F),
    );
    expect(rb.steps.map((s) => [s.line, s.target, s.targetSource, s.command])).toEqual([[7, 'local', 'local', 'hostname']]);
  });

  it('does not count text after an empty prompt as preamble', () => {
    expect(parse(md(F + 'console', '$', 'not a preamble', '$ ls', F)).ignored).toEqual([]);
  });

  it('does not treat `exit` as a switch back when nothing was switched', () => {
    expect(parse(md(F + 'console', '$ exit', F)).steps.map((s) => s.command)).toEqual(['exit']);
  });
});

describe('parseRunbook: command, output and file blocks', () => {
  it('runs sh/bash blocks as one script, compared only with a following output block', () => {
    const src = md(F + 'bash', 'cd /tmp', 'echo $PWD', F, '', '<!-- runbook: output unordered -->', F, '/tmp', '[2]', F, '', F + 'sh on=vm1', 'true', F);
    const rb = parse(src);
    expect(rb.steps.map((s) => [s.kind, s.line, s.command, s.target])).toEqual([
      ['script', 1, 'cd /tmp\necho $PWD', 'local'],
      ['script', 12, 'true', 'vm1'],
    ]);
    const [a, b] = rb.steps;
    expect(a!.expected!.map((e) => e.text)).toEqual(['/tmp']);
    expect(a!.exit).toBe(2);
    expect(a!.annotations).toEqual({ unordered: true });
    expect(b!.expected).toBeNull();
    expect(b!.insertAt).toBe(src.length);
  });

  it('reads annotation words written where the language goes', () => {
    const rb = parse(md(F + 'sh', 'echo hi', F, F + 'output', 'hi', F, F + 'on=vm1', '$ ls', F, F + 'run', 'true', F));
    expect(rb.steps.map((s) => [s.kind, s.target, s.expected?.map((e) => e.text) ?? null])).toEqual([
      ['script', 'local', ['hi']],
      ['command', 'vm1', []],
      ['script', 'local', null],
    ]);
  });

  it('rejects an output block that follows no command block', () => {
    expect(() => parse(md(F + 'console', '$ a', F, F + 'text output', 'x', F))).toThrow(expect.objectContaining({ where: 'doc.md:4' }));
  });

  it('writes file= blocks and runs other blocks annotated run', () => {
    const rb = parse(md('<!-- runbook: file=/tmp/svc.yaml on=vm1 -->', F + 'yaml', 'kind: Service', 'metadata: {}', F, F + 'python run', 'print(1)', F));
    expect(rb.steps[0]).toMatchObject({ kind: 'file', filePath: '/tmp/svc.yaml', fileContent: 'kind: Service\nmetadata: {}\n', target: 'vm1', expected: null });
    expect(rb.steps[1]).toMatchObject({ kind: 'script', command: 'print(1)' });
  });

  it('keeps skipped blocks as steps marked skip', () => {
    const rb = parse(md(F + 'console skip', '$ rm -rf /tmp/x', F));
    expect(rb.steps[0]!.annotations.skip).toBe(true);
  });
});

describe('parseRunbook: annotations', () => {
  it('reads annotations from the info string and the comment above', () => {
    const rb = parse(md('<!-- runbook: timeout=30s retry=2m interval=500ms id=nodes -->', F + 'console on=vm1 stop-after=1m exit=any exact teardown ipv4=off age=bind', '$ a', F));
    expect(rb.steps[0]!.annotations).toEqual({
      timeoutMs: 30_000,
      retryMs: 120_000,
      intervalMs: 500,
      id: 'nodes',
      on: 'vm1',
      stopAfterMs: 60_000,
      exit: 'any',
      exact: true,
      teardown: true,
      modes: { ipv4: 'off', age: 'bind' },
    });
    expect(rb.steps[0]!.exit).toBe('any');
  });

  it('rejects an unknown key with file:line and the known keys', () => {
    let err: unknown;
    try {
      parse(md('text', '', F + 'console timout=5s', '$ a', F));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.where).toBe('doc.md:3');
    expect(e.message).toContain("'timout'");
    expect(e.fix).toContain('timeout');
    expect(e.fix).toContain('stop-after');
  });

  it('rejects bad values and stray annotation comments', () => {
    expect(() => parse(md(F + 'console timeout=soon', '$ a', F))).toThrow(/duration/);
    expect(() => parse(md(F + 'console ipv4=maybe', '$ a', F))).toThrow(/mode/);
    expect(() => parse(md(F + 'console exit=x', '$ a', F))).toThrow(/exit status/);
    expect(() => parse(md('<!-- runbook: skip -->', '', 'a paragraph', F + 'console', '$ a', F))).toThrow(/not directly above/);
  });

  it('leaves other tools\' info-string words on other languages alone', () => {
    expect(parse(md(F + 'js title="x.js"', '1', F)).ignored).toHaveLength(1);
  });
});

describe('parseRunbook: malformed markdown', () => {
  it('reports an unterminated fence at its opening line', () => {
    let err: InputError | undefined;
    try {
      parse(md('# T', '', F + 'console', '$ ls', 'out'));
    } catch (e) {
      err = e as InputError;
    }
    expect(err?.where).toBe('doc.md:3');
    expect(err?.message).toMatch(/never closed/);
    expect(err?.fix).toMatch(/closing ```/);
  });

  it('reports an unterminated fence inside a blockquote', () => {
    expect(() => parse(md('> ```console', '> $ ls', '', 'after'))).toThrow(/never closed/);
  });

  it('parses CRLF and BOM files like LF, offsets into the original text', () => {
    const lf = md('---', 'runbook:', '  default: x', '---', '# T', '', '> ```console', '> $ echo hi', '> hi', '> ```');
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    const a = parse(lf);
    const b = parse(crlf);
    const shape = (r: typeof a) => r.steps.map((s) => [s.line, s.command, s.target, s.expected!.map((e) => [e.text, e.line]), s.linePrefix]);
    expect(shape(b)).toEqual(shape(a));
    for (const r of [a, b]) {
      for (const e of r.steps[0]!.expected!) expect(r.source.slice(e.start, e.end)).toBe(e.text);
      expect(r.source.slice(r.steps[0]!.insertAt).startsWith('> ```')).toBe(true);
    }
    expect(b.steps[0]!.linePrefix).toBe('> ');
  });

  it('keeps a nested fence inside a longer fence as one block', () => {
    const rb = parse(md('````console', '$ cat README.md', F + 'sh', 'ls', F, '````'));
    expect(rb.steps).toHaveLength(1);
    expect(rb.steps[0]!.expected!.map((e) => e.text)).toEqual([F + 'sh', 'ls', F]);
  });

  it('maps offsets inside list items', () => {
    const src = md('- step one:', '', '  ```console', '  $ echo hi', '  hi', '  ```');
    const s = parse(src).steps[0]!;
    expect(s.linePrefix).toBe('  ');
    expect(s.expected![0]).toEqual({ text: 'hi', line: 5, start: src.indexOf('  hi') + 2, end: src.indexOf('  hi') + 4 });
  });
});
