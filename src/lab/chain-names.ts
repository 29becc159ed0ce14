// kube-proxy's iptables chain names, computed exactly as kube-proxy does
// (kubernetes/kubernetes pkg/proxy/iptables/proxier.go, portProtoHash and
// servicePortEndpointChainName): base32(sha256(servicePortName + protocol
// [+ endpoint])) cut to 16 characters. servicePortName is `ns/name`, plus
// `:port-name` when the service port is named; protocol is lowercase (`tcp`).
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// RFC 4648 base32 (Go's base32.StdEncoding), without padding: only 16 characters are kept.
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

// The 16-character hash kube-proxy appends to its chain prefixes.
export function portProtoHash(servicePortName: string, protocol: string, endpoint = ''): string {
  const digest = createHash('sha256').update(servicePortName + protocol.toLowerCase() + endpoint).digest();
  return base32(digest).slice(0, 16);
}

// `KUBE-SVC-…`: the per-service-port chain that load-balances over endpoints.
export function serviceChainName(servicePortName: string, protocol = 'tcp'): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol)}`;
}

// `KUBE-EXT-…`: the NodePort entry chain; same hash as the service chain.
export function externalChainName(servicePortName: string, protocol = 'tcp'): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol)}`;
}

// `KUBE-SEP-…`: one chain per endpoint (`10.42.0.8:80`), holding its DNAT.
export function endpointChainName(servicePortName: string, endpoint: string, protocol = 'tcp'): string {
  return `KUBE-SEP-${portProtoHash(servicePortName, protocol, endpoint)}`;
}
