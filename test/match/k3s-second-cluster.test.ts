// Issue 4's data set: the cheat sheet's outputs against a second cluster where
// every IP, suffix, hash, id and age differs, then each way real drift looks.
import { describe, expect, test } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';
import { clusterB, runAll, type StepRun } from './k3s-steps.js';

const failures = (runs: StepRun[]) => runs.filter((r) => !r.verdict.ok);

describe('the cheat sheet against a second cluster', () => {
  test('every block passes, with one consistent binding table', () => {
    const table = new BindingTable();
    const runs = runAll(clusterB, table);
    for (const r of runs) expect({ name: r.name, ok: r.verdict.ok, problems: r.verdict.problems, diff: r.diff }).toEqual({ name: r.name, ok: true, problems: [], diff: [] });
    const bound = Object.fromEntries(table.entries().map((b) => [b.expected, b.actual]));
    expect(bound).toMatchObject({
      '10.43.180.238': '10.45.7.19',
      '10.43.0.10': '10.45.0.10',
      '10.42.0.8': '10.44.0.17',
      '10.42.0.0': '10.44.0.0',
      '7c79c4bf97-gk7cj': '5d8f9b6c4-x7k2p',
      '6799fbcd5-9ln42': '76f75df574-b2kxn',
      V2OKYYMBY3REGZOG: 'QH4T6WZXA2LBNJ7C',
      MUSBZEOMK5UKWKKU: 'D7GQPXVU5N2KCH3Z',
      '16:9b:6c:12:bd:34': 'ae:16:0f:c7:41:d9',
      '05cc11a6-6aa4-4da9-b1db-e56cf20d222f': '9e3b7c21-4f0a-4d6e-8b15-2a7c9d0e4f63',
      f5499f73a98b24fbc08a2da797e44f4edd932ce838d3f6b3a5d76e4ce8a0d359: '9b1e64c3a07f2d58e4b6a1c90f3d7e25b8a64c1f0e92d37a5c6b48f1e0d2a937',
      '44890': '1287',
    });
    const origin = table.entries().find((b) => b.expected === '10.43.180.238')!.origin;
    expect(origin).toEqual({ file: 'networking.md', line: 70 });
  });

  test('the etc-hosts block, with `#` comments on: its real `# Kubernetes-managed hosts file.` line pairs with the output', () => {
    const run = runAll().find((r) => r.name === 'etc-hosts')!;
    expect(run.verdict.ok).toBe(true);
    expect(run.verdict.ops).toEqual([{ op: 'same', e0: 0, e1: 8, a0: 0, a1: 8 }]);
  });

  test('later commands run with the bound values', () => {
    const runs = runAll();
    const cmd = (name: string) => runs.find((r) => r.name === name)!.command;
    expect(cmd('ipt-svc-ip')).toBe('sudo iptables-save | grep  10.45.7.19');
    expect(cmd('ipt-svc-chain')).toBe('sudo iptables-save | grep  KUBE-SVC-QH4T6WZXA2LBNJ7C');
    expect(cmd('ipt-ext-chain')).toBe('sudo iptables -t nat -L KUBE-EXT-D7GQPXVU5N2KCH3Z -v');
    expect(cmd('ctr-info')).toBe('sudo ctr c info 9b1e64c3a07f2d58e4b6a1c90f3d7e25b8a64c1f0e92d37a5c6b48f1e0d2a937');
    expect(cmd('etc-hosts')).toBe('sudo cat  /var/lib/kubelet/pods/9e3b7c21-4f0a-4d6e-8b15-2a7c9d0e4f63/etc-hosts');
    expect(cmd('describe-coredns')).toBe('kubectl describe pod -n kube-system coredns-76f75df574-b2kxn | grep containerd');
  });

  test('after kubectl get svc, grepping iptables-save for the document IP uses the actual IP', () => {
    const table = new BindingTable();
    runAll((n) => clusterB(n), table);
    expect(table.substitute('sudo iptables-save | grep 10.43.180.238')).toEqual({
      command: 'sudo iptables-save | grep 10.45.7.19',
      substitutions: [{ from: '10.43.180.238', to: '10.45.7.19', className: 'ipv4' }],
    });
  });
});

// Cluster B with one block's output edited.
function drifted(block: string, edit: (text: string) => string): StepRun[] {
  return runAll((name) => (name === block ? edit(clusterB(name)) : clusterB(name)));
}

describe('drift in the second cluster is caught, naming the line', () => {
  test('one binding inconsistent: the service IP is another address in one rule', () => {
    const runs = drifted('ipt-svc-chain', (t) => t.replace('-A KUBE-SVC-QH4T6WZXA2LBNJ7C ! -s 10.44.0.0/16 -d 10.45.7.19/32', '-A KUBE-SVC-QH4T6WZXA2LBNJ7C ! -s 10.44.0.0/16 -d 10.45.7.20/32'));
    const [f] = failures(runs);
    expect(failures(runs)).toHaveLength(1);
    expect(f!.name).toBe('ipt-svc-chain');
    expect(f!.verdict.problems).toEqual(['networking.md:343: ipv4 10.43.180.238 was 10.45.7.19 at networking.md:70, here it is 10.45.7.20']);
    expect(f!.diff[0]).toBe('@@ networking.md:341 @@');
    expect(f!.diff.filter((l) => l.startsWith('-'))).toEqual([expect.stringContaining('-A KUBE-SVC-V2OKYYMBY3REGZOG ! -s 10.42.0.0/16 -d 10.43.180.238/32')]);
    expect(f!.diff.filter((l) => l.startsWith('+'))).toEqual([expect.stringContaining('10.45.7.20/32')]);
  });

  test('a fourth endpoint chain', () => {
    const extra = '-A KUBE-SVC-QH4T6WZXA2LBNJ7C -m comment --comment "default/nginx-service -> 10.44.3.4:80" -j KUBE-SEP-R5TQW2XKZ7MNB4CD';
    const runs = drifted('ipt-svc-chain', (t) => `${t}${extra}\n`);
    expect(failures(runs).map((r) => r.name)).toEqual(['ipt-svc-chain']);
    expect(failures(runs)[0]!.diff).toEqual([
      '@@ networking.md:344 @@',
      expect.stringContaining(' -A KUBE-SVC-V2OKYYMBY3REGZOG -m comment --comment "default/nginx-service -> 10.42.0.8:80"'),
      expect.stringContaining(' -A KUBE-SVC-V2OKYYMBY3REGZOG -m comment --comment "default/nginx-service -> 10.42.1.2:80"'),
      expect.stringContaining(' -A KUBE-SVC-V2OKYYMBY3REGZOG -m comment --comment "default/nginx-service -> 10.42.2.2:80"'),
      `+${extra}`,
    ]);
  });

  test('an IPv4 address where a MAC was', () => {
    const runs = drifted('arp', () => '? (10.44.0.17) at 10.44.0.1 [ether] on cni0\n');
    expect(failures(runs).map((r) => r.name)).toEqual(['arp']);
    expect(failures(runs)[0]!.diff).toEqual(['@@ networking.md:320 @@', '-? (10.42.0.8) at 16:9b:6c:12:bd:34 [ether] on cni0', '+? (10.44.0.17) at 10.44.0.1 [ether] on cni0']);
  });

  test('a pod of another deployment', () => {
    const runs = drifted('pods', (t) => t.replace('nginx-deployment-5d8f9b6c4-qz9wm', 'redis-7f9c8d6b5-k2lmn           '));
    expect(failures(runs).map((r) => r.name)).toEqual(['pods']);
    const diff = failures(runs)[0]!.diff;
    expect(diff[0]).toBe('@@ networking.md:72 @@');
    expect(diff.filter((l) => /^[-+]/.test(l))).toEqual([expect.stringMatching(/^-nginx-deployment-7c79c4bf97-4fdl4 /), expect.stringMatching(/^\+redis-7f9c8d6b5-k2lmn /)]);
  });

  test('a probability changed from 0.33333333349 to 0.5', () => {
    const runs = drifted('ipt-sep-1', (t) => t.replace('--probability 0.33333333349', '--probability 0.5'));
    expect(failures(runs).map((r) => r.name)).toEqual(['ipt-sep-1']);
    const diff = failures(runs)[0]!.diff;
    expect(diff[0]).toBe('@@ networking.md:348 @@');
    expect(diff.filter((l) => /^[-+]/.test(l))).toEqual([expect.stringContaining('--probability 0.33333333349'), expect.stringContaining('--probability 0.5 ')]);
  });

  test('a missing KUBE-MARK-MASQ line', () => {
    const runs = drifted('ipt-sep-2', (t) => t.split('\n').filter((l) => !l.includes('KUBE-MARK-MASQ')).join('\n'));
    expect(failures(runs).map((r) => r.name)).toEqual(['ipt-sep-2']);
    const diff = failures(runs)[0]!.diff;
    expect(diff[0]).toBe('@@ networking.md:353 @@');
    expect(diff.filter((l) => /^[-+]/.test(l))).toEqual(['--A KUBE-SEP-3Y75O4B4KDVD7TMA -s 10.42.1.2/32 -m comment --comment "default/nginx-service" -j KUBE-MARK-MASQ']);
  });

  test('a failed step records none of its bindings; the next step binds afresh', () => {
    const table = new BindingTable();
    const runs = runAll((name) => (name === 'svc' ? clusterB('svc').replace('SELECTOR', 'SELECTORS') : clusterB(name)), table);
    expect(runs[0]!.verdict.ok).toBe(false);
    expect(runs[0]!.verdict.newBindings.map((b) => b.expected)).toContain('10.43.180.238');
    // Not recorded by the failed step: the first binding of the service IP comes from the tcpdump block.
    expect(table.entries().find((b) => b.expected === '10.43.180.238')!.origin).toEqual({ file: 'networking.md', line: 154 });
  });
});
