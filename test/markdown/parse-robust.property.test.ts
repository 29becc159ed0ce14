// Property: whatever the markdown, parsing either succeeds with offsets that
// slice their own text, or fails with an InputError that names file:line —
// never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { collectBlocks } from '../../src/markdown/code-blocks.js';
import { indexLines } from '../../src/markdown/source-lines.js';
import { parse } from './helpers.js';

const piece = fc.constantFrom(
  '```', '````', '~~~', '```console', '```sh', '```bash on=vm1', '<!-- runbook: output -->', '<!-- runbook: skip -->', '> ', '- ', '  ',
  '$ ', '$ ls', 'ubuntu@vm1:~$ ', 'test-pod:~# ', 'echo \\', '> more', 'cat <<EOF', 'EOF', '"', "'", '[1]', '[...]', '# h', '\t', 'text',
  'multipass shell vm1', 'exit', '---', 'runbook:', '\r', '\uFEFF',
);
const doc = fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { maxLength: 30 }).chain((lines) =>
  fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)),
);

describe('parseRunbook on arbitrary input (property)', () => {
  it('parses or reports an InputError with a place, and never crashes', () => {
    fc.assert(
      fc.property(doc, (source) => {
        try {
          const rb = parse(source);
          for (const s of rb.steps) {
            for (const e of [...(s.expected ?? []), ...(s.exitLine ? [s.exitLine] : [])]) expect(source.slice(e.start, e.end)).toBe(e.text);
            expect(s.insertAt).toBeGreaterThanOrEqual(0);
            expect(s.insertAt).toBeLessThanOrEqual(source.length);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).where).toMatch(/^doc\.md:\d+$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('masked fences (property)', () => {
  // The fast path hands micromark top-level fences without their content: it must find exactly
  // the blocks, lines and errors that micromark finds on the whole text.
  const fenced = fc
    .array(
      fc.oneof(
        piece,
        fc.constantFrom('```console\n$ echo a\na\n```', '````\n```\n````', '<div>\n```\n</div>', '- item\n  ```\n  x\n```', '<!--\n```\n-->', '# ```', '   ```', '```\n# not a heading\n```'),
      ),
      { maxLength: 30 },
    )
    .map((l) => l.join('\n'));
  const outcome = (source: string, mask: boolean) => {
    try {
      return collectBlocks('doc.md', source, indexLines(source), { mask }).map((b) => ({ ...b, lines: b.lines.map((l) => [l.line, l.text, l.start, l.end]) }));
    } catch (e) {
      return e instanceof InputError ? `${e.where}: ${e.message}` : `crash ${String(e)}`;
    }
  };
  it('finds the same blocks as a parse of the whole text', () => {
    fc.assert(
      fc.property(fenced, (source) => {
        expect(outcome(source, true)).toEqual(outcome(source, false));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pieces parsed apart (property)', () => {
  // The parse cuts the text at blank lines before an unindented line and parses each distinct
  // piece once: it must find exactly the blocks, headings, comments and errors of one parse.
  const line = fc.constantFrom(
    '', '', '', ' ', '\t', '\u00a0', 'Some prose.', 'Some prose.', '# h1', '## h2 ##', '### h3', 'Title', '===', '---', '***', '- item', '* item', '+ item', '1. one', '2) two', '  indented',
    '    code', '> quote', '>', '<!-- runbook: skip -->', '<!-- runbook: output -->', '<!--', '-->', '<div>', '</div>', '<pre>', '</pre>', '<?php', '?>', '<![CDATA[', ']]>', '<!DOCTYPE html>',
    '[ref]: /url', '[ref]:', '/url', '"title"', '```', '```console', '~~~', '````', '  ```', '$ echo a', 'a', '!!! note', '    ```console', '    $ ls', '    ```', '=== "Linux"', '???+ tip', '\uFEFF# x',
  );
  // Headings of plain words are read from the line (their parse stands in for all of one depth).
  const heading = fc
    .tuple(
      fc.integer({ min: 1, max: 7 }),
      fc.constantFrom(' ', ' ', '', '\t', '  '),
      fc.oneof(
        fc.stringMatching(/^[ \ta-z0-9#\\*&<>`[\]_.,:;()/'"+=!-]{0,12}$/),
        fc.array(fc.constantFrom('a', 'b1', 'word', ' ', ' ', '  ', '\t', '#', '##', '\\#', '*', '&amp;', '`x`', '[l]', '(p)', '.', '-', "'", '='), { maxLength: 6 }).map((w) => w.join('')),
        // Plain words, then perhaps what would make them not plain.
        fc
          .tuple(fc.array(fc.constantFrom('a', 'b1', 'word', 'x.y', '(p)', "it's", 'a-b'), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '', ' #', ' ##', '#', ' \\#', ' ', '\t', ' *', ' x #'))
          .map(([w, end]) => w.join(' ') + end),
      ),
    )
    .map(([n, space, text]) => `${'#'.repeat(n)}${space}${text}`);
  const doc2 = fc
    .tuple(fc.array(fc.oneof(line, heading, fc.constantFrom('```console\n$ echo a\na\n```', '## same\n\nSame prose.\n', '- a\n\n- b\n\n  ```\n  $ x\n\n  y\n  ```')), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([ls, eol, front]) => (front ? ['---', 'a: 1', '---', '', ...ls] : ls).join('\n').replace(/\n/g, eol));
  // Few distinct lines, many headings and fences: pieces repeat, and pieces that start indented or
  // with a list item follow, in the parsed text, pieces that end in a blank line.
  const repeating = fc
    .tuple(
      fc.array(fc.oneof(fc.constantFrom('', '', '# h', '## h', '### i', '- a', '  b', '    c', '```sh\n$ x\n```', '~~~\n~~~', 'p', '<div>', '> q', '1. x', '***', '==='), heading), { minLength: 10, maxLength: 80, size: 'large' }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([ls, eol]) => ls.join(eol));
  const outcome = (source: string, options: { mask?: boolean; split?: boolean }) => {
    try {
      return collectBlocks('doc.md', source, indexLines(source), options).map((b) => ({ ...b, lines: b.lines.map((l) => [l.line, l.text, l.start, l.end]) }));
    } catch (e) {
      return e instanceof InputError ? `${e.where}: ${e.message}` : `crash ${String(e)}`;
    }
  };
  it('finds the same blocks as a parse of the whole text', () => {
    fc.assert(
      fc.property(fc.oneof(doc2, repeating), (source) => {
        const fast = outcome(source, {});
        expect(fast).toEqual(outcome(source, { split: false }));
        // Admonitions aside (their content is moved left even inside a masked fence), also the same as a parse of every line.
        if (!/!!!|\?\?\?|===/.test(source)) expect(fast).toEqual(outcome(source, { mask: false }));
      }),
      { numRuns: 4000 },
    );
  });
});
