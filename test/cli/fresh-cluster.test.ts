// A document recorded on one cluster, run against another: the cheat sheet's
// `kubectl get pods -o wide` block against a fresh listing (other names, other
// IPs, rows permuted) passes, its bindings flow into later commands, and a
// drifted table is reported by row and column and rewritten in the document's order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

const header = 'NAME                                READY   STATUS    RESTARTS   AGE     IP          NODE   NOMINATED NODE   READINESS GATES';
const rows = [
  'nginx-deployment-7c79c4bf97-gk7cj   1/1     Running   0          22h     10.42.0.8   vm1    <none>           <none>',
  'nginx-deployment-7c79c4bf97-4fdl4   1/1     Running   0          22h     10.42.2.2   vm3    <none>           <none>',
  'nginx-deployment-7c79c4bf97-5j5bv   1/1     Running   0          22h     10.42.1.2   vm2    <none>           <none>',
];
const freshListing = [
  'NAME                               READY   STATUS    RESTARTS   AGE   IP            NODE   NOMINATED NODE   READINESS GATES',
  'nginx-deployment-6d9f8b7c5-2xk8q   1/1     Running   0          3m    10.42.1.17    vm2    <none>           <none>',
  'nginx-deployment-6d9f8b7c5-8wz4n   1/1     Running   0          3m    10.42.0.23    vm1    <none>           <none>',
  'nginx-deployment-6d9f8b7c5-tq9lm   1/1     Running   0          3m    10.42.2.31    vm3    <none>           <none>',
].join('\n');

// `kubectl` here is a function printing the fresh cluster's listing (a stand-in for the API server).
function doc(listing: string): string {
  return [
    '```console',
    `$ kubectl() { cat <<'EOF'`,
    ...listing.split('\n').map((l) => `> ${l}`),
    '> EOF',
    '> }',
    '$ kubectl get pods -o wide',
    header,
    ...rows,
    '$ echo "vm1 pod is at 10.42.0.8"',
    'vm1 pod is at 10.42.0.8',
    '```',
    '',
  ].join('\n');
}

describe('a fresh cluster', () => {
  it('permuted rows pass, and the vm1 pod\'s fresh IP flows into the next command', async () => {
    const d = scratch();
    writeFileSync(join(d, 'rb.md'), doc(freshListing));
    const r = await runbook(['run', '-v', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.stdout).toMatch(/^3 passed, 0 failed, 0 skipped$/m);
    expect(r.stdout).toContain('substituted 10.42.0.8 → 10.42.0.23 (ipv4)');
  });

  it('a drifted row is reported by row and column; update writes the rows in the document\'s order and converges', async () => {
    const d = scratch();
    const listing = freshListing.replace('tq9lm   1/1     Running', 'tq9lm   0/1     Pending');
    writeFileSync(join(d, 'rb.md'), doc(listing));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('row nginx-deployment-7c79c4bf97-4fdl4: READY: expected 1/1, got 0/1; STATUS: expected Running, got Pending');
    const u = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(u.exitCode).toBe(1);
    const written = readFileSync(join(d, 'rb.md'), 'utf8');
    const table = written.split('\n').filter((l) => l.startsWith('nginx-deployment'));
    // Rows stay in the document's order (vm1, vm3, vm2); the changed one replaced its own row.
    expect(table.map((l) => l.split(/\s+/)[6])).toEqual(['vm1', 'vm3', 'vm2']);
    expect(table[1]).toBe('nginx-deployment-6d9f8b7c5-tq9lm   0/1     Pending   0          3m    10.42.2.31    vm3    <none>           <none>');
    expect(written).not.toContain('7c79c4bf97');
    const again = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(again.exitCode).toBe(0);
  });
});

describe('values used before they are shown', () => {
  it('plan and run warn at the command, naming the value and the later output that shows it', async () => {
    const d = scratch();
    writeFileSync(join(d, 'rb.md'), [
      '```console',
      '$ echo "rule for 10.43.143.108" | grep 10.43.143.108',
      'rule for 10.43.143.108',
      '$ echo "svc 10.43.143.108"',
      'svc 10.43.143.108',
      '$ ping -c1 -W1 127.0.0.1 >/dev/null; echo done',
      'done',
      '```',
      '',
    ].join('\n'));
    for (const cmd of ['plan', 'run']) {
      const r = await runbook([cmd, 'rb.md'], { cwd: d });
      expect(r.stderr).toContain('runbook: warning: rb.md:2: ipv4 10.43.143.108 is used before any output shows it');
      // The command's own output does not count: it ran with the document's value.
      expect(r.stderr).toContain('the output at rb.md:3 shows it later');
      // Literal addresses (loopback) are never volatile, so never warned about.
      expect(r.stderr).not.toContain('127.0.0.1');
      expect(r.stderr.match(/warning/g)).toHaveLength(1);
    }
  });
});

describe('update converges', () => {
  it('a command is written with the values it ran with: a value used before it was shown keeps the document\'s text', async () => {
    const d = scratch();
    // On this "cluster" the service got 10.43.9.9; the document greps for its old IP before showing it.
    const doc = [
      '```console',
      "$ printf 'rule 10.43.9.9\\n' | grep 10.43.143.108",
      'rule 10.43.143.108',
      '$ echo "svc 10.43.9.9"',
      'svc 10.43.143.108',
      '$ echo "again 10.43.143.108"',
      'again 10.43.143.108',
      '```',
      '',
      'The service is 10.43.143.108.',
      '',
    ].join('\n');
    writeFileSync(join(d, 'rb.md'), doc);
    const u = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(u.exitCode).toBe(1);
    const written = readFileSync(join(d, 'rb.md'), 'utf8');
    // The first command ran with the document's value (nothing had bound it yet): written as it ran.
    expect(written).toContain("$ printf 'rule 10.43.9.9\\n' | grep 10.43.143.108\n[1]\n");
    // Later commands ran with the fresh value substituted; prose follows the fresh value.
    expect(written).toContain('$ echo "again 10.43.9.9"\nagain 10.43.9.9\n');
    expect(written).toContain('The service is 10.43.9.9.');
    const again = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(again.stdout).toMatch(/^3 passed, 0 failed, 0 skipped$/m);
    expect(again.exitCode).toBe(0);
  });
});

describe('what update cannot make pass', () => {
  it('is named after the write, at its line, and the exit is 1', async () => {
    const d = scratch();
    // The author asserted exit=0 in an annotation: update rewrites output, never the author's assertion.
    writeFileSync(join(d, 'rb.md'), '<!-- runbook: exit=0 -->\n```console\n$ echo out; false\nold\n$ echo fine\nfine\n```\n');
    const u = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: d });
    expect(u.exitCode).toBe(1);
    expect(u.stderr).toContain('runbook: after update, rb.md:3: exit status 1, expected 0');
    expect(u.stderr).not.toContain('rb.md:5');
    expect(readFileSync(join(d, 'rb.md'), 'utf8')).toContain('$ echo out; false\nout\n');
  });
});
