// Name resolution in the lab: `ip netns exec NS` bind-mounts each file of
// /etc/netns/NS/ over /etc/. Pods get kubelet's hosts file and a cluster
// resolv.conf (nameserver kube-dns 10.43.0.10, the cheat sheet's search list,
// ndots:5), so `curl http://nginx-service/` asks the lab's coredns. Nodes and
// coredns itself resolve vm1..vm3 from a hosts file (coredns' NodeHosts), and
// their resolv.conf is an Ubuntu VM's (systemd-resolved's stub 127.0.0.53, on
// their own loopback, where nothing answers), so any other lookup fails at
// once instead of timing out against the host's nameserver, which a lab
// namespace cannot reach. `down` removes every /etc/netns/rbl-* directory.
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KUBE_DNS_IP, LAB_PREFIX } from './topology.js';
import type { Lab } from './types.js';

export const NETNS_ETC = '/etc/netns';

const HOSTS_HEADER = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost'];

// The cheat sheet's VMs asked their host's resolver (through multipass' DNS), which
// answered a reverse lookup of the pod network's address with the host's own name:
// `iptables -L` without `-n` on vm2 shows `!fiveg-host-24-node4/16`. The lab's VMs
// get the same answer from their hosts file, in both variants (a name is not volatile).
export const VM_HOST_NAME = 'fiveg-host-24-node4';
const vmSiteHosts = (lab: Lab): string[] => [`${lab.clusterCidr.split('/')[0]}\t${VM_HOST_NAME}`];

const POD_RESOLV = [
  'search default.svc.cluster.local svc.cluster.local cluster.local multipass',
  `nameserver ${KUBE_DNS_IP}`,
  'options ndots:5',
  '',
].join('\n');

// What an Ubuntu VM of the cheat sheet has (systemd-resolved's stub, multipass' search domain).
// Nothing listens on 127.0.0.53 in a lab namespace, so a name that is not in /etc/hosts fails at once.
const NODE_RESOLV = [
  "# runbook lab: a node's resolv.conf as on the cheat sheet's Ubuntu VMs (systemd-resolved's stub).",
  '# Nothing answers on 127.0.0.53 here: names come from /etc/hosts, other lookups fail at once.',
  'nameserver 127.0.0.53',
  'options edns0 trust-ad',
  'search multipass',
  '',
].join('\n');

// The files to mount, per namespace: file name → content.
export function netnsEtcFiles(lab: Lab): Map<string, Record<string, string>> {
  const nodeLines = lab.nodes.map((n) => `${n.ip}\t${n.name}`);
  const nodeHosts = [...HOSTS_HEADER, ...nodeLines, ''].join('\n');
  const vmHosts = (own: string[]) => [...HOSTS_HEADER, ...own, ...vmSiteHosts(lab), ''].join('\n');
  const files = new Map<string, Record<string, string>>();
  for (const n of lab.nodes) files.set(n.ns, { hosts: vmHosts(nodeLines), 'resolv.conf': NODE_RESOLV });
  for (const v of lab.otherVms) files.set(v.ns, { hosts: vmHosts([`${v.ip}\t${v.name}`]), 'resolv.conf': NODE_RESOLV });
  for (const p of lab.pods) {
    if (p.serves === 'dns') files.set(p.ns, { hosts: nodeHosts, 'resolv.conf': NODE_RESOLV });
    else files.set(p.ns, podEtcFiles(p));
  }
  return files;
}

/** A pod's kubelet-managed hosts file and its cluster resolv.conf. */
export function podEtcFiles(p: { ip: string; name: string }): Record<string, string> {
  return { hosts: [...HOSTS_HEADER, `${p.ip}\t${p.name}`, ''].join('\n'), 'resolv.conf': POD_RESOLV };
}

/** Writes one namespace's files into /etc/netns/NS/. */
export async function writeNetnsEtc(ns: string, files: Record<string, string>): Promise<void> {
  await mkdir(join(NETNS_ETC, ns), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(NETNS_ETC, ns, name), text);
}

// Writes /etc/netns/NS/{hosts,resolv.conf} for every lab namespace but the underlay.
export async function writeHostsFiles(lab: Lab): Promise<void> {
  for (const [ns, files] of netnsEtcFiles(lab)) await writeNetnsEtc(ns, files);
}

// Removes every /etc/netns/rbl-* directory, and /etc/netns itself if that leaves it empty.
export async function removeHostsFiles(): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(NETNS_ETC);
  } catch {
    return;
  }
  const ours = entries.filter((e) => e.startsWith(LAB_PREFIX));
  await Promise.all(ours.map((e) => rm(join(NETNS_ETC, e), { recursive: true, force: true })));
  if (entries.length === ours.length) await rmdir(NETNS_ETC).catch(() => undefined);
}
