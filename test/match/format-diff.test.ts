// formatDiff: hunks named by the markdown line, context, expected as written, actual, control characters shown.
import { describe, expect, test } from 'vitest';
import { formatDiff, visible } from '../../src/match/format-diff.js';
import { BindingTable } from '../../src/match/binding-table.js';
import { matchOutput } from '../../src/match/match-output.js';
import { lines, match, opts } from './helpers.js';

describe('formatDiff', () => {
  test('one changed line: a hunk named by its markdown line, three lines of context', () => {
    const expected = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9';
    const v = match(expected, 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\nl9');
    expect(formatDiff(lines(expected, 40), v, 'networking.md')).toEqual(['@@ networking.md:41 @@', ' l2', ' l3', ' l4', '-l5', '+L5', ' l6', ' l7', ' l8']);
  });
  test('expected lines appear as the author wrote them, spacing and elisions included', () => {
    const expected = 'NAME     AGE\n[...]\nlast   22h';
    const v = match(expected, 'NAME AGE\nx\nfinal 3d');
    expect(formatDiff(lines(expected), v, 'f.md')).toEqual(['@@ f.md:10 @@', ' NAME     AGE', ' [...]', '-last   22h', '+final 3d']);
  });
  test('far-apart changes make separate hunks, each with its own line', () => {
    const exp = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const act = exp.replace('line 2\n', 'line two\n').replace('line 25\n', 'line twenty-five\n');
    const diff = formatDiff(lines(exp, 100), match(exp, act), 'n.md');
    expect(diff.filter((l) => l.startsWith('@@'))).toEqual(['@@ n.md:100 @@', '@@ n.md:122 @@']);
  });
  test('a hunk of added lines only is named by the expected line before it', () => {
    const v = match('a\nb', 'a\nb\nc');
    expect(formatDiff(lines('a\nb', 7), v, 'f.md')).toEqual(['@@ f.md:7 @@', ' a', ' b', '+c']);
  });
  test('output where nothing was expected is named by the file alone', () => {
    expect(formatDiff([], matchOutput([], 'boom', new BindingTable(), opts()), 'f.md')).toEqual(['@@ f.md @@', '+boom']);
  });
  test('nothing differs, no lines', () => {
    expect(formatDiff(lines('a'), match('a', 'a'), 'f.md')).toEqual([]);
  });
  test('control characters are made visible', () => {
    expect(visible('a\tb\u001b[0m\r\u0000\u007f')).toBe('a␉b␛[0m␍␀␡');
    const v = match('x', 'x\u0007');
    expect(formatDiff(lines('x'), v, 'f.md')).toContain('+x␇');
  });
});
