import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/update/apply-patch.js';
import { renderPatch } from '../../src/update/render-patch.js';

describe('applyPatch', () => {
  it('splices edits in any order, insertions before a replacement at the same offset', () => {
    const src = 'abcdef';
    expect(applyPatch(src, { file: 'f', edits: [{ start: 4, end: 6, text: 'X' }, { start: 0, end: 0, text: '>' }, { start: 4, end: 4, text: '+' }] })).toBe('>abcd+X');
  });
  it('refuses overlapping edits and edits outside the file', () => {
    expect(() => applyPatch('abcdef', { file: 'f.md', edits: [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }] })).toThrow(/f\.md: edits overlap at offset 2/);
    expect(() => applyPatch('abc', { file: 'f.md', edits: [{ start: 2, end: 9, text: '' }] })).toThrow(/outside the file/);
  });
  it('changes nothing without edits', () => {
    expect(applyPatch('\uFEFFa\r\nb', { file: 'f', edits: [] })).toBe('\uFEFFa\r\nb');
  });
});

describe('renderPatch', () => {
  it('prints a unified diff, empty when nothing changes', () => {
    expect(renderPatch('doc.md', 'a\nb\n', 'a\nb\n')).toBe('');
    const out = renderPatch('doc.md', 'a\nb\n', 'a\nc\n');
    expect(out).toContain('--- a/doc.md');
    expect(out).toContain('+++ b/doc.md');
    expect(out).toContain('-b\n+c');
  });
});
