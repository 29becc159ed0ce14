// PRODUCT.md §4 line by line: normalization, whitespace runs, `[...]`, suffix rules, comments.
import { describe, expect, test } from 'vitest';
import { normalizeOutput } from '../../src/match/normalize.js';
import { match } from './helpers.js';

describe('normalization, both sides', () => {
  test('ANSI escapes stripped, CRLF to LF, trailing spaces and blank lines dropped', () => {
    expect(normalizeOutput('\u001b[32mok\u001b[0m  \r\nnext\t\r\n\n\n')).toEqual(['ok', 'next']);
    expect(match('ok\nnext', '\u001b[1;31mok\u001b[0m\r\nnext   \n\n').ok).toBe(true);
  });
  test('OSC hyperlinks are stripped too', () => {
    expect(normalizeOutput('\u001b]8;;http://x\u0007link\u001b]8;;\u0007')).toEqual(['link']);
  });
  test('trailing spaces and trailing blank lines in the expected text do not count', () => {
    expect(match('a   \nb\n\n', 'a\nb').ok).toBe(true);
  });
  test('a blank line in the middle still has to be there', () => {
    expect(match('a\n\nb', 'a\nb').ok).toBe(false);
  });
  test('no output at all matches no expected lines', () => {
    expect(match('', '').ok).toBe(true);
    expect(match('', 'surprise').ok).toBe(false);
  });
});

describe('runs of spaces and tabs', () => {
  test('compare equal whatever their width', () => {
    expect(match('NAME   STATUS    AGE\nvm1    Ready     22h', 'NAME STATUS\tAGE\nvm1  Ready  3d4h').ok).toBe(true);
  });
  test('a run never equals no space', () => {
    expect(match('a b', 'ab').ok).toBe(false);
  });
  test('exact turns the equivalence off', () => {
    expect(match('a  b', 'a b', { exact: true }).ok).toBe(false);
    expect(match('a  b', 'a  b', { exact: true }).ok).toBe(true);
  });
});

describe('[...]', () => {
  test('a line of its own matches zero or more lines', () => {
    expect(match('first\n[...]\nlast', 'first\nlast').ok).toBe(true);
    expect(match('first\n[...]\nlast', 'first\n1\n2\n3\nlast').ok).toBe(true);
    expect(match('[...]\nlast', 'x\ny\nlast').ok).toBe(true);
    expect(match('first\n[...]', 'first\nx\ny').ok).toBe(true);
    expect(match('first\n[...]\nlast', 'first\n1\nlast\nmore').ok).toBe(false);
  });
  test('segments between elisions are placed in order, each as early as it fits', () => {
    expect(match('a\n[...]\nb\n[...]\nc', 'a\nx\nb\ny\nb\nc').ok).toBe(true);
    expect(match('a\n[...]\nc\n[...]\nb', 'a\nb\nc').ok).toBe(false);
  });
  test('inside a line it matches any text', () => {
    expect(match('Last login: [...] from [...]', 'Last login: Tue Jun 11 01:57:04 2024 from 10.65.94.1').ok).toBe(true);
    expect(match('Last login: [...] from [...]', 'Last login: never').ok).toBe(false);
  });
  test('at the end of a line it may match nothing, the space before it too (trailing spaces are stripped)', () => {
    // `echo "started at $(date +%s) by $(id -un)"` where `id -un` printed nothing.
    expect(match('started at [...] by [...]', 'started at 1795846585 by ').ok).toBe(true);
    expect(match('started at [...] by [...]', 'started at 1795846585 by alice').ok).toBe(true);
    expect(match('started at [...] by [...]', 'started at 1795846585 bystander').ok).toBe(false);
    expect(match('started at [...] by [...]', 'started at 1795846585').ok).toBe(false);
    expect(match('a  b\t[...]', 'a b', { exact: true }).ok).toBe(false);
    expect(match('a  b\t[...]', 'a  b', { exact: true }).ok).toBe(true);
  });
  test('the elided lines belong to the [...] line in the ops', () => {
    const v = match('first\n[...]\nlast', 'first\n1\n2\nlast');
    expect(v.ops).toEqual([{ op: 'same', e0: 0, e1: 3, a0: 0, a1: 4 }]);
  });
});

describe('line suffixes', () => {
  test('(re): the line is a regex, anchored to the whole line', () => {
    expect(match('v\\d+\\.\\d+ (re)', 'v1.29').ok).toBe(true);
    expect(match('v\\d+ (re)', 'v1.29').ok).toBe(false);
    expect(match('\\d+ (re)', 'x12').ok).toBe(false);
  });
  test('(re) with an invalid regex never matches, and the verdict names its line (as cram: a non-match, not a rejected file)', () => {
    const v = match('ok\nfoo(bar (re)', 'ok\nfoo');
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/networking\.md:11: invalid regex in a \(re\) line: .*Unterminated/);
  });
  test('(re) reads the Python spellings cram files use: (?P<name>…), (?P=name), \\A, \\Z', () => {
    expect(match('(?P<w>ab)-(?P=w) (re)', 'ab-ab').ok).toBe(true);
    expect(match('\\Aab\\Z (re)', 'ab').ok).toBe(true);
  });
  test('(glob): * and ? wildcards, \\* a literal star', () => {
    expect(match('kube-proxy-* 1/1 Running (glob)', 'kube-proxy-x7k2p   1/1   Running').ok).toBe(true);
    expect(match('v1.2?.5 (glob)', 'v1.29.5').ok).toBe(true);
    expect(match('a\\*b (glob)', 'a*b').ok).toBe(true);
    expect(match('a\\*b (glob)', 'axxb').ok).toBe(false);
  });
  test('(esc): Python-style escapes', () => {
    expect(match('a\\tb\\x1b[0m\\\\ (esc)', 'a\tb\\').ok).toBe(false);
    expect(match('col\\tval\\\\ (esc)', 'col\tval\\').ok).toBe(true);
    expect(match('bell\\x07 (esc)', 'bell\u0007').ok).toBe(true);
  });
  test('an unknown word in parentheses is plain text', () => {
    expect(match('value (foo)', 'value (foo)').ok).toBe(true);
    expect(match('value (constructor)', 'value (constructor)').ok).toBe(true);
  });
});

describe('author comments', () => {
  test('lines matching the comments pattern are never compared, and kept in the ops', () => {
    const v = match('# the header\nNAME\n# pods follow\npod-a', 'NAME\npod-a', { comments: /^#/ });
    expect(v.ok).toBe(true);
    expect(v.ops).toEqual([{ op: 'same', e0: 0, e1: 4, a0: 0, a1: 2 }]);
  });
  test('a comment equal to the actual line at its place takes that line (a real `#` line of /etc/hosts)', () => {
    const expected = '# Kubernetes-managed hosts file.\n127.0.0.1       localhost\n::1     localhost ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\n10.42.0.2       coredns-6799fbcd5-9ln42';
    const actual = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n10.44.0.3\tcoredns-76f75df574-b2kxn\n';
    const v = match(expected, actual, { comments: /^#/ });
    expect(v.ok).toBe(true);
    expect(v.ops).toEqual([{ op: 'same', e0: 0, e1: 5, a0: 0, a1: 5 }]);
    // Never required: without the line in the output, the comment covers no actual line.
    const w = match(expected, actual.replace(/^#.*\n/, ''), { comments: /^#/ });
    expect(w.ok).toBe(true);
    expect(w.ops).toEqual([{ op: 'same', e0: 0, e1: 5, a0: 0, a1: 4 }]);
  });
  test('a comment pairs with an equal line in the middle, after [...], and in unordered blocks; a differing one is skipped', () => {
    expect(match('a\n# note\nb', 'a\n# note\nb', { comments: /^#/ }).ok).toBe(true);
    expect(match('a\n# note\nb', 'a\n# other\nb', { comments: /^#/ }).ok).toBe(false);
    expect(match('a\n[...]\n# end\nz', 'a\nx\n# end\nz', { comments: /^#/ }).ok).toBe(true);
    expect(match('# header\nb\na', 'a\n# header\nb', { comments: /^#/, unordered: true }).ok).toBe(true);
    expect(match('# header\nb\na', 'a\nb', { comments: /^#/, unordered: true }).ok).toBe(true);
  });
  test('when the step fails elsewhere, a present comment still pairs and is not shown as added', () => {
    const v = match('# Kubernetes-managed hosts file.\n127.0.0.1 localhost\nfe00::0 ip6-localnet', '# Kubernetes-managed hosts file.\n127.0.0.1 localhost\nfe00::1 ip6-allnodes', { comments: /^#/ });
    expect(v.ok).toBe(false);
    expect(v.ops).toEqual([
      { op: 'same', e0: 0, e1: 2, a0: 0, a1: 2 },
      { op: 'removed', e0: 2, e1: 3 },
      { op: 'added', a0: 2, a1: 3 },
    ]);
  });
  test('without the pattern they are compared', () => {
    expect(match('# the header\nNAME', 'NAME').ok).toBe(false);
  });
});
