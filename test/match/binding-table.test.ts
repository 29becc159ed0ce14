// One expected value ↔ one actual value, per class, for the whole run; and substitution into commands.
import { describe, expect, test } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';

const at = (line: number) => ({ file: 'networking.md', line });

describe('BindingTable.bind', () => {
  test('a first binding and its repeats are consistent', () => {
    const t = new BindingTable();
    expect(t.bind('ipv4', '10.43.180.238', '10.43.12.7', at(88))).toBeNull();
    expect(t.bind('ipv4', '10.43.180.238', '10.43.12.7', at(120))).toBeNull();
    expect(t.entries()).toEqual([{ className: 'ipv4', expected: '10.43.180.238', actual: '10.43.12.7', origin: at(88) }]);
  });
  test('an expected value seen as another actual value names both places', () => {
    const t = new BindingTable();
    t.bind('ipv4', '10.43.180.238', '10.43.12.7', at(88));
    expect(t.bind('ipv4', '10.43.180.238', '10.43.99.1', at(120))).toBe('10.43.180.238 was 10.43.12.7 at networking.md:88, here it is 10.43.99.1');
  });
  test('two expected values may not map to one actual value', () => {
    const t = new BindingTable();
    t.bind('ipv4', '10.43.180.238', '10.43.12.7', at(88));
    expect(t.bind('ipv4', '10.43.0.10', '10.43.12.7', at(120))).toBe('10.43.12.7 is already bound to 10.43.180.238 at networking.md:88, here 10.43.0.10 would map to it');
  });
  test('an identical value binds to itself, and holds its place', () => {
    const t = new BindingTable();
    expect(t.bind('ipv6', '::1', '::1', at(5))).toBeNull();
    expect(t.bind('ipv6', 'fe00::1', '::1', at(6))).toMatch(/already bound/);
  });
  test('classes are separate', () => {
    const t = new BindingTable();
    t.bind('hex', 'abc123abc123', 'def456def456', at(1));
    expect(t.bind('k8s-name', 'abc123abc123', '5d8f9b6c4', at(2))).toBeNull();
  });
  test('a fork reads through, records nothing until committed', () => {
    const t = new BindingTable();
    t.bind('ipv4', '10.0.0.1', '10.9.0.1', at(1));
    const f = t.fork();
    expect(f.bind('ipv4', '10.0.0.1', '10.9.0.2', at(2))).toMatch(/was 10.9.0.1/);
    expect(f.bind('ipv4', '10.0.0.2', '10.9.0.2', at(2))).toBeNull();
    expect(t.entries()).toHaveLength(1);
    expect(f.ownEntries()).toHaveLength(1);
    f.commit();
    expect(t.entries().map((b) => b.expected)).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});

describe('BindingTable.substitute', () => {
  const table = () => {
    const t = new BindingTable();
    t.bind('ipv4', '10.43.0.1', '10.45.0.1', at(1));
    t.bind('ipv4', '10.43.0.10', '10.45.0.10', at(2));
    t.bind('ipv4', '10.45.0.1', '10.43.0.1', at(3));
    t.bind('kube-chain', 'V2OKYYMBY3REGZOG', 'QH4T6WZXA2LBNJ7C', at(4));
    t.bind('ipv4', '127.0.0.1', '127.0.0.1', at(5));
    return t;
  };
  test('replaces whole tokens only', () => {
    expect(table().substitute('dig @10.43.0.10 x; curl 10.43.0.1:443; ping 110.43.0.1 10.43.0.100').command).toBe(
      'dig @10.45.0.10 x; curl 10.45.0.1:443; ping 110.43.0.1 10.43.0.100',
    );
  });
  test('a chain hash is replaced after its literal prefix', () => {
    expect(table().substitute('iptables-save | grep KUBE-SVC-V2OKYYMBY3REGZOG').command).toBe('iptables-save | grep KUBE-SVC-QH4T6WZXA2LBNJ7C');
  });
  test('in one pass: a replaced value is never replaced again (swaps work)', () => {
    const r = table().substitute('ping 10.43.0.1 10.45.0.1');
    expect(r.command).toBe('ping 10.45.0.1 10.43.0.1');
    expect(r.substitutions).toEqual([
      { from: '10.43.0.1', to: '10.45.0.1', className: 'ipv4' },
      { from: '10.45.0.1', to: '10.43.0.1', className: 'ipv4' },
    ]);
  });
  test('values bound to themselves are no substitution', () => {
    expect(table().substitute('curl 127.0.0.1')).toEqual({ command: 'curl 127.0.0.1', substitutions: [] });
  });
  test('an empty table changes nothing', () => {
    expect(new BindingTable().substitute('echo 10.43.0.1')).toEqual({ command: 'echo 10.43.0.1', substitutions: [] });
  });
});
