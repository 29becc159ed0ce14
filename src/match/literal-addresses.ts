// Addresses that carry a meaning (PRODUCT §4): the wildcard 0.0.0.0, loopback,
// netmasks, broadcast, multicast and link-local. They are compared literally,
// never as volatile values: `listening on 127.0.0.1:8080` must not pass
// against `0.0.0.0:8080`. Config `literal:` replaces the list; each entry is
// an IPv4 address, an IPv4 CIDR (`127.0.0.0/8`) or an IPv6 address (`::1`).
// The list becomes a negative look-ahead at the start of the ipv4 and ipv6
// class patterns, so every scan, walk and regex of the matcher honours it.
import { isIPv4, isIPv6 } from 'node:net';
import { InputError } from '../errors.js';

/** The default list, as the docs show it. */
export const DEFAULT_LITERAL = ['0.0.0.0', '127.0.0.0/8', '255.0.0.0/8', '224.0.0.0/4', '169.254.0.0/16', '::', '::1'];

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

// The numbers lo..hi as one alternation, longest first.
function range(lo: number, hi: number): string {
  if (lo === 0 && hi === 255) return octet;
  const all: string[] = [];
  for (let n = hi; n >= lo; n--) all.push(String(n));
  return all.length === 1 ? all[0]! : `(?:${all.join('|')})`;
}

// One IPv4 CIDR (or address, as /32) as a regex for the addresses in it.
function ipv4Cidr(entry: string): string {
  const [address, bits] = entry.split('/');
  const len = bits === undefined ? 32 : Number(bits);
  const octets = address!.split('.').map(Number);
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) {
    const free = Math.min(8, Math.max(0, 8 * (i + 1) - len));
    const lo = octets[i]! & (0xff << free) & 0xff;
    parts.push(range(lo, lo + (1 << free) - 1));
  }
  return parts.join('\\.');
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function check(entry: string): 'ipv4' | 'ipv6' {
  // The default list is known good; node:net's first isIPv6 call costs ~5 ms of startup.
  if (DEFAULT_LITERAL.includes(entry)) return entry.includes(':') ? 'ipv6' : 'ipv4';
  const [address, bits, extra] = entry.split('/');
  if (extra === undefined && isIPv4(address!) && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 32))) return 'ipv4';
  if (bits === undefined && isIPv6(entry)) return 'ipv6';
  throw new InputError(
    `literal: "${entry}" is not an IPv4 address, IPv4 CIDR or IPv6 address`,
    undefined,
    `write entries like 127.0.0.0/8, 0.0.0.0 or ::1 (the default list is ${DEFAULT_LITERAL.join(', ')})`,
  );
}

/** Negative look-aheads to put before the ipv4 and ipv6 patterns: empty strings when the list is empty. */
export function literalGuards(list: readonly string[]): { ipv4: string; ipv6: string } {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const entry of list) (check(entry) === 'ipv4' ? v4 : v6).push(entry);
  return {
    // Not followed by another digit: 127.0.0.1 is literal, but 127.0.0.10 only when it is in the list too.
    ipv4: v4.length === 0 ? '' : `(?!(?:${v4.map(ipv4Cidr).join('|')})(?!\\d))`,
    ipv6: v6.length === 0 ? '' : `(?!(?:${v6.map(escapeRegex).join('|')})(?![\\w:]))`,
  };
}
