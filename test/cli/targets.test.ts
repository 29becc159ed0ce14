// Issue 3 end to end: one runbook typed on the host, two "VMs" (a netns and a
// multipass stand-in), a host over real ssh, and a pod entered with
// `kubectl exec -it` from vm1 — each command runs where its prompt says.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type Sshd } from '../support/sshd.js';
import { cliPath, runbook } from '../support/cli.js';
import { createLab, deleteLab, pidsInNetns, pidsUnder, SHIM_PATH } from '../sessions/lab.js';

let sshd: Sshd;
const dir_marker = join(tmpdir(), 'runbook-targets-teardown-ran');
beforeAll(async () => {
  createLab();
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
  deleteLab();
});

function frontmatter(): string {
  return [
    '---',
    'runbook:',
    '  default: host',
    '  volatile: { ipv4: off }',
    '  targets:',
    '    host: local',
    '    vm1: { netns: rbs-vm1 }',
    '    vm2: { multipass: vm2 }',
    `    bastion: { ssh: ${sshd.spec.ssh}, port: ${sshd.port}, identity: ${sshd.identity} }`,
    '---',
  ].join('\n');
}

function write(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-targets-'));
  writeFileSync(join(dir, 'rb.md'), `${frontmatter()}\n${body}`);
  return dir;
}

const everywhere = `
# Where does each command run?

\`\`\`console
root@host:~# ip netns identify $$ | grep -c rbs || true
0
root@vm1:~# ip -br -4 addr show dev v0 | awk '{print $3}'
10.231.0.1/24
ubuntu@vm2:~$ ip -br -4 addr show dev v0 | awk '{print $3}'
10.231.0.2/24
root@bastion:~# echo "$SSH_CONNECTION" | awk '{print $3}'
127.0.0.1
root@vm1:~# kubectl exec -it pod1 -- bash
pod1:~# ip -br -4 addr show dev v0 | awk '{print $3}'
10.231.1.2/24
pod1:~# exit
root@vm1:~# cd /tmp && export WHERE=vm1
\`\`\`

State stays with its target:

\`\`\`console
ubuntu@vm2:~$ echo "\${WHERE:-unset}"
unset
root@vm1:~# echo "$WHERE $(pwd)"
vm1 /tmp
root@bastion:~# cd /var && export WHERE=bastion
root@bastion:~# echo "$WHERE $(pwd)"
bastion /var
root@vm1:~# echo "$WHERE"
vm1
\`\`\`
`;

describe('runbook run with several targets', () => {
  it('runs every command on the machine its prompt names, with per-target state', async () => {
    const dir = write(everywhere);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir, env: { PATH: SHIM_PATH } });
    expect(r.stdout).toMatch(/^11 passed, 0 failed, 0 skipped$/m);
    expect(r.stdout).toMatch(/^PASS rb\.md:\d+ \[pod1\] ip -br -4 addr/m);
    expect(r.exitCode).toBe(0);
  });

  it('plans each step with its transport, the pod via vm1', async () => {
    const dir = write(everywhere);
    const r = await runbook(['plan', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/pod1\s+kubectl pod1 via vm1/);
    expect(r.stdout).toMatch(/vm2\s+multipass vm2/);
    expect(r.stdout).toMatch(/bastion\s+ssh root@127\.0\.0\.1/);
  });

  it('exits 2 before running anything when prompts name unknown hosts, listing each', async () => {
    const dir = write('\n```console\nroot@host:~# touch ran\nroot@vm9:~# hostname\nx\nroot@db:~# hostname\ny\n```\n');
    const r = await runbook(['run', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rb\.md:14: unknown target 'vm9'/);
    expect(r.stderr).toMatch(/rb\.md:16: unknown target 'db'/);
    expect(r.stderr).toMatch(/runbook:\n\s+targets:/);
  });

  it('fails the steps of an unreachable target with ssh\'s own words and goes on', async () => {
    const dir = write('\n```console\nroot@down:~# echo hi\nhi\nroot@host:~# echo still here\nstill here\n```\n');
    const file = join(dir, 'rb.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n---\n', '\n    down: { ssh: root@127.0.0.1, port: 1 }\n---\n'));
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/ssh: connect to host 127\.0\.0\.1 port 1: Connection refused/);
    expect(r.stdout).toMatch(/^PASS rb\.md:\d+ \[host\] echo still here$/m);
  });
});

describe('Ctrl-C during a remote command', () => {
  for (const [target, where] of [['vm1', 'netns'], ['bastion', 'sshd']] as const) {
    it(`stops sleep 100 on ${target} (${where}), runs teardown and exits 130`, async () => {
      const dir = write(`\n\`\`\`console\nroot@${target}:~# sleep 100\n\`\`\`\n\n<!-- runbook: teardown -->\n\`\`\`console\nroot@host:~# touch ${dir_marker}\n\`\`\`\n`);
      const child = execa('node', [cliPath, 'run', '--reporter', 'plain', 'rb.md'], { cwd: dir, reject: false, env: { PATH: SHIM_PATH } });
      const running = () => (target === 'vm1' ? pidsInNetns('rbs-vm1', 'sleep 100') : pidsUnder(sshd.pid, 'sleep 100'));
      for (let i = 0; i < 200 && running().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(running().length).toBe(1);
      child.kill('SIGINT');
      const r = await child;
      expect(r.exitCode).toBe(130);
      expect(running()).toEqual([]);
      expect(r.stdout).toMatch(/^PASS rb\.md:\d+ \[host\] touch /m);
    });
  }
});
