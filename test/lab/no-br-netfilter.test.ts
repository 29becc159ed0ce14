// On a kernel without br_netfilter, same-node service traffic still works
// through the lab's masquerade fallback (simulated: the switch is turned off
// in each node and RBL_LAB_NO_BR_NETFILTER=1 makes `up` take the fallback).
import { execa } from 'execa';
import { release } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/down.js';
import { labUp } from '../../src/lab/up.js';

const isRoot = process.getuid?.() === 0;
// bridge-nf-call-iptables is per namespace only since Linux 5.3; before that, turning it off would touch the host.
const [major = 0, minor = 0] = release().split('.').map(Number);
const perNamespace = major > 5 || (major === 5 && minor >= 3);

async function inNs(ns: string, script: string): Promise<string> {
  return (await execa('ip', ['netns', 'exec', ns, 'bash', '-c', script], { timeout: 60_000 })).stdout;
}

describe.skipIf(!isRoot || !perNamespace)('lab without br_netfilter', () => {
  afterAll(async () => {
    delete process.env.RBL_LAB_NO_BR_NETFILTER;
    await labDown();
  });

  it('answers every request through the service, same-node endpoints included', async () => {
    process.env.RBL_LAB_NO_BR_NETFILTER = '1';
    await labUp('a');
    for (const node of ['rbl-vm1', 'rbl-vm2', 'rbl-vm3']) {
      await inNs(node, 'f=/proc/sys/net/bridge/bridge-nf-call-iptables; if [ -w $f ]; then echo 0 > $f; fi');
    }
    const out = await inNs('rbl-test-pod', 'for i in $(seq 30); do curl -sS -m 3 http://10.43.180.238/hostname; done');
    const names = out.split('\n').filter(Boolean);
    expect(names).toHaveLength(30);
    expect(names).toContain('nginx-deployment-7c79c4bf97-5j5bv');
    const rules = await inNs('rbl-vm2', 'iptables-save -t nat | grep 10.43.180.238');
    expect(rules.split('\n')).toHaveLength(2);
  });
});
