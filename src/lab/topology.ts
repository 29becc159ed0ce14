// Turns a variant's address plan into the full lab: namespaces, interface
// names and MACs. Names and MACs are derived from the variant by hashing, so
// the same variant always prints the same output (a re-run or `runbook update`
// against it changes nothing), and the other variant differs everywhere.
import { createHash } from 'node:crypto';
import type { Lab, LabNode, LabOtherVm, LabPod, LabService, Variant } from './types.js';
import { VARIANTS, type PodSpec } from './variants.js';

/** Every namespace the lab creates starts with this; `down` removes them all. */
export const LAB_PREFIX = 'rbl-';

const NODE_NAMES = ['vm1', 'vm2', 'vm3'] as const;

/** k3s' service CIDR: every cluster IP is in it. */
export const SERVICE_CIDR = '10.43.0.0/16';

/** kube-dns's cluster IP, the pods' nameserver (the 10th address of k3s' service CIDR). */
export const KUBE_DNS_IP = '10.43.0.10';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

// A unicast, locally administered MAC that is stable for (variant, interface).
export function stableMac(seed: string): string {
  const b = digest(`mac/${seed}`).subarray(0, 6);
  b[0] = (b[0]! & 0xfc) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

// A host-side veth name as the CNI plugins make them: `veth` + 8 hex digits.
export function vethName(seed: string): string {
  return `veth${digest(`veth/${seed}`).toString('hex').slice(0, 8)}`;
}

// A VM on the underlay: node `index` of its k3s cluster (its pod CIDR 10.42.index.0/24).
function vm(variant: Variant, name: string, ip: string, index: number): LabNode {
  return {
    name,
    ns: `${LAB_PREFIX}${name}`,
    ip,
    mac: stableMac(`${variant}/${name}/eth0`),
    // A veth name is at most 15 characters: `test-metalbv2-eth0` would not fit.
    port: `${name.slice(0, 10)}-eth0`,
    portMac: stableMac(`${variant}/underlay/${name}`),
    podCidr: `10.42.${index}.0/24`,
    gateway: `10.42.${index}.1`,
    cni0Mac: stableMac(`${variant}/${name}/cni0`),
    flannelIp: `10.42.${index}.0`,
    flannelMac: stableMac(`${variant}/${name}/flannel.1`),
  };
}

const node = (variant: Variant, index: number): LabNode => vm(variant, NODE_NAMES[index]!, VARIANTS[variant].nodeIps[index]!, index);

// The host's other VMs: each the first node of a cluster of its own.
const otherVms = (variant: Variant): LabOtherVm[] =>
  VARIANTS[variant].otherVms.map((o) => ({ ...vm(variant, o.name, o.ip, 0), image: o.image, release: o.release }));

function pod(variant: Variant, name: string, nodeName: string, ip: string, serves: LabPod['serves'], port: number | null): LabPod {
  return {
    name,
    ns: `${LAB_PREFIX}${name}`,
    node: nodeName,
    ip,
    serves,
    port,
    veth: vethName(`${variant}/${name}`),
    vethMac: stableMac(`${variant}/${name}/veth`),
    mac: stableMac(`${variant}/${name}/eth0`),
  };
}

function deployment(variant: Variant, name: string, hash: string, pods: PodSpec[], port: number): LabPod[] {
  return pods.map((p, i) => pod(variant, `${name}-${hash}-${p.suffix}`, NODE_NAMES[i]!, p.ip, 'http', port));
}

// The whole lab for one variant, as data.
export function labTopology(variant: Variant): Lab {
  const spec = VARIANTS[variant];
  const nodes = NODE_NAMES.map((_, i) => node(variant, i));
  const nginx = deployment(variant, 'nginx-deployment', spec.nginx.hash, spec.nginx.pods, 80);
  const nginxNp = deployment(variant, 'nginx-np-deployment', spec.nginxNp.hash, spec.nginxNp.pods, 8080);
  const testPod = pod(variant, 'test-pod', 'vm2', spec.testPodIp, null, null);
  const dns = spec.coredns;
  const coredns = pod(variant, `coredns-${dns.hash}-${dns.pod.suffix}`, 'vm1', dns.pod.ip, 'dns', 53);
  const services: LabService[] = [
    {
      portName: 'default/nginx-service',
      protocol: 'tcp',
      clusterIP: spec.nginxServiceIp,
      port: 80,
      targetPort: 80,
      nodePort: null,
      endpoints: nginx,
    },
    {
      portName: 'default/nginx-np-service',
      protocol: 'tcp',
      clusterIP: spec.nginxNpServiceIp,
      port: 80,
      targetPort: 8080,
      nodePort: 30000,
      endpoints: nginxNp,
    },
    // The cluster DNS on its three named ports, as k3s deploys it: dns (53/udp), dns-tcp (53/tcp), metrics (9153/tcp).
    { portName: 'kube-system/kube-dns:dns', protocol: 'udp', clusterIP: KUBE_DNS_IP, port: 53, targetPort: 53, nodePort: null, endpoints: [coredns] },
    { portName: 'kube-system/kube-dns:dns-tcp', protocol: 'tcp', clusterIP: KUBE_DNS_IP, port: 53, targetPort: 53, nodePort: null, endpoints: [coredns] },
    { portName: 'kube-system/kube-dns:metrics', protocol: 'tcp', clusterIP: KUBE_DNS_IP, port: 9153, targetPort: 9153, nodePort: null, endpoints: [coredns] },
  ];
  return {
    variant,
    underlay: {
      ns: `${LAB_PREFIX}underlay`,
      bridge: 'br0',
      ip: spec.gateway,
      prefixLength: spec.prefixLength,
      mac: stableMac(`${variant}/underlay/br0`),
    },
    nodes,
    otherVms: otherVms(variant),
    // Creation order matters for interface indexes (`eth0@if5`): keep it fixed.
    pods: [...nginx, testPod, ...nginxNp, coredns],
    services,
    clusterCidr: '10.42.0.0/16',
  };
}

// Every namespace of the lab, in creation order.
export function labNamespaces(lab: Lab): string[] {
  return [lab.underlay.ns, ...lab.nodes.map((n) => n.ns), ...lab.otherVms.map((v) => v.ns), ...lab.pods.map((p) => p.ns)];
}
