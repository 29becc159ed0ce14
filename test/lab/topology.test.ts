// The lab as data: names, prefixes and the differences between the variants.
import { describe, expect, it } from 'vitest';
import { dnsRecords } from '../../src/lab/dns-server.js';
import { netnsEtcFiles } from '../../src/lab/hosts-files.js';
import { kubeProxyRules } from '../../src/lab/kube-proxy-rules.js';
import { linkPlan } from '../../src/lab/link-plan.js';
import { labNamespaces, labTopology } from '../../src/lab/topology.js';

const a = labTopology('a');
const b = labTopology('b');

describe('lab topology', () => {
  it('has the cheat sheet addresses in variant a', () => {
    expect(a.nodes.map((n) => n.ip)).toEqual(['10.65.94.238', '10.65.94.199', '10.65.94.95']);
    expect(a.services[0]!.clusterIP).toBe('10.43.180.238');
    expect(a.pods.map((p) => p.name)).toContain('nginx-deployment-7c79c4bf97-gk7cj');
    expect(a.pods.find((p) => p.name === 'test-pod')).toMatchObject({ ip: '10.42.1.4', node: 'vm2', ns: 'rbl-test-pod' });
  });

  it('puts every namespace under the rbl- prefix, and names veths like the CNI does', () => {
    for (const lab of [a, b]) {
      expect(labNamespaces(lab).every((ns) => ns.startsWith('rbl-'))).toBe(true);
      expect(new Set(labNamespaces(lab)).size).toBe(labNamespaces(lab).length);
      for (const p of lab.pods) {
        expect(p.veth).toMatch(/^veth[0-9a-f]{8}$/);
        expect(p.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
      }
    }
  });

  it('changes every volatile value in variant b but keeps the shape', () => {
    const values = (lab: typeof a) => [
      ...lab.nodes.map((n) => n.ip),
      ...lab.pods.filter((p) => p.name !== 'test-pod').map((p) => p.name),
      ...lab.pods.map((p) => p.ip),
      ...lab.pods.map((p) => p.veth),
      ...lab.services.filter((s) => !s.portName.startsWith('kube-system/')).map((s) => s.clusterIP),
    ];
    const inA = new Set(values(a));
    expect(values(b).filter((v) => inA.has(v))).toEqual([]);
    expect(b.pods.map((p) => p.node)).toEqual(a.pods.map((p) => p.node));
  });

  it('writes kube-proxy rules whose SEP hashes differ between variants', () => {
    const seps = (text: string) => [...text.matchAll(/^:(KUBE-SEP-\w+)/gm)].map((m) => m[1]);
    const ra = kubeProxyRules(a);
    expect(seps(ra)).toContain('KUBE-SEP-LNMZPQ2U2A5TEEGP');
    expect(ra).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
    expect(ra).toContain('--probability 0.3333333333 -j KUBE-SEP-LNMZPQ2U2A5TEEGP');
    const sb = seps(kubeProxyRules(b));
    // nginx-service and nginx-np-service: three endpoints each; kube-dns: one, on each of its three ports.
    expect(sb).toHaveLength(9);
    expect(sb.filter((s) => seps(ra).includes(s))).toEqual([]);
  });

  it('creates no link outside the lab namespaces', () => {
    for (const batch of linkPlan(a)) expect(batch.ns.startsWith('rbl-')).toBe(true);
  });

  it('points the pods at kube-dns, as the cheat sheet shows it', () => {
    expect(netnsEtcFiles(a).get('rbl-test-pod')!['resolv.conf']).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local multipass\nnameserver 10.43.0.10\noptions ndots:5\n',
    );
    expect(netnsEtcFiles(a).get('rbl-vm1')!.hosts).toMatch(/^10\.65\.94\.199\tvm2$/m);
    // The VMs' resolver names the pod network's address after the VM host, as `iptables -L` on vm2 shows it; pods do not.
    for (const vm of ['rbl-vm1', 'rbl-vm2', 'rbl-vm3', 'rbl-test-metalbv2']) expect(netnsEtcFiles(a).get(vm)!.hosts).toMatch(/^10\.42\.0\.0\tfiveg-host-24-node4$/m);
    expect(netnsEtcFiles(a).get('rbl-test-pod')!.hosts).not.toContain('fiveg-host-24-node4');
    // A node's is an Ubuntu VM's (systemd-resolved's stub), as the cheat sheet's `cat /etc/resolv.conf` on vm1 ends.
    expect(netnsEtcFiles(a).get('rbl-vm1')!['resolv.conf']).toMatch(/\nnameserver 127\.0\.0\.53\noptions edns0 trust-ad\nsearch multipass\n$/);
  });

  it('serves kube-dns on its three ports, and its names: the services and the nodes (NodeHosts)', () => {
    const dns = a.services.filter((s) => s.portName.startsWith('kube-system/kube-dns:'));
    expect(dns.map((s) => `${s.portName} ${s.port}/${s.protocol}`)).toEqual([
      'kube-system/kube-dns:dns 53/udp',
      'kube-system/kube-dns:dns-tcp 53/tcp',
      'kube-system/kube-dns:metrics 9153/tcp',
    ]);
    expect(kubeProxyRules(a)).toContain(':KUBE-SVC-ERIFXISQEP7F7OF4 - [0:0]');
    expect(kubeProxyRules(a)).toContain(':KUBE-SVC-JD5MR3NA4I4DYORP - [0:0]');
    expect(dnsRecords(a)).toMatchObject({ vm1: '10.65.94.238', 'nginx-service.default.svc.cluster.local': '10.43.180.238', 'kube-dns.kube-system.svc.cluster.local': '10.43.0.10' });
  });
});
