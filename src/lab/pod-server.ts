// The servers in the pods, each a tiny Node program started detached inside
// the pod's namespace (`ip netns exec NS node -e …`), so it lives on after the
// CLI exits and `down` finds it with `ip netns pids`. The "nginx" pods answer
// every path with nginx's welcome page and say which pod answered in
// `X-Pod-Name` / `X-Pod-IP` headers (load-balancing is visible with
// `curl -sI`); the path `/hostname` answers just the pod name, like the
// classic hostname demo. Each request is logged as nginx logs it (its
// `main` format) to /run/runbook-lab/logs/POD.log, what `kubectl logs POD`
// prints. The coredns pod runs dns-server.ts.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { LAB_LOG_DIR } from './control-plane/state.js';
import { DNS_SERVER, dnsRecords } from './dns-server.js';
import { LabError } from './lab-error.js';
import { NGINX_WELCOME } from './nginx-page.js';
import type { Lab, LabPod } from './types.js';

// Runs as CommonJS under `node -e`; argv: [node, name, ip, port, page, log].
const SERVER = `
const http = require('http');
const fs = require('fs');
const [name, ip, port, page, log] = process.argv.slice(1);
const MONTHS = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
const p2 = (n) => String(n).padStart(2, '0');
const stamp = (d) => p2(d.getUTCDate()) + '/' + MONTHS[d.getUTCMonth()] + '/' + d.getUTCFullYear() + ':' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()) + ':' + p2(d.getUTCSeconds()) + ' +0000';
const q = (v) => (v === undefined || v === '' ? '-' : String(v));
const server = http.createServer((req, res) => {
  const body = req.url === '/hostname' ? name + '\\n' : page;
  res.writeHead(200, { 'Server': 'nginx', 'Content-Type': 'text/html', 'X-Pod-Name': name, 'X-Pod-IP': ip });
  res.end(req.method === 'HEAD' ? undefined : body);
  const bytes = req.method === 'HEAD' ? 0 : Buffer.byteLength(body);
  const line = req.socket.remoteAddress + ' - - [' + stamp(new Date()) + '] "' + req.method + ' ' + req.url + ' HTTP/' + req.httpVersion + '" 200 ' + bytes +
    ' "' + q(req.headers['referer']) + '" "' + q(req.headers['user-agent']) + '" "' + q(req.headers['x-forwarded-for']) + '"\\n';
  try { fs.appendFileSync(log, line); } catch {}
});
server.listen(Number(port), '0.0.0.0', () => process.stdout.write('ready\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

const READY_TIMEOUT_MS = 10_000;

// Starts the pod's server (if it runs one) and resolves once it listens.
export function startPodServer(pod: LabPod, lab: Lab): Promise<void> {
  if (pod.serves === null || pod.port === null) return Promise.resolve();
  const [code, extra] = pod.serves === 'dns' ? [DNS_SERVER, JSON.stringify(dnsRecords(lab))] : [SERVER, NGINX_WELCOME];
  mkdirSync(LAB_LOG_DIR, { recursive: true });
  const args = ['netns', 'exec', pod.ns, process.execPath, '-e', code, pod.name, pod.ip, String(pod.port), extra, `${LAB_LOG_DIR}/${pod.name}.log`];
  const child = spawn('ip', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new LabError(`${pod.serves} server on port ${pod.port} did not start: ${why}`, pod.ns, 'run `runbook lab down` then `runbook lab up` again'));
    };
    const timer = setTimeout(() => fail(`no answer after ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code) => fail(`exited ${code}: ${stderr.trim()}`));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('ready')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      resolve();
    });
  });
}
