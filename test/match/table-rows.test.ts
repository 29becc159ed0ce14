// Tables compare as a header plus a set of rows (PRODUCT §4): the cheat sheet's
// own `kubectl get pods -o wide` against fresh-cluster listings (other names,
// other IPs, rows permuted, columns re-aligned).
import { describe, expect, test } from 'vitest';
import { BindingTable } from '../../src/match/binding-table.js';
import { isTableHeader } from '../../src/match/table-rows.js';
import { lines, match, opts } from './helpers.js';
import { matchOutput } from '../../src/match/match-output.js';

// As the cheat sheet prints it (its rows are not even sorted).
const cheatSheet = [
  'NAME                                READY   STATUS    RESTARTS   AGE     IP          NODE   NOMINATED NODE   READINESS GATES',
  'nginx-deployment-7c79c4bf97-gk7cj   1/1     Running   0          22h     10.42.0.8   vm1    <none>           <none>',
  'nginx-deployment-7c79c4bf97-4fdl4   1/1     Running   0          22h     10.42.2.2   vm3    <none>           <none>',
  'nginx-deployment-7c79c4bf97-5j5bv   1/1     Running   0          22h     10.42.1.2   vm2    <none>           <none>',
  'test-pod                            1/1     Running   0          4m35s   10.42.1.4   vm2    <none>           <none>',
].join('\n');

// A fresh cluster: other suffixes and IPs, kubectl's order follows the new names, columns re-aligned.
const fresh = [
  'NAME                               READY   STATUS    RESTARTS   AGE   IP            NODE   NOMINATED NODE   READINESS GATES',
  'nginx-deployment-6d9f8b7c5-2xk8q   1/1     Running   0          3m    10.42.1.17    vm2    <none>           <none>',
  'nginx-deployment-6d9f8b7c5-8wz4n   1/1     Running   0          3m    10.42.0.23    vm1    <none>           <none>',
  'nginx-deployment-6d9f8b7c5-tq9lm   1/1     Running   0          3m    10.42.2.31    vm3    <none>           <none>',
  'test-pod                           1/1     Running   0          40s   10.42.1.18    vm2    <none>           <none>',
].join('\n');

describe('table headers', () => {
  test('kubectl, docker and helm headers are tables; prose and iptables output are not', () => {
    expect(isTableHeader(cheatSheet.split('\n')[0]!)).toBe(true);
    expect(isTableHeader('CONTAINER ID   IMAGE     COMMAND                  CREATED       STATUS       PORTS     NAMES')).toBe(true);
    expect(isTableHeader('NAME    NAMESPACE  REVISION  UPDATED  STATUS    CHART  APP VERSION')).toBe(true);
    expect(isTableHeader('Chain KUBE-SERVICES (2 references)')).toBe(false);
    expect(isTableHeader('NAME')).toBe(false);
    expect(isTableHeader('PING 10.42.0.8 (10.42.0.8) 56(84) bytes of data.')).toBe(false);
  });
});

describe('rows as a set', () => {
  test('the cheat sheet listing matches a fresh cluster whose rows come back permuted', () => {
    const t = new BindingTable();
    const v = match(cheatSheet, fresh, {}, t);
    expect(v.ok).toBe(true);
    // Rows paired by their values: vm1's pod binds to the fresh vm1 pod, whatever line it is on.
    const bound = Object.fromEntries(t.entries().map((b) => [b.expected, b.actual]));
    expect(bound['10.42.0.8']).toBe('10.42.0.23');
    expect(bound['7c79c4bf97-gk7cj']).toBe('6d9f8b7c5-8wz4n');
    expect(bound['10.42.1.4']).toBe('10.42.1.18');
  });

  test('ordered keeps the row order: the same permuted listing drifts', () => {
    expect(match(cheatSheet, fresh, { ordered: true }).ok).toBe(false);
  });

  test('pairing respects earlier bindings: a pod IP already bound elsewhere picks its own row', () => {
    const t = new BindingTable();
    // An earlier step showed vm3's pod on 10.42.2.31.
    expect(matchOutput(lines('10.42.2.2'), '10.42.2.31\n', t, opts()).ok).toBe(true);
    expect(match(cheatSheet, fresh, {}, t).ok).toBe(true);
    expect(t.entries().find((b) => b.expected === '7c79c4bf97-4fdl4')?.actual).toBe('6d9f8b7c5-tq9lm');
  });

  test('output without a header keeps its order (iptables rules mean something in order)', () => {
    const rules = '-A KUBE-SVC-X -j KUBE-SEP-A\n-A KUBE-SVC-X -j KUBE-SEP-B';
    expect(match(rules, '-A KUBE-SVC-X -j KUBE-SEP-B\n-A KUBE-SVC-X -j KUBE-SEP-A').ok).toBe(false);
  });

  test('a drifted row is shown beside the row it replaced, and by column', () => {
    const broken = fresh.replace('tq9lm   1/1     Running', 'tq9lm   0/1     Pending');
    const v = match(cheatSheet, broken);
    expect(v.ok).toBe(false);
    // Shown in the document's row order: vm1, vm3 (changed), vm2, test-pod.
    expect(v.actualLines.slice(1).map((l) => l.split(/\s+/)[6])).toEqual(['vm1', 'vm3', 'vm2', 'vm2']);
    const changes = v.ops.filter((o) => o.op !== 'same');
    expect(changes).toEqual([{ op: 'removed', e0: 2, e1: 3 }, { op: 'added', a0: 2, a1: 3 }]);
    expect(v.problems).toContain('networking.md:12: row nginx-deployment-7c79c4bf97-4fdl4: READY: expected 1/1, got 0/1; STATUS: expected Running, got Pending');
  });

  test('a missing row and an extra row are drift', () => {
    const fewer = fresh.split('\n').slice(0, 4).join('\n');
    expect(match(cheatSheet, fewer).ok).toBe(false);
    const more = `${fresh}\nextra-pod                          1/1     Running   0          1s    10.42.0.99    vm1    <none>           <none>`;
    expect(match(cheatSheet, more).ok).toBe(false);
    expect(match(`${cheatSheet}\n[...]`, more).ok).toBe(true);
  });
});
