// Compound commands typed across `> ` PS2 lines join into one command (bash's
// grammar decides where a command ends); their `> ` lines are never output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grammarIncomplete } from '../../src/markdown/shell-continuation.js';
import { md, parse } from './helpers.js';

const commands = (...lines: string[]) => parse(md('```console', ...lines, '```')).steps.map((s) => [s.command, s.expected!.map((e) => e.text)]);

describe('compound commands across > lines', () => {
  it('joins for/if/case/while/until, functions, subshells and groups', () => {
    expect(commands('$ for i in 1 2; do', '>   echo $i', '> done', '1', '2')).toEqual([['for i in 1 2; do\n  echo $i\ndone', ['1', '2']]]);
    expect(commands('$ if true', '> then echo y', '> fi', 'y')).toEqual([['if true\nthen echo y\nfi', ['y']]]);
    expect(commands('$ case a in', '>   a) echo A;;', '> esac', 'A')).toEqual([['case a in\n  a) echo A;;\nesac', ['A']]]);
    expect(commands('$ n=0; while [ $n -lt 1 ]; do', '> n=1; done')).toEqual([['n=0; while [ $n -lt 1 ]; do\nn=1; done', []]]);
    expect(commands('$ until true', '> do :; done')).toEqual([['until true\ndo :; done', []]]);
    expect(commands('$ f() {', '>   echo f', '> }', '$ f', 'f')).toEqual([
      ['f() {\n  echo f\n}', []],
      ['f', ['f']],
    ]);
    expect(commands('$ (', '> cd /tmp; pwd', '> )', '/tmp')).toEqual([['(\ncd /tmp; pwd\n)', ['/tmp']]]);
  });

  it('joins after a trailing |, && or ||', () => {
    expect(commands('$ echo a |', '> tr a b', 'b')).toEqual([['echo a |\ntr a b', ['b']]]);
    expect(commands('$ true &&', '> echo ok', 'ok')).toEqual([['true &&\necho ok', ['ok']]]);
    expect(commands('$ false ||', '> echo no', 'no')).toEqual([['false ||\necho no', ['no']]]);
  });

  it('keeps a > line that a complete command prints (its text is in the command) as its output', () => {
    expect(commands('$ echo "> x"', '> x')).toEqual([['echo "> x"', ['> x']]]);
  });

  it('joins > lines after a complete command, as cram and scrut write several commands under one prompt', () => {
    expect(commands('$ echo Foo', '> echo Bar', 'Foo', 'Bar')).toEqual([['echo Foo\necho Bar', ['Foo', 'Bar']]]);
    expect(commands('$ mkdir d', '> cd d', '> pwd', '*/d (glob)')).toEqual([['mkdir d\ncd d\npwd', ['*/d (glob)']]]);
  });

  it('still joins open quotes and heredocs written with > lines', () => {
    expect(commands('$ echo "a', '> b"', 'a', 'b')).toEqual([['echo "a\nb"', ['a', 'b']]]);
    expect(commands('$ cat <<EOF', '> hi', '> EOF', 'hi')).toEqual([['cat <<EOF\nhi\nEOF', ['hi']]]);
  });

  it('asks bash only about real grammar', () => {
    expect(grammarIncomplete('for i in 1; do')).toBe(true);
    expect(grammarIncomplete('echo done')).toBe(false);
    expect(grammarIncomplete('echo )')).toBe(false);
  });

  it('parses generated compound transcripts back to the same commands', () => {
    const simple = fc.constantFrom('echo a', 'true', 'printf "%s\\n" x', 'ls /tmp', ': ok');
    const compound = fc.oneof(
      fc.array(simple, { minLength: 1, maxLength: 3 }).map((body) => ['for i in 1 2; do', ...body.map((b) => `  ${b}`), 'done']),
      fc.tuple(simple, simple).map(([c, b]) => ['if ' + c, 'then', `  ${b}`, 'fi']),
      fc.tuple(simple, simple).map(([a, b]) => [`${a} |`, b]),
      fc.tuple(simple, simple).map(([a, b]) => [`${a} &&`, b]),
      fc.array(simple, { minLength: 1, maxLength: 2 }).map((body) => ['g() {', ...body, '}']),
      fc.array(simple, { minLength: 1, maxLength: 2 }).map((body) => ['case x in', '  x)', ...body.map((b) => `    ${b}`), '    ;;', 'esac']),
      simple.map((c) => [c]),
    );
    const output = fc.array(fc.constantFrom('1', 'ok', 'some output', '[x]', '  indented'), { maxLength: 2 });
    fc.assert(
      fc.property(fc.array(fc.tuple(compound, output), { minLength: 1, maxLength: 4 }), (cmds) => {
        const lines = cmds.flatMap(([c, out]) => [`$ ${c[0]}`, ...c.slice(1).map((l) => `> ${l}`), ...out]);
        const got = commands(...lines);
        expect(got.map((g) => g[0])).toEqual(cmds.map(([c]) => c.join('\n')));
        expect(got.map((g) => g[1])).toEqual(cmds.map(([, out]) => out));
      }),
      { numRuns: 150 },
    );
  });
});
