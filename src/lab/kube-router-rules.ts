// The filter table k3s' network policy controller (its embedded kube-router)
// writes on every node, as far as a cluster without NetworkPolicies has it:
// INPUT, FORWARD and OUTPUT jump to KUBE-ROUTER-*, and KUBE-ROUTER-INPUT lets
// traffic to the service CIDR and to the NodePort range through. The
// per-pod firewall chains kube-router adds (KUBE-POD-FW-*) only matter for
// NetworkPolicies, which the lab has none of, and are not built. Every
// comment ends with the hash kube-router computes for its rule
// (addUUIDForRuleSpec in pkg/controllers/netpol/network_policy_controller.go:
// base32(sha256(chain + the rule's words)) cut to 16 characters), so the
// rules read exactly as on the cheat sheet's nodes ("… node ports - LR7XO7NXDBGQJD2M").
import { createHash } from 'node:crypto';
import { base32 } from './chain-names.js';
import { SERVICE_CIDR } from './topology.js';

/** kube-apiserver's default NodePort range, as kube-router writes it. */
export const NODE_PORT_RANGE = '30000:32767';

/** kube-router's rule hash: the rule's words joined with nothing, after the chain name. */
export function kubeRouterHash(chain: string, words: string[]): string {
  return base32(createHash('sha256').update(chain + words.join('')).digest()).slice(0, 16);
}

// One rule, its comment suffixed with its hash, written as iptables-save lists it.
function rule(chain: string, words: string[]): string {
  const i = words.indexOf('--comment');
  const hashed = [...words];
  hashed[i + 1] = `"${words[i + 1]} - ${kubeRouterHash(chain, words)}"`;
  return `-A ${chain} ${hashed.join(' ')}`;
}

// The rule's words in kube-router's order, and how iptables-save orders the same matches.
function inputWhitelist(): string[] {
  const nodePorts = (proto: 'tcp' | 'udp') =>
    rule('KUBE-ROUTER-INPUT', [
      '-p', proto, '-m', 'comment', '--comment', `allow LOCAL ${proto.toUpperCase()} traffic to node ports`,
      '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'multiport', '--dports', NODE_PORT_RANGE, '-j', 'RETURN',
    ]);
  const clusterIps = rule('KUBE-ROUTER-INPUT', ['-m', 'comment', '--comment', 'allow traffic to primary cluster IP range', '-d', SERVICE_CIDR, '-j', 'RETURN'])
    // iptables-save writes the destination before the matches.
    .replace(/^(-A \S+) (-m comment --comment "[^"]*") (-d \S+)/, '$1 $3 $2');
  return [clusterIps, nodePorts('tcp'), nodePorts('udp')];
}

/** The `*filter` document for iptables-restore on each node. */
export function kubeRouterRules(): string {
  const builtin = ['INPUT', 'FORWARD', 'OUTPUT'];
  const chains = builtin.map((c) => `KUBE-ROUTER-${c}`).sort();
  return [
    '*filter',
    ...builtin.map((c) => `:${c} ACCEPT [0:0]`),
    ...chains.map((c) => `:${c} - [0:0]`),
    ...builtin.map((c) => rule(c, ['-m', 'comment', '--comment', 'kube-router netpol', '-j', `KUBE-ROUTER-${c}`])),
    ...inputWhitelist(),
    'COMMIT',
    '',
  ].join('\n');
}
