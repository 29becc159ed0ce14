// Tears the lab down from any state: kills every process in an `rbl-`
// namespace, deletes the namespaces (their links, bridges, routes and iptables
// go with them), the /etc/netns/rbl-* hosts files and the control plane's
// /run/runbook-lab (its state and stand-ins). Nothing was ever created
// in the root namespace, so nothing there needs undoing.
import { readFileSync } from 'node:fs';
import { removeRunDir } from './control-plane/state.js';
import { ipBatch } from './exec.js';
import { removeHostsFiles } from './hosts-files.js';
import { LabError } from './lab-error.js';
import { listLabNamespaces, pidsIn } from './namespaces.js';

const KILL_GRACE_MS = 2_000;

// A zombie counts as gone: it has left its namespace, and an init that does not reap would keep it forever.
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

// SIGTERM and SIGHUP (an interactive shell ignores SIGTERM), then SIGKILL what is still there.
async function stopProcesses(pids: number[]): Promise<void> {
  signal(pids, 'SIGTERM');
  signal(pids, 'SIGHUP');
  const deadline = Date.now() + KILL_GRACE_MS;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const left = pids.filter(alive);
  signal(left, 'SIGKILL');
  const hardDeadline = Date.now() + KILL_GRACE_MS;
  while (left.some(alive) && Date.now() < hardDeadline) await new Promise((r) => setTimeout(r, 10));
}

// Removes every `rbl-` namespace and what runs in it; safe to call when nothing is up.
export async function labDown(): Promise<void> {
  const names = await listLabNamespaces();
  const pids = (await Promise.all(names.map(pidsIn))).flat();
  await stopProcesses(pids);
  if (names.length > 0) await ipBatch(null, names.map((n) => `netns del ${n}`));
  await removeHostsFiles();
  removeRunDir();
  const left = await listLabNamespaces();
  if (left.length > 0) {
    throw new LabError(`namespaces still present after down: ${left.join(', ')}`, 'ip netns', 'remove them with `ip netns del NAME`');
  }
}
