// The `ip -batch` commands that wire the lab, per namespace, in order. Pure:
// up.ts feeds them to ip. No link is ever created in the root namespace: every
// veth is created inside a lab namespace with its peer placed directly in another.
import type { Lab, LabNode, LabPod } from './types.js';

export interface Batch {
  /** Namespace the batch runs in (`ip -n NS -batch -`). */
  ns: string;
  lines: string[];
  /** `bridge -n NS -batch -` lines after the ip lines: flannel's forwarding entries for vxlan. */
  bridgeLines?: string[];
}

// flannel's vxlan backend: VNI 1 on UDP 8472, 50 bytes of encapsulation below the underlay's 1500.
const VXLAN = 'type vxlan id 1 dstport 8472 nolearning';
export const POD_MTU = 1450;

function underlayBatch(lab: Lab): Batch {
  const u = lab.underlay;
  const lines = [
    'link set lo up',
    `link add ${u.bridge} address ${u.mac} type bridge`,
    `addr add ${u.ip}/${u.prefixLength} dev ${u.bridge}`,
    `link set ${u.bridge} up`,
  ];
  // The cluster's nodes first (their ports' indexes stay as they are), then the host's other VMs.
  for (const n of [...lab.nodes, ...lab.otherVms]) {
    lines.push(`link add ${n.port} address ${n.portMac} type veth peer name eth0 address ${n.mac} netns ${n.ns}`);
    lines.push(`link set ${n.port} master ${u.bridge}`, `link set ${n.port} up`);
  }
  return { ns: u.ns, lines };
}

// A VM: eth0 on the underlay; flannel.1 (vxlan) as k3s' flannel makes it, created before
// cni0 as on a real node (multipass list shows a VM's addresses in interface order: 10.42.N.0,
// then 10.42.N.1); cni0 with one veth per pod; for each peer node, flannel's route, ARP and
// forwarding entries (`10.42.M.0/24 via 10.42.M.0 dev flannel.1 onlink`).
function vmBatch(lab: Lab, n: LabNode, peers: LabNode[]): Batch {
  const prefix = n.podCidr.split('/')[1]!;
  const lines = [
    'link set lo up',
    `addr add ${n.ip}/${lab.underlay.prefixLength} dev eth0`,
    'link set eth0 up',
    `link add flannel.1 address ${n.flannelMac} mtu ${POD_MTU} ${VXLAN} local ${n.ip} dev eth0`,
    `addr add ${n.flannelIp}/32 dev flannel.1`,
    'link set flannel.1 up',
    `link add cni0 address ${n.cni0Mac} mtu ${POD_MTU} type bridge`,
    `addr add ${n.gateway}/${prefix} dev cni0`,
    'link set cni0 up',
  ];
  for (const p of lab.pods.filter((p) => p.node === n.name)) lines.push(...podVethLines(p));
  for (const peer of peers) {
    lines.push(`route add ${peer.podCidr} via ${peer.flannelIp} dev flannel.1 onlink`);
    lines.push(`neigh add ${peer.flannelIp} lladdr ${peer.flannelMac} dev flannel.1 nud permanent`);
  }
  lines.push(`route add default via ${lab.underlay.ip} dev eth0`);
  return { ns: n.ns, lines, bridgeLines: peers.map((peer) => `fdb append ${peer.flannelMac} dev flannel.1 dst ${peer.ip}`) };
}

/** In the pod's node: the pod's veth pair (its eth0 placed in the pod's namespace), on cni0. */
export function podVethLines(p: Pick<LabPod, 'veth' | 'vethMac' | 'mac' | 'ns'>): string[] {
  return [
    `link add ${p.veth} address ${p.vethMac} mtu ${POD_MTU} type veth peer name eth0 address ${p.mac} mtu ${POD_MTU} netns ${p.ns}`,
    // hairpin: a pod reaching a service that picks that same pod (the CNI bridge plugin's hairpinMode).
    `link set ${p.veth} master cni0`,
    `link set ${p.veth} type bridge_slave hairpin on`,
    `link set ${p.veth} up`,
  ];
}

/** A pod: eth0 with its IP, routes through cni0 as flannel sets them. */
export function podBatch(lab: Lab, p: LabPod): Batch {
  const node = lab.nodes.find((n) => n.name === p.node)!;
  const prefix = node.podCidr.split('/')[1]!;
  return {
    ns: p.ns,
    lines: [
      'link set lo up',
      `addr add ${p.ip}/${prefix} dev eth0`,
      'link set eth0 up',
      `route add default via ${node.gateway} dev eth0`,
      `route add ${lab.clusterCidr} via ${node.gateway} dev eth0`,
    ],
  };
}

// All batches in dependency order: underlay (creates the VMs' eth0s), VMs (create pod eth0s), pods.
export function linkPlan(lab: Lab): Batch[] {
  return [
    underlayBatch(lab),
    ...lab.nodes.map((n) => vmBatch(lab, n, lab.nodes.filter((o) => o !== n))),
    // Each other VM is a cluster of its own: no peers.
    ...lab.otherVms.map((v) => vmBatch(lab, v, [])),
    ...lab.pods.map((p) => podBatch(lab, p)),
  ];
}
