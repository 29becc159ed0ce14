// What is up right now: which variant (recognised by vm1's address), which of
// the lab's namespaces exist, which pod servers run. Read-only.
import { LAB_BIN_DIR, readState } from './control-plane/state.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.js';
import { listLabNamespaces, pidsIn } from './namespaces.js';
import { labNamespaces, labTopology } from './topology.js';
import type { Variant } from './types.js';

export interface LabStatus {
  /** `up`: every namespace and server of one variant is there; `partial`: something is; `down`: nothing. */
  state: 'up' | 'partial' | 'down';
  variant: Variant | null;
  /** Existing `rbl-` namespaces. */
  namespaces: string[];
  /** What is missing or unexpected, one line each. */
  problems: string[];
}

async function vm1Address(): Promise<string | null> {
  const out = await run('ip', ['-n', 'rbl-vm1', '-4', '-br', 'addr', 'show', 'dev', 'eth0']).catch(() => '');
  return /(\d+\.\d+\.\d+\.\d+)\//.exec(out)?.[1] ?? null;
}

// Inspects the running lab.
export async function labStatus(): Promise<LabStatus> {
  const namespaces = await listLabNamespaces();
  if (namespaces.length === 0) return { state: 'down', variant: null, namespaces, problems: [] };
  const ip = await vm1Address();
  const variant = (['a', 'b'] as const).find((v) => labTopology(v).nodes[0]!.ip === ip) ?? null;
  if (!variant) return { state: 'partial', variant, namespaces, problems: ['rbl-vm1 has no known node address'] };
  const lab = labTopology(variant);
  const state = readState();
  // Pods that `kubectl run` added belong to the lab too.
  const expected = [...labNamespaces(lab), ...(state?.variant === variant ? state.pods.map((p) => `rbl-${p.name}`) : [])];
  const problems = expected.filter((ns) => !namespaces.includes(ns)).map((ns) => `missing namespace ${ns}`);
  if (state?.variant !== variant || !existsSync(join(LAB_BIN_DIR, 'kubectl'))) {
    problems.push(`no control plane for variant ${variant} in ${LAB_BIN_DIR} (the kubectl and multipass stand-ins): run lab up again`);
  }
  problems.push(...namespaces.filter((ns) => !expected.includes(ns)).map((ns) => `stray namespace ${ns}`));
  for (const pod of lab.pods.filter((p) => p.port !== null && namespaces.includes(p.ns))) {
    if ((await pidsIn(pod.ns)).length === 0) problems.push(`no HTTP server in ${pod.ns}`);
  }
  return { state: problems.length === 0 ? 'up' : 'partial', variant, namespaces, problems };
}
