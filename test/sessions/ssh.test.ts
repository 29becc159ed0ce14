// The session contract over real ssh to a throwaway sshd on 127.0.0.1, and
// what a user sees when the ssh target cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { startSshd, type Sshd } from '../support/sshd.js';
import { createSessionPool } from '../../src/sessions/pool.js';
import { sessionContract } from './contract.js';
import { pidsUnder, pidsWithArgs } from './lab.js';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

sessionContract('ssh', () => ({
  targets: { box: sshd.spec },
  target: 'box',
  where: { command: 'echo "$SSH_CONNECTION"', expect: new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${sshd.port}\\n$`) },
  processes: (args) => pidsUnder(sshd.pid, args),
}));

// A loopback port with nothing listening on it.
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('ssh target that cannot be reached', () => {
  it("fails its steps with ssh's own words, every time, and leaves no ssh behind", async () => {
    const port = await closedPort();
    const pool = createSessionPool({ gone: { ...sshd.spec, port } });
    try {
      const first = await pool.session('gone').run('echo hi', { timeoutMs: 20_000 });
      expect(first).toMatchObject({ exitCode: null, output: '' });
      expect(first.error).toBe(`ssh: connect to host 127.0.0.1 port ${port}: Connection refused`);
      const second = await pool.session('gone').run('echo again', { timeoutMs: 20_000 });
      expect(second.error).toBe(first.error);
    } finally {
      await pool.closeAll();
    }
    expect(sshClients(port)).toEqual([]);
  });
});

describe('ssh connection that drops', () => {
  it('fails the running command with an error, and the next command gets a fresh session', async () => {
    const pool = createSessionPool({ box: sshd.spec });
    try {
      const s = pool.session('box');
      await s.run('export RBS_OLD=1', { timeoutMs: 20_000 });
      const running = s.run('echo started; sleep 100.303', { timeoutMs: 60_000 });
      await until(() => pidsUnder(sshd.pid, 'sleep 100.303').length > 0);
      // The per-connection sshd processes (children of the listener): killing them drops the connection.
      for (const pid of childrenOf(sshd.pid)) process.kill(Number(pid), 'SIGKILL');
      const r = await running;
      expect(r).toMatchObject({ exitCode: null, output: 'started\n' });
      expect(r.error).toMatch(/^the shell on target "box" ended during the command \(exit status 255\)/);
      expect((await s.run('echo "new:${RBS_OLD-unset}"', { timeoutMs: 20_000 })).output).toBe('new:unset\n');
    } finally {
      await pool.closeAll();
      for (const pid of pidsWithArgs('sleep 100.303')) process.kill(Number(pid), 'SIGKILL');
    }
  });
});

// ssh client processes talking to `port` (none must outlive a pool).
function sshClients(port: number): string[] {
  return execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('ssh') && l.includes(` ${port} `));
}

// Direct children of a process.
function childrenOf(pid: number): string[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, pp]) => pp === String(pid))
    .map(([p]) => p!);
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

describe('ssh connection reuse', () => {
  it('closeAll ends the shells and the control master', async () => {
    const pool = createSessionPool({ box: sshd.spec, box2: sshd.spec });
    const a = await pool.session('box').run('echo a', { timeoutMs: 20_000 });
    const b = await pool.session('box2').run('echo b', { timeoutMs: 20_000 });
    expect([a.output, b.output]).toEqual(['a\n', 'b\n']);
    expect(pidsUnder(sshd.pid, 'bash --noprofile --norc').length).toBe(2);
    await pool.closeAll();
    expect(sshClients(sshd.port)).toEqual([]);
  });
});
