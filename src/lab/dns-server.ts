// The cluster DNS of the lab: a tiny DNS server (Node's dgram and net, run
// with `node -e` in the coredns pod's namespace) on the three ports of k3s'
// coredns: 53/udp, 53/tcp (the same answers, length-prefixed) and 9153/tcp
// (`/metrics`, Prometheus text: how many queries it answered). It answers A
// queries for the services' names — `nginx-service.default.svc.cluster.local`
// and the like — and for the node names of coredns' NodeHosts (`vm1`),
// authoritatively, an empty NOERROR for other types of a known name, and
// NXDOMAIN for the rest. Pods reach it through the kube-dns service
// (10.43.0.10, DNAT to the coredns pod), as the cheat sheet shows.
import type { Lab } from './types.js';

/** coredns' metrics port (its `prometheus :9153`). */
export const DNS_METRICS_PORT = 9153;

// Runs as CommonJS under `node -e`; argv: [node, name, ip, port, recordsJson].
export const DNS_SERVER = `
const dgram = require('dgram');
const net = require('net');
const http = require('http');
const [, , port, json] = process.argv.slice(1);
const records = JSON.parse(json);
const served = {};
const TYPES = { 1: 'A', 28: 'AAAA', 33: 'SRV', 12: 'PTR' };
let lastType = 0;
const count = (proto) => { const k = proto + ' ' + (TYPES[lastType] || 'other'); served[k] = (served[k] || 0) + 1; };
function answer(msg) {
  if (msg.length < 17 || msg.readUInt16BE(4) !== 1) return null;
  const labels = [];
  let o = 12;
  while (o < msg.length && msg[o] !== 0) { labels.push(msg.toString('latin1', o + 1, o + 1 + msg[o])); o += msg[o] + 1; }
  if (o + 5 > msg.length) return null;
  const qtype = msg.readUInt16BE(o + 1);
  lastType = qtype;
  const ip = records[labels.join('.').toLowerCase()];
  const rr = ip && qtype === 1
    ? Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, ...ip.split('.').map(Number)])
    : Buffer.alloc(0);
  const head = Buffer.alloc(12);
  head.writeUInt16BE(msg.readUInt16BE(0), 0);
  head.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (ip ? 0 : 3), 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(rr.length ? 1 : 0, 6);
  return Buffer.concat([head, msg.subarray(12, o + 5), rr]);
}
let pending = 3;
const ready = () => { if (--pending === 0) process.stdout.write('ready\\n'); };
const sock = dgram.createSocket('udp4');
sock.on('message', (msg, from) => {
  const out = answer(msg);
  if (!out) return;
  count('udp');
  sock.send(out, from.port, from.address);
});
sock.bind(Number(port), '0.0.0.0', ready);
net.createServer((c) => {
  let buf = Buffer.alloc(0);
  c.on('error', () => {});
  c.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
      const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
      buf = buf.subarray(2 + buf.readUInt16BE(0));
      const out = answer(msg);
      if (!out) { c.destroy(); return; }
      count('tcp');
      const len = Buffer.alloc(2);
      len.writeUInt16BE(out.length, 0);
      c.write(Buffer.concat([len, out]));
    }
  });
}).listen(Number(port), '0.0.0.0', ready);
http.createServer((req, res) => {
  if (req.url !== '/metrics') { res.writeHead(404); res.end('404 page not found\\n'); return; }
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end('# runbook lab: the DNS server of the lab\\'s coredns pod (not CoreDNS), counting the queries it answered\\n' +
    '# HELP coredns_dns_requests_total Counter of DNS requests made per zone, protocol and family.\\n' +
    '# TYPE coredns_dns_requests_total counter\\n' +
    Object.keys(served).sort().map((k) => 'coredns_dns_requests_total{family="1",proto="' + k.split(' ')[0] + '",server="dns://:53",type="' + k.split(' ')[1] + '",zone="."} ' + served[k] + '\\n').join(''));
}).listen(${DNS_METRICS_PORT}, '0.0.0.0', ready);
process.on('SIGTERM', () => process.exit(0));
`;

// Name → IPv4 for every service (`NAME.NS.svc.cluster.local`), and for the nodes (`vm1`, coredns' NodeHosts).
export function dnsRecords(lab: Lab): Record<string, string> {
  const records: Record<string, string> = {};
  for (const n of lab.nodes) records[n.name] = n.ip;
  for (const s of lab.services) {
    const [ns, rest] = s.portName.split('/') as [string, string];
    const name = rest.split(':')[0]!;
    records[`${name}.${ns}.svc.cluster.local`] = s.clusterIP;
  }
  return records;
}
