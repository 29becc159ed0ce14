// The lab's shape as data: what `up` builds, what `down` removes, what the
// tests and `status` check. Pure values, computed by topology.ts.

export type Variant = 'a' | 'b';

/** A k3s node: a network namespace on the underlay, with a cni0 bridge for its pods. */
export interface LabNode {
  /** Node name as kubectl shows it: `vm1`. */
  name: string;
  /** Its network namespace: `rbl-vm1`. */
  ns: string;
  /** Node IP on the underlay (eth0), without prefix length. */
  ip: string;
  /** MAC of the node's eth0. */
  mac: string;
  /** The underlay bridge port that leads to this node (lives in the underlay namespace). */
  port: string;
  portMac: string;
  /** Pod CIDR of this node, `10.42.0.0/24`; cni0 holds its `.1`. */
  podCidr: string;
  /** cni0's address, the pods' gateway: `10.42.0.1`. */
  gateway: string;
  cni0Mac: string;
  /** flannel's vxlan device `flannel.1`: its address (`10.42.0.0`, the pod CIDR's network address, as /32) and MAC. */
  flannelIp: string;
  flannelMac: string;
}

/** A VM of the multipass host that is not a node of the lab's cluster (the cheat sheet's `test-metalbv2`, a one-node k3s of its own). */
export interface LabOtherVm extends LabNode {
  /** The image `multipass list` shows (`20.04 LTS`) and the release `multipass info` shows (`Ubuntu 20.04.6 LTS`). */
  image: string;
  release: string;
}

/** A pod: a network namespace whose eth0 is a veth on its node's cni0. */
export interface LabPod {
  /** Pod name as kubectl shows it: `nginx-deployment-7c79c4bf97-gk7cj`. */
  name: string;
  /** Its network namespace: `rbl-` + name. */
  ns: string;
  /** Node name it runs on. */
  node: string;
  ip: string;
  /** What it runs: nginx's page over HTTP, cluster DNS (coredns), or nothing (test-pod). */
  serves: 'http' | 'dns' | null;
  /** Port its server listens on (TCP for http, UDP for dns), or null. */
  port: number | null;
  /** Host-side veth on cni0, named like the CNI names it: `veth` + 8 hex. */
  veth: string;
  vethMac: string;
  /** MAC of the pod's eth0. */
  mac: string;
}

/** A Kubernetes service, with the endpoints kube-proxy load-balances over. */
export interface LabService {
  /** The servicePortName kube-proxy hashes and prints: `default/nginx-service`, or `kube-system/kube-dns:dns` for a named port. */
  portName: string;
  /** `tcp` or `udp`, lowercase as kube-proxy hashes it. */
  protocol: 'tcp' | 'udp';
  clusterIP: string;
  port: number;
  targetPort: number;
  nodePort: number | null;
  /** Endpoint pods, in kube-proxy's rule order. */
  endpoints: LabPod[];
}

/** The underlay: one bridge, in its own namespace, joining the nodes' eth0. */
export interface LabUnderlay {
  ns: string;
  bridge: string;
  /** The bridge's address (the multipass host side), without prefix length. */
  ip: string;
  prefixLength: number;
  mac: string;
}

export interface Lab {
  variant: Variant;
  underlay: LabUnderlay;
  nodes: LabNode[];
  /** The multipass host's other VMs: on the underlay and in `multipass list`, not in the cluster. */
  otherVms: LabOtherVm[];
  pods: LabPod[];
  services: LabService[];
  /** The cluster's pod CIDR, `10.42.0.0/16` (kube-proxy's `! -s` masquerade rule). */
  clusterCidr: string;
}
