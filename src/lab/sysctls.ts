// Kernel settings per lab namespace, applied before any link exists so that
// new interfaces inherit them. IPv6 is off everywhere (no link-local noise in
// `ip addr` or tcpdump); nodes forward, and bridged pod traffic goes through
// iptables (br_netfilter) so a pod reaching a service that lands on a pod of
// the same node gets its reply un-DNATed, as on a real k3s node.
import { inNetns } from './exec.js';

const COMMON = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'];

const NODE = [
  ...COMMON,
  'net.ipv4.ip_forward=1',
  'net.ipv4.conf.all.rp_filter=0',
  'net.ipv4.conf.default.rp_filter=0',
  'net.ipv4.conf.all.send_redirects=0',
  'net.ipv4.conf.default.send_redirects=0',
];

export type NamespaceRole = 'underlay' | 'node' | 'pod';

// Applies the role's sysctls inside `ns`; for a node, returns whether bridged
// traffic now goes through iptables (false: br_netfilter is not available).
export async function applySysctls(ns: string, role: NamespaceRole): Promise<boolean> {
  const settings = role === 'node' ? NODE : COMMON;
  await inNetns(ns, 'sysctl', ['-q', '-w', ...settings]);
  return role === 'node' ? setBridgeNetfilter(ns) : true;
}

// br_netfilter's switch is per namespace. RBL_LAB_NO_BR_NETFILTER=1 pretends it is missing (tests the fallback).
async function setBridgeNetfilter(ns: string): Promise<boolean> {
  if (process.env.RBL_LAB_NO_BR_NETFILTER === '1') return false;
  const out = await inNetns(ns, 'sh', [
    '-c',
    'f=/proc/sys/net/bridge/bridge-nf-call-iptables; if [ -w $f ]; then echo 1 > $f && echo on; else echo off; fi',
  ]);
  return out.trim() === 'on';
}
