// The `ip -batch` commands that wire the lab, per namespace, in order. Pure:
// up.ts feeds them to ip. No link is ever created in the root namespace: every
// veth is created inside a lab namespace with its peer placed directly in another.
import type { Lab, LabNode, LabPod } from './types.js';

export interface Batch {
  /** Namespace the batch runs in (`ip -n NS -batch -`). */
  ns: string;
  lines: string[];
}

function underlayBatch(lab: Lab): Batch {
  const u = lab.underlay;
  const lines = [
    'link set lo up',
    `link add ${u.bridge} address ${u.mac} type bridge`,
    `addr add ${u.ip}/${u.prefixLength} dev ${u.bridge}`,
    `link set ${u.bridge} up`,
  ];
  for (const n of lab.nodes) {
    lines.push(`link add ${n.port} address ${n.portMac} type veth peer name eth0 address ${n.mac} netns ${n.ns}`);
    lines.push(`link set ${n.port} master ${u.bridge}`, `link set ${n.port} up`);
  }
  return { ns: u.ns, lines };
}

// A node: eth0 on the underlay, cni0 with one veth per pod, flannel host-gw routes.
function nodeBatch(lab: Lab, n: LabNode): Batch {
  const prefix = n.podCidr.split('/')[1]!;
  const lines = [
    'link set lo up',
    `addr add ${n.ip}/${lab.underlay.prefixLength} dev eth0`,
    'link set eth0 up',
    `link add cni0 address ${n.cni0Mac} type bridge`,
    `addr add ${n.gateway}/${prefix} dev cni0`,
    'link set cni0 up',
  ];
  for (const p of lab.pods.filter((p) => p.node === n.name)) lines.push(...podVethLines(p));
  for (const other of lab.nodes.filter((o) => o !== n)) {
    lines.push(`route add ${other.podCidr} via ${other.ip} dev eth0`);
  }
  lines.push(`route add default via ${lab.underlay.ip} dev eth0`);
  return { ns: n.ns, lines };
}

/** In the pod's node: the pod's veth pair (its eth0 placed in the pod's namespace), on cni0. */
export function podVethLines(p: Pick<LabPod, 'veth' | 'vethMac' | 'mac' | 'ns'>): string[] {
  return [
    `link add ${p.veth} address ${p.vethMac} type veth peer name eth0 address ${p.mac} netns ${p.ns}`,
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

// All batches in dependency order: underlay (creates node eth0s), nodes (create pod eth0s), pods.
export function linkPlan(lab: Lab): Batch[] {
  return [underlayBatch(lab), ...lab.nodes.map((n) => nodeBatch(lab, n)), ...lab.pods.map((p) => podBatch(lab, p))];
}
