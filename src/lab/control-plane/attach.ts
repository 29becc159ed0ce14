// Running a command "attached", as `kubectl exec` and `multipass exec` do:
// the child gets this process's stdout and stderr directly (and its stdin
// only when asked, like `kubectl exec -i`), and its exit status comes back
// as the stand-in's own. Ctrl-C reaches the child from the terminal's process
// group (and runbook's interrupt signals every descendant of the session
// shell), so the stand-in itself ignores SIGINT instead of dying before its
// child; SIGTERM and SIGHUP it passes on.
import { spawn } from 'node:child_process';
import { accessSync, constants as fs, statSync } from 'node:fs';
import { constants } from 'node:os';

export interface Attached {
  /** Exit status, or 128 + the signal's number when the child was killed by one. */
  code: number;
  pid: number | undefined;
}

/** Spawns `argv` attached; `onStart` sees its pid before it ends. */
export function runAttached(argv: string[], opts: { stdin: boolean; onStart?: (pid: number | undefined) => void }): Promise<Attached> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: [opts.stdin ? 'inherit' : 'ignore', 'inherit', 'inherit'] });
    const ignore = () => {};
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = (code: number) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
      resolve({ code, pid: child.pid });
    };
    child.once('spawn', () => opts.onStart?.(child.pid));
    child.once('error', (e) => {
      process.stderr.write(`${argv[0]}: ${e.message}\n`);
      done(127);
    });
    child.once('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}

/**
 * `command` run in a lab namespace under the host name a real VM or pod would have (a VM's
 * name, a pod's name, as kubelet sets it): a UTS namespace of its own, so `hostname`
 * answers `vm1` there and this machine's name stays as it is.
 */
export function inNamespace(netns: string, hostname: string, command: string[]): string[] {
  return ['unshare', '--uts', 'sh', '-c', 'hostname "$0" && ns=$1 && shift && exec ip netns exec "$ns" "$@"', hostname, netns, ...command];
}

/** Is `command` runnable: a path to an executable file, or a name found on PATH? */
export function findExecutable(command: string, path = process.env.PATH ?? ''): boolean {
  const ok = (p: string) => {
    try {
      accessSync(p, fs.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return ok(command);
  return path.split(':').some((dir) => ok(`${dir || '.'}/${command}`));
}
