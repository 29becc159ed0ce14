// A throwaway OpenSSH server for tests (and anyone else's tests): host and
// client keys generated in a temp dir, listening on a free loopback port (or
// on an address inside a network namespace), stopped by stop().
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sshd {
  host: string;
  port: number;
  user: string;
  /** Private key that the server accepts. */
  identity: string;
  /** A target spec for this server: `{ ssh: 'root@127.0.0.1', port, identity }`. */
  spec: { ssh: string; port: number; identity: string };
  /** The sshd's own PID (its children are the sessions). */
  pid: number;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Port; default a free loopback port (pass one when listening inside a namespace). */
  port?: number;
  /** Run sshd inside this network namespace (`ip netns exec NS sshd …`). */
  netns?: string;
}

// Asks the kernel for a free loopback port.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// Resolves once something accepts connections on host:port (sshd has bound).
async function waitForListen(host: string, port: number, netns: string | undefined, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = netns
      ? (() => { try { execFileSync('ip', ['netns', 'exec', netns, 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`], { stdio: 'ignore' }); return true; } catch { return false; } })()
      : await new Promise<boolean>((r) => { const s = connect(port, host, () => (s.destroy(), r(true))); s.once('error', () => r(false)); });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${host}:${port}; its log says:\n${readFileSync(log, 'utf8')}`);
}

// Starts sshd -D with a generated config; resolves once it accepts connections.
export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'rbs-sshd-'));
  const key = (name: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runbook-test', '-f', join(dir, name)]);
  key('host_key');
  key('client_key');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const log = join(dir, 'sshd.log');
  writeFileSync(join(dir, 'sshd_config'), [
    `ListenAddress ${host}`, `Port ${port}`, `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'UsePAM no', 'PermitRootLogin yes', 'StrictModes no',
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'MaxSessions 200', 'MaxStartups 200',
    'LogLevel ERROR', '',
  ].join('\n'));
  mkdirSync('/run/sshd', { recursive: true });
  const argv = ['/usr/sbin/sshd', '-D', '-f', join(dir, 'sshd_config'), '-E', log];
  const full = options.netns ? ['ip', 'netns', 'exec', options.netns, ...argv] : argv;
  const child: ChildProcess = spawn(full[0]!, full.slice(1), { stdio: 'ignore' });
  try {
    await waitForListen(host, port, options.netns, log);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const identity = join(dir, 'client_key');
  return {
    host, port, user: 'root', identity, pid: child.pid!,
    spec: { ssh: `root@${host}`, port, identity },
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
