// Addresses with a meaning are compared literally (PRODUCT §4); config `literal:` replaces the list.
import { describe, expect, it } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';
import { matchOutput } from '../../src/match/match-output.js';
import type { MatchOptions } from '../../src/match/types.js';
import { resolveClasses } from '../../src/match/volatile-classes.js';

const options = (literal?: string[]): MatchOptions => ({
  exact: false,
  unordered: false,
  classes: resolveClasses({ volatile: {}, normalize: [], ...(literal ? { literal } : {}) }),
  file: 'doc.md',
});
const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1, start: 0, end: t.length }));
const passes = (expected: string, actual: string, literal?: string[]): boolean =>
  matchOutput(lines(expected), `${actual}\n`, new BindingTable(), options(literal)).ok;

describe('literal addresses', () => {
  it('a loopback listener does not pass against the wildcard, nor the other way', () => {
    expect(passes('listening on 127.0.0.1:8080', 'listening on 0.0.0.0:8080')).toBe(false);
    expect(passes('listening on 0.0.0.0:8080', 'listening on 127.0.0.1:8080')).toBe(false);
    expect(passes('listening on 127.0.0.1:8080', 'listening on 127.0.0.1:8080')).toBe(true);
  });
  it('netmasks, broadcast, multicast, link-local and IPv6 loopback are literal', () => {
    expect(passes('inet 10.0.2.15  netmask 255.255.0.0', 'inet 10.0.9.9  netmask 255.0.0.0')).toBe(false);
    expect(passes('inet 10.0.2.15  netmask 255.255.0.0', 'inet 10.0.9.9  netmask 255.255.0.0')).toBe(true);
    expect(passes('broadcast 255.255.255.255', 'broadcast 10.0.0.255')).toBe(false);
    expect(passes('group 224.0.0.251', 'group 239.1.2.3')).toBe(false);
    expect(passes('via 169.254.1.1', 'via 169.254.7.7')).toBe(false);
    expect(passes('inet6 ::1/128', 'inet6 fe80::1/128')).toBe(false);
  });
  it('other addresses stay volatile, even next to literal ones', () => {
    expect(passes('10.42.0.8 via 127.0.0.1', '10.42.7.3 via 127.0.0.1')).toBe(true);
    expect(passes('240.0.0.1', '10.1.1.1')).toBe(true); // just past multicast
    expect(passes('inet6 2001:db8::1/64', 'inet6 2001:db8::7/64')).toBe(true);
  });
  it('config `literal:` replaces the list', () => {
    expect(passes('listening on 127.0.0.1:8080', 'listening on 0.0.0.0:8080', [])).toBe(true);
    expect(passes('dns 10.43.0.10', 'dns 10.43.0.11', ['10.43.0.10'])).toBe(false);
    expect(passes('pod 10.42.3.4', 'pod 10.42.9.9', ['10.42.0.0/16'])).toBe(false);
    expect(() => options(['10.0.0.0/33'])).toThrow(/literal: "10.0.0.0\/33"/);
  });
});
