// The network namespaces the session tests run in: three "machines" joined by
// veth links, with private addresses that exist only inside them.
//
//   rbs-vm1 (v0 10.231.0.1/24, v1 10.231.1.1/24)
//   rbs-vm2 (v0 10.231.0.2/24)            — linked to vm1's v0
//   rbs-pod1 (v0 10.231.1.2/24)           — linked to vm1's v1
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const LAB = ['rbs-vm1', 'rbs-vm2', 'rbs-pod1'] as const;

/** The PATH that puts the multipass and kubectl stand-ins first. */
export const SHIM_PATH = `${fileURLToPath(new URL('../shims', import.meta.url))}:${process.env.PATH}`;

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

// Removes the lab's namespaces (and so their veths); safe to call when they are absent.
export function deleteLab(): void {
  for (const ns of LAB) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // not there
    }
  }
}

// Creates the namespaces and links; removes any leftovers from an earlier crashed run first.
export function createLab(): void {
  deleteLab();
  try {
    for (const ns of LAB) {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', 'rbs-vm1', 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v0', 'netns', 'rbs-vm2');
    ip('-n', 'rbs-vm1', 'link', 'add', 'v1', 'type', 'veth', 'peer', 'name', 'v0', 'netns', 'rbs-pod1');
    const addr = (ns: string, dev: string, a: string) => {
      ip('-n', ns, 'addr', 'add', a, 'dev', dev);
      ip('-n', ns, 'link', 'set', dev, 'up');
    };
    addr('rbs-vm1', 'v0', '10.231.0.1/24');
    addr('rbs-vm1', 'v1', '10.231.1.1/24');
    addr('rbs-vm2', 'v0', '10.231.0.2/24');
    addr('rbs-pod1', 'v0', '10.231.1.2/24');
  } catch (e) {
    deleteLab();
    throw e;
  }
}

/** PIDs in a namespace whose command line is exactly `args`. */
export function pidsInNetns(ns: string, args: string): string[] {
  const inNs = new Set(execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).split('\n').filter(Boolean));
  return pidsWithArgs(args).filter((p) => inNs.has(p));
}

/** PIDs anywhere on this machine whose command line is exactly `args`. */
export function pidsWithArgs(args: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+(.*)/))
    .filter(([, a]) => a === args)
    .map(([p]) => p!);
}

/** PIDs of `args` processes that descend from process `root` (e.g. under sshd). */
export function pidsUnder(root: number, args: string): string[] {
  const parent = new Map<string, string>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/);
    if (pid && ppid) parent.set(pid, ppid);
  }
  const under = (p: string): boolean => {
    for (let q = parent.get(p); q; q = parent.get(q)) if (q === String(root)) return true;
    return false;
  };
  return pidsWithArgs(args).filter(under);
}
