// Brings the lab up from scratch: always tears down whatever an earlier run
// left (so `up` is idempotent and repairs a partial lab), then builds
// namespaces → sysctls → links → iptables → hosts files → pod servers. If any
// step fails, it tears down again so that nothing half-built stays behind.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installStandIns } from './control-plane/bin.js';
import { k8sTime, writeState } from './control-plane/state.js';
import { bridgeBatch, ipBatch, inNetns, run } from './exec.js';
import { LabError } from './lab-error.js';
import { labDown } from './down.js';
import { addHairpinFallback } from './hairpin-fallback.js';
import { writeHostsFiles } from './hosts-files.js';
import { kubeProxyRules } from './kube-proxy-rules.js';
import { kubeRouterRules } from './kube-router-rules.js';
import { linkPlan } from './link-plan.js';
import { startPodServer } from './pod-server.js';
import { applySysctls } from './sysctls.js';
import { labNamespaces, labTopology } from './topology.js';
import type { Lab, Variant } from './types.js';

async function build(lab: Lab): Promise<void> {
  // br_netfilter makes bridged pod traffic visible to iptables; harmless if already loaded or built in.
  await run('modprobe', ['br_netfilter']).catch(() => undefined);
  await ipBatch(null, labNamespaces(lab).map((ns) => `netns add ${ns}`));
  const [, bridged] = await Promise.all([
    applySysctls(lab.underlay.ns, 'underlay'),
    Promise.all(lab.nodes.map((n) => applySysctls(n.ns, 'node'))),
    ...lab.otherVms.map((v) => applySysctls(v.ns, 'node')),
    ...lab.pods.map((p) => applySysctls(p.ns, 'pod')),
  ]);
  for (const batch of linkPlan(lab)) {
    await ipBatch(batch.ns, batch.lines);
    if (batch.bridgeLines) await bridgeBatch(batch.ns, batch.bridgeLines);
  }
  // kube-proxy's nat table and kube-router's filter table, in one iptables-restore per node.
  const rules = kubeProxyRules(lab) + kubeRouterRules();
  await Promise.all(lab.nodes.map((n) => inNetns(n.ns, 'iptables-restore', [], { input: rules })));
  await Promise.all(lab.nodes.filter((_, i) => !bridged[i]).map(addHairpinFallback));
  await writeHostsFiles(lab);
  await Promise.all(lab.pods.map((p) => startPodServer(p, lab)));
}

/**
 * The CLI module the stand-ins run (`node CLI lab kubectl …`): the one running
 * now when it is the CLI, else (labUp called from code, as the tests do) this
 * package's built bundle.
 */
export function cliModule(): string {
  const argv1 = process.argv[1];
  if (argv1 && /(?:^|\/)cli\.[cm]?js$/.test(argv1) && existsSync(argv1)) return realpathSync(argv1);
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(join(dir, 'package.json'))) continue;
    for (const built of ['dist/bundle/cli.cjs', 'dist/cli.js']) if (existsSync(join(dir, built))) return join(dir, built);
    break;
  }
  throw new LabError('no built CLI for the stand-ins to run', 'lab up', 'build it first: npm run build');
}

// The control plane: its state (variant, creation time) and the stand-ins in /run/runbook-lab/bin.
function startControlPlane(lab: Lab, cli: string): void {
  writeState({ format: 1, variant: lab.variant, created: k8sTime(new Date()), node: process.execPath, cli, pods: [] });
  installStandIns(process.execPath, cli);
}

// Builds the lab for a variant; returns its topology (addresses, names).
export async function labUp(variant: Variant): Promise<Lab> {
  const lab = labTopology(variant);
  const cli = cliModule();
  await labDown();
  try {
    await build(lab);
    startControlPlane(lab, cli);
  } catch (e) {
    await labDown().catch(() => undefined);
    throw e;
  }
  return lab;
}
