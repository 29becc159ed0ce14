// kubectl's JSONPath templates (`-o jsonpath=…`) as the lab's kubectl reads
// them: fields, indexes, wildcards, filters, range/end and quoted text.
import { describe, expect, it } from 'vitest';
import { JsonPathError, jsonPath } from '../../src/lab/control-plane/jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'vm1' }, status: { addresses: [{ type: 'InternalIP', address: '10.65.94.238' }, { type: 'Hostname', address: 'vm1' }] }, spec: { podCIDR: '10.42.0.0/24' } },
    { metadata: { name: 'vm2' }, status: { addresses: [{ type: 'InternalIP', address: '10.65.94.199' }, { type: 'Hostname', address: 'vm2' }] }, spec: { podCIDR: '10.42.1.0/24' } },
  ],
};

describe('jsonPath', () => {
  it('reads fields, indexes and wildcards; several results are joined by a space, and no newline is added', () => {
    expect(jsonPath('{.items[0].metadata.name}', list)).toBe('vm1');
    expect(jsonPath('{.items[*].spec.podCIDR}', list)).toBe('10.42.0.0/24 10.42.1.0/24');
    expect(jsonPath('{.items[1].status.addresses[0]}', list)).toBe('{"type":"InternalIP","address":"10.65.94.199"}');
  });

  it('filters, ranges and quoted text, as `kubectl get nodes -o jsonpath` cheat sheets write them', () => {
    expect(jsonPath('{.items[*].status.addresses[?(@.type=="InternalIP")].address}', list)).toBe('10.65.94.238 10.65.94.199');
    expect(jsonPath('{range .items[*]}{.metadata.name}{"\\t"}{.spec.podCIDR}{"\\n"}{end}', list)).toBe('vm1\t10.42.0.0/24\nvm2\t10.42.1.0/24\n');
    expect(jsonPath("ip={.items[?(@.metadata.name!='vm1')].status.addresses[?(@.type=='Hostname')].address}", list)).toBe('ip=vm2');
  });

  it('prints nothing for a missing key (kubectl allows missing keys) and fails on what it cannot read', () => {
    expect(jsonPath('{.items[0].nope}', list)).toBe('');
    expect(() => jsonPath('{.items[7]}', list)).toThrow(JsonPathError);
    expect(() => jsonPath('{range .items[*]}{.metadata.name}', list)).toThrow(/unclosed range/);
    expect(() => jsonPath('{.items[0].metadata.name', list)).toThrow(/unclosed action/);
  });
});
