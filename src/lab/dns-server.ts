// The cluster DNS of the lab: a tiny UDP DNS server (Node's dgram, run with
// `node -e` in the coredns pod's namespace) that answers A queries for the
// services' names — `nginx-service.default.svc.cluster.local` and the like —
// authoritatively, an empty NOERROR for other types of a known name, and
// NXDOMAIN for the rest. Pods reach it through the kube-dns service
// (10.43.0.10:53/udp, DNAT to the coredns pod), as the cheat sheet shows.
import type { Lab } from './types.js';

// Runs as CommonJS under `node -e`; argv: [node, name, ip, port, recordsJson].
export const DNS_SERVER = `
const dgram = require('dgram');
const [, , port, json] = process.argv.slice(1);
const records = JSON.parse(json);
const sock = dgram.createSocket('udp4');
sock.on('message', (msg, from) => {
  if (msg.length < 17 || msg.readUInt16BE(4) !== 1) return;
  const labels = [];
  let o = 12;
  while (o < msg.length && msg[o] !== 0) { labels.push(msg.toString('latin1', o + 1, o + 1 + msg[o])); o += msg[o] + 1; }
  if (o + 5 > msg.length) return;
  const qtype = msg.readUInt16BE(o + 1);
  const ip = records[labels.join('.').toLowerCase()];
  const answer = ip && qtype === 1
    ? Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, ...ip.split('.').map(Number)])
    : Buffer.alloc(0);
  const head = Buffer.alloc(12);
  head.writeUInt16BE(msg.readUInt16BE(0), 0);
  head.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (ip ? 0 : 3), 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(answer.length ? 1 : 0, 6);
  sock.send(Buffer.concat([head, msg.subarray(12, o + 5), answer]), from.port, from.address);
});
sock.bind(Number(port), '0.0.0.0', () => process.stdout.write('ready\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

// Name → IPv4 for every service: `NAME.NS.svc.cluster.local` and the shorter forms a search list builds.
export function dnsRecords(lab: Lab): Record<string, string> {
  const records: Record<string, string> = {};
  for (const s of lab.services) {
    const [ns, rest] = s.portName.split('/') as [string, string];
    const name = rest.split(':')[0]!;
    records[`${name}.${ns}.svc.cluster.local`] = s.clusterIP;
  }
  return records;
}
