// What the simulated control plane remembers between two commands, in
// /run/runbook-lab (a tmpfs: gone at reboot, as the lab's namespaces are):
// which variant `lab up` built and when (every object's creationTimestamp),
// which CLI the stand-ins call, the pods `kubectl run` added since, and
// which of the cheat sheet's workloads the story has deployed so far.
// `lab up` writes it, `lab down` removes the folder, the stand-ins read it.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Variant } from '../types.js';

/** Everything the control plane keeps: state file, stand-in bin folder, pod logs. */
export const LAB_RUN_DIR = '/run/runbook-lab';
/** Where `lab up` installs the stand-ins (`multipass`, `kubectl`, `sudo`); first on PATH under `runbook run --lab`. */
export const LAB_BIN_DIR = join(LAB_RUN_DIR, 'bin');
/** One file per pod: what its processes write (`kubectl logs`). */
export const LAB_LOG_DIR = join(LAB_RUN_DIR, 'logs');
const STATE_FILE = join(LAB_RUN_DIR, 'state.json');

/** A pod that `kubectl run` created: a namespace of its own, wired like the lab's pods. */
export interface RunPod {
  name: string;
  namespace: string;
  node: string;
  ip: string;
  image: string;
  /** What it runs (`--command -- sleep infinity`); empty: nothing, like test-pod. */
  command: string[];
  labels: Record<string, string>;
  /** `--restart`: Always (kubectl's default), OnFailure or Never. The lab restarts nothing. */
  restart: 'Always' | 'OnFailure' | 'Never';
  created: string;
  veth: string;
  vethMac: string;
  mac: string;
  /** PID of its process (the `ip netns exec` that runs the command), if it runs one detached. */
  pid?: number;
}

/** The cheat sheet's workloads, which its story deploys as it goes (story.ts). */
export type WorkloadId = 'test-pod' | 'nginx' | 'nginx-np';

export interface LabState {
  format: 1;
  variant: Variant;
  /** When `lab up` finished: the creationTimestamp of the lab's objects (ISO 8601, seconds). */
  created: string;
  /** The node binary and CLI module the stand-ins run (`node CLI lab kubectl …`). */
  node: string;
  cli: string;
  pods: RunPod[];
  /**
   * Where the story is (story.ts): per workload, null while a step of this run has yet to deploy it,
   * or when a step deployed it; absent: deployed since `lab up`.
   */
  story?: Partial<Record<WorkloadId, string | null>>;
}

/** The state `lab up` left, or null when the lab is down (or was built without a control plane). */
export function readState(): LabState | null {
  try {
    const s = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as LabState;
    return s.format === 1 ? s : null;
  } catch {
    return null;
  }
}

/** Replaces the state file whole (write + rename), so a reader never sees half of it. */
export function writeState(state: LabState): void {
  mkdirSync(LAB_RUN_DIR, { recursive: true });
  const tmp = `${STATE_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, STATE_FILE);
}

/** Removes the state, the stand-ins and the logs (what `lab down` undoes); safe when absent. */
export function removeRunDir(): void {
  rmSync(LAB_RUN_DIR, { recursive: true, force: true });
}

/** ISO 8601 to the second, as Kubernetes writes timestamps: `2024-06-11T01:57:04Z`. */
export function k8sTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
