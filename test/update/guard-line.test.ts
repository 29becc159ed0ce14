import { describe, expect, it } from 'vitest';
import { guardLine } from '../../src/update/guard-line.js';

describe('guardLine', () => {
  it('leaves ordinary output alone', () => {
    for (const l of ['NAME   READY', '', '  indented', 'tab\there', 'ünïcode →', 'a [...] b', '13:09:28.510565 IP 10.0.0.1 > 10.0.0.2', '# root comment']) {
      expect(guardLine(l)).toBe(l);
    }
  });
  it('escapes lines that would read as syntax, cram-style', () => {
    expect(guardLine('$ rm -rf /')).toBe('\\x24 rm -rf / (esc)');
    expect(guardLine('root@vm1:~# ls')).toBe('\\x72oot@vm1:~# ls (esc)');
    expect(guardLine('```')).toBe('\\x60`` (esc)');
    expect(guardLine('  ~~~')).toBe('  ~~~ (esc)');
    expect(guardLine('[1]')).toBe('\\x5b1] (esc)');
    expect(guardLine('a.b (re)')).toBe('\\x61.b (re) (esc)');
    expect(guardLine('bell\u0007 and \\')).toBe('\\x62ell\\x07 and \\\\ (esc)');
    expect(guardLine('# note', { comments: /^#/ })).toBe('\\x23 note (esc)');
    expect(guardLine('vm1> show', { prompts: [/^vm1> /] })).toBe('\\x76m1> show (esc)');
  });
});
