// The story a cheat sheet tells: it deploys the lab's workloads as it goes —
// `kubectl run test-pod …`, `kubectl apply -f …/nginx-svc.yaml`, later
// `…/nginx-np-svc.yaml` — and a `kubectl get` typed before such a step shows
// the cluster without them. So under `run --lab`, a workload that a selected
// step deploys starts the run undeployed, and that step deploys it; one that
// no step deploys is there from the start. A block without a prompt that
// deploys (the author ran it by hand) moves the story too, before the step
// that follows it. What the story changes is what the
// control plane lists (get, describe, exec, logs): the lab's namespaces,
// routes and iptables rules exist from `lab up` on, since one machine cannot
// build them per command. `lab up` deploys everything.
import { accessSync, constants, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../../errors.js';
import type { IgnoredBlock, Runbook, Step } from '../../markdown/types.js';
import { simpleCommands } from '../../sessions/shell-words.js';
import { updateState } from './pods.js';
import { k8sTime, LAB_RUN_DIR, type LabState, readState, type WorkloadId } from './state.js';

export type { WorkloadId };

export interface WorkloadObject {
  /** The manifest's `kind`. */
  kind: string;
  /** How kubectl names it in what apply and delete print (`deployment.apps/nginx-deployment created`). */
  resource: string;
  name: string;
}

export interface Workload {
  id: WorkloadId;
  /** The cheat sheet's manifest that deploys it (its file name, wherever it is fetched from). */
  manifest?: string;
  /** In the manifest's order: kubectl prints them in that order. */
  objects: WorkloadObject[];
  /** Whether a pod of the lab belongs to it. */
  owns: (podName: string) => boolean;
}

const deployment = (name: string): WorkloadObject => ({ kind: 'Deployment', resource: 'deployment.apps', name });
const service = (name: string): WorkloadObject => ({ kind: 'Service', resource: 'service', name });

/** The cheat sheet's workloads, as its manifests (robric/multipass-3-node-k8s) and its `kubectl run` define them. */
export const WORKLOADS: Workload[] = [
  { id: 'test-pod', objects: [{ kind: 'Pod', resource: 'pod', name: 'test-pod' }], owns: (p) => p === 'test-pod' },
  {
    id: 'nginx',
    manifest: 'nginx-svc.yaml',
    objects: [deployment('nginx-deployment'), service('nginx-service')],
    owns: (p) => p.startsWith('nginx-deployment-'),
  },
  {
    id: 'nginx-np',
    manifest: 'nginx-np-svc.yaml',
    objects: [deployment('nginx-np-deployment'), service('nginx-np-service')],
    owns: (p) => p.startsWith('nginx-np-deployment-'),
  },
];

const URL = /^https?:\/\//;

// A manifest's file name, wherever it is: `…/main/nginx-np-svc.yaml?ref=x` → `nginx-np-svc.yaml`.
const fileName = (path: string) => path.replace(/[?#].*$/, '').split('/').pop();

/**
 * The workload a `-f` argument names: a URL by its file name (the lab fetches nothing: it has its own copy);
 * a local file by what it holds, the same kinds and names as one workload's manifest.
 * Returns null for anything else; throws when a local file cannot be read.
 */
export function workloadOfFile(file: string): Workload | null {
  if (URL.test(file)) return WORKLOADS.find((w) => w.manifest === fileName(file)) ?? null;
  const text = readFileSync(file, 'utf8');
  const held = parseAllDocuments(text)
    .map((d) => d.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null)
    .filter((o) => o !== null)
    .map((o) => `${String(o.kind)}/${String(o.metadata?.name)}`)
    .sort();
  return WORKLOADS.find((w) => w.manifest && w.objects.map((o) => `${o.kind}/${o.name}`).sort().join() === held.join()) ?? null;
}

/** Whether a URL names one of the lab's manifests (so `kubectl apply -f URL` runs on the lab instead of being skipped). */
export function isLabManifestUrl(url: string): boolean {
  return WORKLOADS.some((w) => w.manifest === fileName(url));
}

/**
 * `kubectl [global flags] VERB … -f X…` for a verb that reads manifests, as bash split the words:
 * the verb and the `-f` arguments, or null for another command. The verb is the first of these
 * words (global flags before it, `-n demo`, take values).
 */
export function kubectlManifests(w: string[]): { verb: string; files: string[] } | null {
  if (!/(?:^|\/)kubectl$/.test(w[0] ?? '')) return null;
  const verb = w.slice(1).find((a) => ['apply', 'create', 'replace', 'delete'].includes(a));
  if (!verb) return null;
  const files = w.flatMap((a, i) => {
    const m = /^(?:-f|--filename)=?(.*)$/.exec(a);
    return m ? [m[1] !== '' ? m[1]! : (w[i + 1] ?? '')] : [];
  });
  return { verb, files };
}

/** The story's own pod that `kubectl run NAME` deploys (test-pod), if NAME is one. */
export function runWorkload(name: string | undefined): Workload | undefined {
  return WORKLOADS.find((w) => !w.manifest && w.objects[0]!.name === name);
}

// `kubectl [global flags] apply|create -f X…` and `kubectl run test-pod …`, as bash splits the words.
function deploys(words: string[]): WorkloadId[] {
  const w = words[0] === 'sudo' ? words.slice(1) : words;
  if (!/(?:^|\/)kubectl$/.test(w[0] ?? '')) return [];
  const at = w.indexOf('run');
  if (at > 0) {
    const pod = runWorkload(w.slice(at + 1).find((a) => !a.startsWith('-')));
    if (pod) return [pod.id];
  }
  const m = kubectlManifests(w);
  if (!m || (m.verb !== 'apply' && m.verb !== 'create')) return [];
  // A local file is read when the step runs; here its name says which manifest it is meant to be.
  return WORKLOADS.filter((x) => x.manifest && m.files.some((f) => fileName(f) === x.manifest)).map((x) => x.id);
}

/** The workloads these steps deploy, in no particular order. */
export function workloadsDeployedBy(steps: Step[]): WorkloadId[] {
  const out = new Set<WorkloadId>();
  for (const s of steps) {
    if (s.kind === 'file') continue;
    for (const c of simpleCommands(s.command)) for (const id of deploys(c.words)) out.add(id);
  }
  return [...out];
}

/** Whether the workload is deployed now, and since when (its objects' creationTimestamp). */
export function deployedAt(state: LabState, id: WorkloadId): string | null {
  const at = state.story?.[id];
  return at === undefined ? state.created : at;
}

/** The workload a lab pod belongs to, if any. */
export function workloadOfPod(podName: string): Workload | undefined {
  return WORKLOADS.find((w) => w.owns(podName));
}

/** The workload a lab service belongs to, if any. */
export function workloadOfService(name: string): Workload | undefined {
  return WORKLOADS.find((w) => w.objects.some((o) => o.kind === 'Service' && o.name === name));
}

/** Marks a workload deployed (since now) or undeployed. */
export async function setDeployed(id: WorkloadId, deployed: boolean): Promise<void> {
  await updateState(async (state) => ({
    state: { ...state, story: { ...state.story, [id]: deployed ? k8sTime(new Date()) : null } },
    result: undefined,
  }));
}

/** Where the story moves without a step: an author's block with no prompt (never run) that deploys, and the step it comes before. */
interface HandPoint {
  /** Index of the first selected step after the block. */
  before: number;
  deploys: WorkloadId[];
}

// The cheat sheet deploys in blocks without a prompt, which the author ran by hand (`kubectl apply
// -f https://…` in a plain fence): runbook never runs them (PRODUCT §1), but on the lab the story
// still moves there — what they deploy appears before the next step, as on the author's cluster.
function handPoints(runbook: Runbook, selected: Step[]): HandPoint[] {
  const points: HandPoint[] = [];
  for (const b of runbook.ignored) {
    const ids = handDeploys(b);
    const next = selected.find((s) => s.line > b.line);
    if (ids.length > 0 && next) points.push({ before: next.index, deploys: ids });
  }
  return points;
}

/** What a block without a prompt deploys on the lab (nothing for other ignored blocks). */
export function handDeploys(block: IgnoredBlock): WorkloadId[] {
  if (block.text === undefined) return [];
  const ids = new Set<WorkloadId>();
  for (const c of simpleCommands(block.text)) for (const id of deploys(c.words)) ids.add(id);
  return [...ids];
}

/** Per step index, what to do on the lab before that step runs. */
export type StoryHooks = Map<number, () => Promise<void>>;

/**
 * At the start of a run on the lab: what the selected steps deploy, or blocks without a prompt
 * before one of them, starts undeployed; the rest is deployed since `lab up`. Returns, per runbook,
 * the hooks that deploy what such a block deploys, before the step that follows it.
 */
export async function startStory(runs: { runbook: Runbook; selected: Step[] }[]): Promise<StoryHooks[]> {
  const points = runs.map((r) => handPoints(r.runbook, r.selected));
  const pending = new Set([...workloadsDeployedBy(runs.flatMap((r) => r.selected)), ...points.flat().flatMap((p) => p.deploys)]);
  const hooks = points.map((list) => {
    const byStep: StoryHooks = new Map();
    for (const p of list) {
      const earlier = byStep.get(p.before);
      byStep.set(p.before, async () => {
        await earlier?.();
        for (const id of p.deploys) {
          const state = readState();
          // A lab taken down meanwhile has no story to move: its stand-ins say it is down.
          if (state && deployedAt(state, id) === null) await setDeployed(id, true).catch(() => undefined);
        }
      });
    }
    return byStep;
  });
  const now = readState()?.story ?? {};
  if (pending.size === 0 && Object.keys(now).length === 0) return hooks;
  try {
    accessSync(LAB_RUN_DIR, constants.W_OK);
  } catch {
    throw new InputError(`--lab: the run sets which of the lab's workloads are deployed as its steps go, and cannot write the lab's state in ${LAB_RUN_DIR}`, undefined, 'run it as root, as `runbook lab up` was');
  }
  await updateState(async (state) => ({
    state: { ...state, story: Object.fromEntries([...pending].map((id) => [id, null])) },
    result: undefined,
  }));
  return hooks;
}
