// cram 0.7 / scrut line expectations: scrut's spellings, quantifiers, (no-eol),
// (esc) against the raw bytes, and cram's "equal line matches whatever its suffix".
import { describe, expect, test } from 'vitest';
import { splitSuffix } from '../../src/match/line-rules.js';
import { match } from './helpers.js';

describe('scrut spellings', () => {
  test('(regex), (escaped), (equal), (eq), (gl) are (re), (esc), a literal line and (glob)', () => {
    expect(match('v\\d+\\.\\d+ (regex)', 'v1.29').ok).toBe(true);
    expect(match('a\\tb (escaped)', 'a\tb').ok).toBe(true);
    expect(match('a*b (equal)', 'a*b').ok).toBe(true);
    expect(match('a*b (eq)', 'axxb').ok).toBe(false);
    expect(match('a*b (gl)', 'axxb').ok).toBe(true);
  });
  test('an unknown word in parentheses is text', () => {
    expect(splitSuffix('ready (soon)')).toBeNull();
    expect(match('ready (soon)', 'ready (soon)').ok).toBe(true);
  });
});

describe('quantifiers', () => {
  test('(+) one or more equal lines, (*) any number, (?) at most one', () => {
    expect(match('a\nb (+)\nc', 'a\nb\nb\nb\nc').ok).toBe(true);
    expect(match('a\nb (+)\nc', 'a\nc').ok).toBe(false);
    expect(match('a\nb (*)\nc', 'a\nc').ok).toBe(true);
    expect(match('a\nb (?)\nc', 'a\nb\nb\nc').ok).toBe(false);
    expect(match('a\nb (?)\nc', 'a\nc').ok).toBe(true);
  });
  test('(glob+), (glob*), (glob?), (regex+), (regex*), (regex?)', () => {
    expect(match('Hello* (glob+)', 'Hello\nHello There\nHello World').ok).toBe(true);
    expect(match('Hello* (glob+)', 'Bye').ok).toBe(false);
    expect(match('x (glob*)\nend', 'end').ok).toBe(true);
    expect(match('x? (glob?)\nend', 'x1\nx2\nend').ok).toBe(false);
    expect(match('Foo: [0-9]+ (regex+)\ndone', 'Foo: 1\nFoo: 22\ndone').ok).toBe(true);
    expect(match('.* (regex*)\nend', 'a\nb\nend').ok).toBe(true);
    expect(match('warn.* (regex?)\nok', 'ok').ok).toBe(true);
  });
  test('a greedy line backs off so that the lines after it still match', () => {
    // `.* (re*)` could take "end" too; it gives it back.
    expect(match('start\n.* (re*)\nend', 'start\nx\ny\nend').ok).toBe(true);
    expect(match('start\n* (glob+)\nlast (glob)\n[...]\nfin', 'start\na\nb\nlast\nq\nfin').ok).toBe(true);
  });
  test('a drifted quantified block shows the lines that do not fit', () => {
    const v = match('a\nb (+)\nc', 'a\nz\nc');
    expect(v.ok).toBe(false);
    expect(v.ops.some((o) => o.op === 'added')).toBe(true);
  });
});

describe('(no-eol)', () => {
  test('matches the last line of an output that has no final newline', () => {
    expect(match('Hello (no-eol)', 'Hello').ok).toBe(true);
  });
  test('fails when the output ends with a newline, or goes on after the line', () => {
    const v = match('Hello (no-eol)', 'Hello\n');
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatch(/networking\.md:10: \(no-eol\): the output ends with a newline/);
    expect(match('Hello (no-eol)\nmore', 'Hello\nmore').ok).toBe(false);
  });
});

describe('(esc) against the raw output', () => {
  test('ANSI escapes written as \\x1b match real escapes (which plain lines never see)', () => {
    expect(match('Foo \\x1b[1mBar\\x1b[0m Baz (esc)', 'Foo \u001b[1mBar\u001b[0m Baz\n').ok).toBe(true);
    expect(match('Foo \\x1b[1mBar\\x1b[0m Baz (escaped)', 'Foo Bar Baz\n').ok).toBe(false);
    expect(match('Foo Bar Baz', 'Foo \u001b[1mBar\u001b[0m Baz\n').ok).toBe(true);
  });
  test('a real CR inside a line is written \\r', () => {
    expect(match('50%\\r100% (esc)', '50%\r100%\n').ok).toBe(true);
  });
});

describe("cram's rule: a line equal to the actual line matches whatever its suffix", () => {
  test('(re), (glob) and (esc) lines that are literally the output', () => {
    expect(match('a(b (re)', 'a(b (re)').ok).toBe(true);
    expect(match('[x] (glob)', '[x] (glob)').ok).toBe(true);
    expect(match('tab\\t (esc)', 'tab\\t (esc)').ok).toBe(true);
  });
});
