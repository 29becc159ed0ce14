// The nat table kube-proxy (iptables mode) writes on every node, as an
// iptables-restore document: the same chains, comments, probabilities and
// rule order as a real k3s node, for the lab's ClusterIP and NodePort services.
import { endpointChainName, externalChainName, serviceChainName } from './chain-names.js';
import type { Lab, LabService } from './types.js';

const MASQ_MARK = '0x4000';

// kube-proxy's `%0.10f` probability for the i-th of n endpoints (the last one has none).
function probability(i: number, n: number): string | null {
  return i === n - 1 ? null : (1 / (n - i)).toFixed(10);
}

function serviceRules(svc: LabService, clusterCidr: string): { chains: string[]; rules: string[] } {
  const proto = svc.protocol;
  const svcChain = serviceChainName(svc.portName, proto);
  const clusterComment = `"${svc.portName} cluster IP"`;
  const chains = [svcChain];
  const rules = [
    `-A KUBE-SERVICES -d ${svc.clusterIP}/32 -p ${proto} -m comment --comment ${clusterComment} -m ${proto} --dport ${svc.port} -j ${svcChain}`,
    `-A ${svcChain} ! -s ${clusterCidr} -d ${svc.clusterIP}/32 -p ${proto} -m comment --comment ${clusterComment} -m ${proto} --dport ${svc.port} -j KUBE-MARK-MASQ`,
  ];
  svc.endpoints.forEach((pod, i) => {
    const endpoint = `${pod.ip}:${svc.targetPort}`;
    const sep = endpointChainName(svc.portName, endpoint, proto);
    const p = probability(i, svc.endpoints.length);
    const stat = p ? ` -m statistic --mode random --probability ${p}` : '';
    chains.push(sep);
    rules.push(`-A ${svcChain} -m comment --comment "${svc.portName} -> ${endpoint}"${stat} -j ${sep}`);
    rules.push(`-A ${sep} -s ${pod.ip}/32 -m comment --comment "${svc.portName}" -j KUBE-MARK-MASQ`);
    rules.push(`-A ${sep} -p ${proto} -m comment --comment "${svc.portName}" -m ${proto} -j DNAT --to-destination ${endpoint}`);
  });
  if (svc.nodePort !== null) {
    const ext = externalChainName(svc.portName, proto);
    chains.push(ext);
    rules.push(`-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${svc.portName}" -m ${proto} --dport ${svc.nodePort} -j ${ext}`);
    rules.push(
      `-A ${ext} -m comment --comment "masquerade traffic for ${svc.portName} external destinations" -j KUBE-MARK-MASQ`,
    );
    rules.push(`-A ${ext} -j ${svcChain}`);
  }
  return { chains, rules };
}

// Rules sorted by chain the way iptables-save lists them (user chains in name
// order, rules in insertion order within a chain), so restore order = save order.
function byChain(rules: string[], chains: string[]): string[] {
  const chainOf = (r: string) => r.split(' ')[1]!;
  return chains.flatMap((c) => rules.filter((r) => chainOf(r) === c));
}

// The `*nat` document for iptables-restore on each node.
export function kubeProxyRules(lab: Lab): string {
  const base = ['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES'];
  const parts = lab.services.map((s) => serviceRules(s, lab.clusterCidr));
  const userChains = [...base, ...parts.flatMap((p) => p.chains)].sort();
  const rules = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    `-A KUBE-MARK-MASQ -j MARK --set-xmark ${MASQ_MARK}/${MASQ_MARK}`,
    `-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_MARK}/${MASQ_MARK} -j RETURN`,
    `-A KUBE-POSTROUTING -j MARK --set-xmark ${MASQ_MARK}/0x0`,
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...parts.flatMap((p) => p.rules),
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  ];
  const builtin = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];
  return [
    '*nat',
    ...builtin.map((c) => `:${c} ACCEPT [0:0]`),
    ...userChains.map((c) => `:${c} - [0:0]`),
    ...byChain(rules, [...builtin, ...userChains]),
    'COMMIT',
    '',
  ].join('\n');
}
