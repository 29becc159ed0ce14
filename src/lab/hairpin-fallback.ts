// Without br_netfilter, a reply from a pod to a pod of the same node is
// bridged past iptables and never un-DNATed, so a pod reaching a service that
// picks a pod on its own node would hang. On such kernels the lab masquerades
// that traffic instead (the reply then comes back through the node, which
// undoes both translations). It lives in POSTROUTING, outside every KUBE-*
// chain, so the kube-proxy rules read exactly as on a real node.
import { inNetns } from './exec.js';
import type { LabNode } from './types.js';

export const HAIRPIN_COMMENT = 'runbook lab: no br_netfilter, masquerade same-node service traffic';

// Adds the fallback rule in one node.
export async function addHairpinFallback(node: LabNode): Promise<void> {
  await inNetns(node.ns, 'iptables', [
    '-t', 'nat', '-A', 'POSTROUTING',
    '-s', node.podCidr, '-d', node.podCidr, '-o', 'cni0',
    '-m', 'conntrack', '--ctstate', 'DNAT',
    '-m', 'comment', '--comment', HAIRPIN_COMMENT,
    '-j', 'MASQUERADE',
  ]);
}
