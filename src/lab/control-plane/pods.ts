// Pods that `kubectl run` adds to the lab, and `kubectl delete pod` (or
// `--rm`, or `lab down`) removes: a network namespace `rbl-NAME` wired like
// the lab's own pods (a veth on its node's cni0, an address from the node's
// pod CIDR, flannel's routes, kubelet's hosts file and the cluster
// resolv.conf), recorded in the control plane's state.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ipBatch } from '../exec.js';
import { NETNS_ETC, podEtcFiles, writeNetnsEtc } from '../hosts-files.js';
import { podBatch, podVethLines } from '../link-plan.js';
import { applySysctls } from '../sysctls.js';
import { pidsIn } from '../namespaces.js';
import { LAB_PREFIX, labTopology, stableMac, vethName } from '../topology.js';
import type { Lab, LabPod } from '../types.js';
import { LAB_LOG_DIR, LAB_RUN_DIR, type LabState, type RunPod, readState, writeState } from './state.js';

const LOCK = join(LAB_RUN_DIR, 'state.lock');

/** Runs `fn` on the current state with the state lock held (mkdir is atomic); writes what it returns. */
export async function updateState<T>(fn: (state: LabState) => Promise<{ state: LabState; result: T }>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (i > 200) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    const state = readState();
    if (!state) throw new Error('the lab is down');
    const { state: next, result } = await fn(state);
    writeState(next);
    return result;
  } finally {
    rmdirSync(LOCK);
  }
}

/** The node a new pod goes to: the one with the fewest pods (the first of them on a tie). */
export function scheduleNode(lab: Lab, state: LabState): string {
  const count = (node: string) => lab.pods.filter((p) => p.node === node).length + state.pods.filter((p) => p.node === node).length;
  return lab.nodes.reduce((best, n) => (count(n.name) < count(best.name) ? n : best)).name;
}

/** The next address of the node's pod CIDR, as host-local IPAM hands them out: after the last one given. */
export function allocateIp(lab: Lab, state: LabState, node: string): string {
  const n = lab.nodes.find((x) => x.name === node)!;
  const base = n.gateway.split('.').slice(0, 3).join('.');
  const used = new Set([...lab.pods, ...state.pods].filter((p) => p.node === node).map((p) => Number(p.ip.split('.')[3])));
  const last = Math.max(1, ...used);
  for (let k = 1; k <= 253; k++) {
    const host = ((last - 2 + k) % 253) + 2;
    if (!used.has(host)) return `${base}.${host}`;
  }
  throw new Error(`no free address left in ${n.podCidr}`);
}

function asLabPod(r: RunPod): LabPod {
  return { name: r.name, ns: `${LAB_PREFIX}${r.name}`, node: r.node, ip: r.ip, serves: null, port: null, veth: r.veth, vethMac: r.vethMac, mac: r.mac };
}

export interface NewPod {
  name: string;
  namespace: string;
  image: string;
  command: string[];
  labels: Record<string, string>;
  restart: RunPod['restart'];
}

/** Builds the pod's namespace and wiring and records it; returns the record. */
export async function createRunPod(spec: NewPod): Promise<RunPod> {
  return updateState(async (state) => {
    const lab = labTopology(state.variant);
    const node = scheduleNode(lab, state);
    const created = `${new Date().toISOString().slice(0, 19)}Z`;
    const seed = `${state.variant}/run/${spec.name}/${created}`;
    const pod: RunPod = {
      ...spec,
      node,
      ip: allocateIp(lab, state, node),
      created,
      veth: vethName(seed),
      vethMac: stableMac(`${seed}/veth`),
      mac: stableMac(`${seed}/eth0`),
    };
    const lp = asLabPod(pod);
    const nodeNs = lab.nodes.find((n) => n.name === node)!.ns;
    try {
      await ipBatch(null, [`netns add ${lp.ns}`]);
      await applySysctls(lp.ns, 'pod');
      await ipBatch(nodeNs, podVethLines(lp));
      const batch = podBatch(lab, lp);
      await ipBatch(batch.ns, batch.lines);
      await writeNetnsEtc(lp.ns, podEtcFiles(lp));
    } catch (e) {
      await removeNamespace(lp.ns);
      throw e;
    }
    return { state: { ...state, pods: [...state.pods, pod] }, result: pod };
  });
}

/** Records the pid of the pod's process (the attached or detached command). */
export async function setRunPodPid(name: string, pid: number | undefined): Promise<void> {
  await updateState(async (state) => ({
    state: { ...state, pods: state.pods.map((p) => (p.name === name ? { ...p, ...(pid ? { pid } : {}) } : p)) },
    result: undefined,
  }));
}

export const logFile = (pod: string) => join(LAB_LOG_DIR, `${pod}.log`);
export const exitFile = (pod: string) => join(LAB_LOG_DIR, `${pod}.exit`);

/** Starts the pod's command detached (it outlives the CLI; `lab down` or `kubectl delete` ends it), output to its log. */
export function startDetached(pod: RunPod): number | undefined {
  mkdirSync(LAB_LOG_DIR, { recursive: true });
  const log = openSync(logFile(pod.name), 'a');
  const script = '"$@"; echo $? > "$RBL_EXIT_FILE"';
  const child = spawn('ip', ['netns', 'exec', `${LAB_PREFIX}${pod.name}`, 'sh', '-c', script, 'sh', ...pod.command], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, RBL_EXIT_FILE: exitFile(pod.name) },
  });
  child.unref();
  return child.pid;
}

// Every process in the namespace ends (TERM, then KILL), then the namespace and its /etc/netns files go.
async function removeNamespace(ns: string): Promise<void> {
  const pids = async () => (await pidsIn(ns).catch(() => [] as number[])).filter((p) => p !== process.pid);
  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    for (const pid of await pids()) {
      try {
        process.kill(pid, sig);
      } catch {
        // gone
      }
    }
    for (let i = 0; i < 40 && (await pids()).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
  }
  await ipBatch(null, [`netns del ${ns}`]).catch(() => undefined);
  rmSync(join(NETNS_ETC, ns), { recursive: true, force: true });
}

/** Removes a pod `kubectl run` made: its processes, namespace, files and record. */
export async function deleteRunPod(name: string): Promise<void> {
  await updateState(async (state) => {
    await removeNamespace(`${LAB_PREFIX}${name}`);
    rmSync(logFile(name), { force: true });
    rmSync(exitFile(name), { force: true });
    return { state: { ...state, pods: state.pods.filter((p) => p.name !== name) }, result: undefined };
  });
}

/** The log a pod's processes wrote ('' when none). */
export function readLog(pod: string): string {
  try {
    return readFileSync(logFile(pod), 'utf8');
  } catch {
    return '';
  }
}
