import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveClasses } from '../../src/match/volatile-classes.js';
import { rebindingTable, rebindText } from '../../src/update/rebind.js';
import { bind } from './support/build.js';

const classes = resolveClasses({ volatile: {}, normalize: [] });

describe('rebinding', () => {
  const ip = rebindingTable([bind('10.43.0.1', '10.43.9.9')]);

  it('finds values as the matcher does: whole values only', () => {
    expect(rebindText('10.43.0.1 10.43.0.10 110.43.0.1 10.43.0.1:80 10.43.0.1/24 (10.43.0.1). 10.43.0.1.60609 x10.43.0.1', ip, classes)).toBe(
      '10.43.9.9 10.43.0.10 110.43.0.1 10.43.9.9:80 10.43.9.9/24 (10.43.9.9). 10.43.9.9.60609 x10.43.0.1',
    );
  });

  it('rebinds a pod name suffix, not the same letters inside a longer word', () => {
    const pods = rebindingTable([bind('7c79c4bf97-gk7cj', '5d8f6b9c7d-xk2lp', 'k8s-name')]);
    expect(rebindText('pod/nginx-7c79c4bf97-gk7cj nginx-7c79c4bf97-gk7cj-x nginx-7c79c4bf97-gk7cjz', pods, classes)).toBe(
      'pod/nginx-5d8f6b9c7d-xk2lp nginx-7c79c4bf97-gk7cj-x nginx-7c79c4bf97-gk7cjz',
    );
  });

  it('keeps bindings one to one, and swapped values do not chain', () => {
    const t = rebindingTable([bind('10.0.0.1', '10.0.0.2'), bind('10.0.0.2', '10.0.0.1'), bind('10.0.0.3', '10.0.0.2'), bind('10.0.0.1', '10.0.0.9')]);
    expect([...t.get('ipv4')!]).toEqual([['10.0.0.1', '10.0.0.2'], ['10.0.0.2', '10.0.0.1']]);
    expect(rebindText('10.0.0.1 10.0.0.2 10.0.0.3', t, classes)).toBe('10.0.0.2 10.0.0.1 10.0.0.3');
  });

  it('a class the tokenizer does not know falls back to whole words, longest first', () => {
    const t = rebindingTable([bind('node-a1', 'node-b7', 'custom'), bind('node-a10', 'node-z', 'custom')]);
    expect(rebindText('node-a1 node-a10 node-a1x xnode-a1 node-a1.local', t, classes)).toBe('node-b7 node-z node-a1x xnode-a1 node-b7.local');
  });

  it('property: an address glued to more digits or word characters is never rebound; a separated one always is', () => {
    const sep = fc.constantFrom(' ', '\t', '\n', '(', ')', ',', ':', '/', '"', '=', '[', ']', '\r\n');
    const glue = fc.constantFrom('0', '9', 'a', 'Z', '_');
    const piece = fc.oneof(
      sep.map((s) => ({ text: `${s}10.43.0.1${s}`, hits: 1 })),
      glue.map((g) => ({ text: ` 10.43.0.1${g} `, hits: 0 })),
      glue.map((g) => ({ text: ` ${g}10.43.0.1 `, hits: 0 })),
      fc.constantFrom('plain text', '10.43.0.2', '', '1.10.43.0.1').map((t) => ({ text: t, hits: 0 })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.map((p) => p.text).join(' ');
        const out = rebindText(text, ip, classes);
        expect(out.split('10.43.9.9').length - 1).toBe(pieces.reduce((n, p) => n + p.hits, 0));
        expect(out.replaceAll('10.43.9.9', '10.43.0.1')).toBe(text);
      }),
    );
  });
});
