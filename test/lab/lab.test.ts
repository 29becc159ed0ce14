// The lab on the real kernel (root only): traffic through the ClusterIP and
// the NodePort, kube-proxy's chains, both variants, and a clean teardown.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labStatus, labUp } from '../../src/lab/index.js';

const isRoot = process.getuid?.() === 0;

async function sh(ns: string | null, script: string): Promise<string> {
  const args = ns ? ['netns', 'exec', ns, 'bash', '-c', script] : ['-c', script];
  const r = await execa(ns ? 'ip' : 'bash', args, { reject: false, all: true, timeout: 30_000 });
  if (r.exitCode !== 0) throw new Error(`${ns ?? 'root'}: ${script}: exit ${r.exitCode}\n${r.all}`);
  return String(r.all);
}

const rootLinks = () => sh(null, 'ip -br link');
const labNamespaces = async () => (await sh(null, 'ip netns list')).split('\n').filter((l) => l.startsWith('rbl-'));

describe.skipIf(!isRoot)('lab on real namespaces', () => {
  let linksBefore = '';

  beforeAll(async () => {
    await labDown();
    linksBefore = await rootLinks();
  });

  afterAll(async () => {
    await labDown();
  });

  it('variant a: test-pod reaches nginx-service through DNAT, load-balanced over the pods', async () => {
    const lab = await labUp('a');
    const page = await sh('rbl-test-pod', 'curl -sS -m 5 http://nginx-service:80/');
    expect(page).toContain('<title>Welcome to nginx!</title>');
    // The name comes from the lab's coredns, through the kube-dns service.
    expect(await sh('rbl-test-pod', 'getent hosts nginx-service')).toMatch(/^10\.43\.180\.238\s+nginx-service\.default\.svc\.cluster\.local$/);
    expect(await sh('rbl-test-pod', 'getent hosts no-such-service || echo none')).toBe('none');
    const answered = await sh(
      'rbl-test-pod',
      'for i in $(seq 30); do curl -sS -m 5 -o /dev/null -D - http://10.43.180.238/ | grep X-Pod-Name; done',
    );
    const pods = new Set(answered.split('\n').filter(Boolean));
    expect(pods.size).toBeGreaterThanOrEqual(2);
    for (const p of pods) expect(p).toMatch(/^X-Pod-Name: nginx-deployment-7c79c4bf97-(gk7cj|5j5bv|4fdl4)\r?$/);
    expect((await labStatus()).state).toBe('up');
    expect(lab.nodes[1]!.ip).toBe('10.65.94.199');
  });

  it('variant a: NodePort 30000 on vm2 answers from vm1', async () => {
    const page = await sh('rbl-vm1', 'curl -sS -m 5 http://10.65.94.199:30000/');
    expect(page).toContain('Welcome to nginx!');
    const name = await sh('rbl-vm1', 'curl -sS -m 5 http://vm2:30000/hostname');
    expect(name).toMatch(/^nginx-np-deployment-5f6c8b7d49-\w{5}$/);
  });

  it('variant a: a pod reaching its own service may land on itself (hairpin), and nodes reach services too', async () => {
    const self = 'nginx-deployment-7c79c4bf97-5j5bv';
    const fromPod = await sh(`rbl-${self}`, 'for i in $(seq 30); do curl -sS -m 5 http://10.43.180.238/hostname; done');
    const names = fromPod.split('\n').filter(Boolean);
    expect(names).toHaveLength(30);
    expect(names).toContain(self);
    const fromNode = await sh('rbl-vm2', 'for i in $(seq 10); do curl -sS -m 5 http://10.43.180.238/hostname; done');
    expect(fromNode.split('\n').filter(Boolean)).toHaveLength(10);
    expect(await sh('rbl-underlay', 'curl -sS -m 5 http://10.65.94.95:30000/')).toContain('Welcome to nginx!');
  });

  it('variant a: iptables-save in vm1 shows the cheat sheet chains', async () => {
    const rules = await sh('rbl-vm1', 'iptables-save -t nat');
    for (const chain of [
      'KUBE-SVC-V2OKYYMBY3REGZOG',
      'KUBE-SEP-LNMZPQ2U2A5TEEGP',
      'KUBE-SEP-3Y75O4B4KDVD7TMA',
      'KUBE-SEP-Z33JJVRDNG7R4HVW',
      'KUBE-SVC-MUSBZEOMK5UKWKKU',
      'KUBE-EXT-MUSBZEOMK5UKWKKU',
      'KUBE-SEP-MQVY6GCMKDVFWQIB',
    ]) {
      expect(rules).toContain(`:${chain} - [0:0]`);
    }
    expect(rules).toContain(
      '-A KUBE-SVC-V2OKYYMBY3REGZOG -m comment --comment "default/nginx-service -> 10.42.0.8:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-LNMZPQ2U2A5TEEGP',
    );
  });

  it('down leaves no rbl- namespace, no hosts file, and the root links as they were', async () => {
    await labDown();
    expect(await labNamespaces()).toEqual([]);
    expect(await sh(null, 'ls -d /etc/netns/rbl-* 2>/dev/null || true')).toBe('');
    expect(await rootLinks()).toBe(linksBefore);
    expect((await labStatus()).state).toBe('down');
  });

  it('variant b: other addresses, other hashes, still working', async () => {
    const lab = await labUp('b');
    const rules = await sh('rbl-vm1', 'iptables-save -t nat');
    expect(rules).not.toContain('KUBE-SEP-LNMZPQ2U2A5TEEGP');
    expect(rules).not.toContain('10.43.180.238');
    expect(rules).toContain('KUBE-SVC-V2OKYYMBY3REGZOG');
    expect(rules).toContain(`-d ${lab.services[0]!.clusterIP}/32`);
    expect(await sh('rbl-test-pod', 'curl -sS -m 5 http://nginx-service/')).toContain('Welcome to nginx!');
    expect(await sh('rbl-vm3', `curl -sS -m 5 http://${lab.nodes[0]!.ip}:30000/`)).toContain('Welcome to nginx!');
    expect((await labStatus()).variant).toBe('b');
  });

  it('up after a partial up (stray namespace, a process in it, a hosts file) gives a working lab', async () => {
    await labDown();
    await sh(null, 'ip netns add rbl-vm1 && ip netns add rbl-test-pod && mkdir -p /etc/netns/rbl-test-pod');
    await sh(null, 'ip netns exec rbl-vm1 setsid sleep 300 </dev/null >/dev/null 2>&1 &');
    expect((await labStatus()).state).toBe('partial');
    await labUp('a');
    expect((await labStatus()).state).toBe('up');
    expect(await sh('rbl-test-pod', 'curl -sS -m 5 http://nginx-service/')).toContain('Welcome to nginx!');
    await labDown();
    expect(await labNamespaces()).toEqual([]);
    expect(await sh(null, 'pgrep -f "^sleep 300$" || true')).toBe('');
    expect(await rootLinks()).toBe(linksBefore);
  });
});
