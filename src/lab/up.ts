// Brings the lab up from scratch: always tears down whatever an earlier run
// left (so `up` is idempotent and repairs a partial lab), then builds
// namespaces → sysctls → links → iptables → hosts files → pod servers. If any
// step fails, it tears down again so that nothing half-built stays behind.
import { ipBatch, inNetns, run } from './exec.js';
import { labDown } from './down.js';
import { addHairpinFallback } from './hairpin-fallback.js';
import { writeHostsFiles } from './hosts-files.js';
import { kubeProxyRules } from './kube-proxy-rules.js';
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
    ...lab.pods.map((p) => applySysctls(p.ns, 'pod')),
  ]);
  for (const batch of linkPlan(lab)) await ipBatch(batch.ns, batch.lines);
  const rules = kubeProxyRules(lab);
  await Promise.all(lab.nodes.map((n) => inNetns(n.ns, 'iptables-restore', [], { input: rules })));
  await Promise.all(lab.nodes.filter((_, i) => !bridged[i]).map(addHairpinFallback));
  await writeHostsFiles(lab);
  await Promise.all(lab.pods.map((p) => startPodServer(p, lab)));
}

// Builds the lab for a variant; returns its topology (addresses, names).
export async function labUp(variant: Variant): Promise<Lab> {
  const lab = labTopology(variant);
  await labDown();
  try {
    await build(lab);
  } catch (e) {
    await labDown().catch(() => undefined);
    throw e;
  }
  return lab;
}
