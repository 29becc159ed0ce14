// A throwaway sshd on a free loopback port for the benchmark (the tests use
// test/support/sshd.ts, which does the same with more options).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () => new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});
const listening = (port) => new Promise((r) => { const s = connect(port, '127.0.0.1', () => (s.destroy(), r(true))); s.once('error', () => r(false)); });

// Starts sshd -D on 127.0.0.1 with generated keys; returns its target spec and stop().
export async function startSshd() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rbs-bench-sshd-'));
  for (const k of ['host_key', 'client_key']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k)]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  writeFileSync(join(dir, 'sshd_config'), [
    'ListenAddress 127.0.0.1', `Port ${port}`, `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'UsePAM no', 'PermitRootLogin yes', 'StrictModes no',
    'MaxSessions 200', 'MaxStartups 200', 'LogLevel ERROR', '',
  ].join('\n'));
  mkdirSync('/run/sshd', { recursive: true });
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'log')], { stdio: 'ignore' });
  while (!(await listening(port))) await new Promise((r) => setTimeout(r, 50));
  const identity = join(dir, 'client_key');
  return {
    dir, port, identity,
    spec: { ssh: 'root@127.0.0.1', port, identity },
    stop: async () => {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
