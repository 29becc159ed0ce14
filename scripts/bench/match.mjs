// Bench: one step with 100,000 output lines (iptables-save sized, volatile IPs
// and chain hashes on every line), 10 lines differing, every class on.
// Times matchOutput + formatDiff and reports peak memory against PRODUCT.md §8
// (≤ 1 s, ≤ 300 MB). Run after `npx tsc -p .`: node scripts/bench/match.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BindingTable } from '../../dist/match/binding-table.js';
import { formatDiff } from '../../dist/match/format-diff.js';
import { matchOutput } from '../../dist/match/match-output.js';
import { resolveClasses } from '../../dist/match/volatile-classes.js';

const LINES = 100_000;
const DIFFERING = 10;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// A deterministic chain hash and address per rule, different on each "cluster".
function hash(n, salt) {
  let h = '';
  for (let i = 0; i < 16; i++) h += B32[(n * 7 + i * 13 + salt * 5 + ((n >> i) & 7)) % 32];
  return h;
}
const ip = (n, base) => `10.${base}.${(n >> 8) & 255}.${(n & 255) || 1}`;

function rule(n, cluster) {
  const svc = hash(n, cluster);
  const sep = hash(n + 1_000_003, cluster);
  const base = cluster === 0 ? 42 : 44;
  if (n % 3 === 0) return `-A KUBE-SERVICES -d ${ip(n, base + 1)}/32 -p tcp -m comment --comment "ns${n % 50}/svc-${n} cluster IP" -m tcp --dport 80 -j KUBE-SVC-${svc}`;
  if (n % 3 === 1) return `-A KUBE-SEP-${sep} -s ${ip(n, base)}/32 -m comment --comment "ns${n % 50}/svc-${n}" -j KUBE-MARK-MASQ`;
  return `-A KUBE-SEP-${sep} -p tcp -m comment --comment "ns${n % 50}/svc-${n}" -m tcp -j DNAT --to-destination ${ip(n, base)}:8080`;
}

const expected = Array.from({ length: LINES }, (_, n) => {
  const text = rule(n, 0);
  return { text, line: 100 + n, start: 0, end: text.length };
});
let actualText = Array.from({ length: LINES }, (_, n) => rule(n, 1));
const step = Math.floor(LINES / DIFFERING);
for (let k = 0; k < DIFFERING; k++) actualText[k * step + 17] = actualText[k * step + 17].replace('KUBE-MARK-MASQ', 'KUBE-MARK-DROP').replace('--dport 80', '--dport 81').replace('8080', '9090');
const output = actualText.join('\n') + '\n';
actualText = null;

globalThis.gc?.(); // run with --expose-gc to start from a clean heap
const options = { exact: false, unordered: false, classes: resolveClasses({ volatile: {}, normalize: [] }), file: 'bench.md' };
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const verdict = matchOutput(expected, output, new BindingTable(), options);
const t1 = performance.now();
const diff = formatDiff(expected, verdict, 'bench.md');
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
const heapAfter = process.memoryUsage().heapUsed;
const peak = process.resourceUsage().maxRSS * 1024;

const changed = diff.filter((l) => l.startsWith('-') || l.startsWith('+')).length;
const ms = t2 - t0;
const mb = peak / 1024 / 1024;
console.log(`match ${LINES} lines, ${DIFFERING} differing: matchOutput ${(t1 - t0).toFixed(0)} ms + formatDiff ${(t2 - t1).toFixed(0)} ms = ${ms.toFixed(0)} ms (budget 1000 ms) ${ms <= 1000 ? 'OK' : 'OVER'}`);
console.log(`cpu time ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (wall time is noisy on a loaded machine; load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
console.log(`peak RSS ${mb.toFixed(0)} MB (budget 300 MB) ${mb <= 300 ? 'OK' : 'OVER'}; rss before ${(rssBefore / 1024 / 1024).toFixed(0)} MB; heap held by the verdict and table ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(0)} MB`);
console.log(`diff: ${diff.filter((l) => l.startsWith('@@')).length} hunks, ${changed} changed lines, ${verdict.newBindings.length} bindings, ok=${verdict.ok}`);
if (changed !== 2 * DIFFERING) {
  console.error(`expected ${2 * DIFFERING} changed lines in the diff, got ${changed}`);
  process.exitCode = 1;
}

// The same step as an `unordered` block (lines paired by skeleton, not scanned): linear too.
globalThis.gc?.();
const u0 = performance.now();
const unordered = matchOutput(expected, output, new BindingTable(), { ...options, unordered: true });
const u1 = performance.now();
formatDiff(expected, unordered, 'bench.md');
console.log(`unordered: matchOutput ${(u1 - u0).toFixed(0)} ms + formatDiff ${(performance.now() - u1).toFixed(0)} ms, ok=${unordered.ok}`);

// Side by side on the same machine, for scale: a naive in-process matcher (every IPv4 and chain
// hash masked by one regex pass, then lines compared) — what the machine does in JS per line —
globalThis.gc?.();
const mask = (l) => l.replace(/\d+\.\d+\.\d+\.\d+|KUBE-(SVC|SEP)-[A-Z2-7]{16}/g, 'X');
const j0 = performance.now();
const naiveActual = output.split('\n');
let naiveDiffering = 0;
for (let i = 0; i < expected.length; i++) if (mask(expected[i].text) !== mask(naiveActual[i])) naiveDiffering++;
const j1 = performance.now();
console.log(`reference: naive JS mask-and-compare loop ${(j1 - j0).toFixed(0)} ms (${naiveDiffering} differing; ratio ${(ms / (j1 - j0)).toFixed(1)}×)`);

// and GNU diff on the same two texts (no volatile values,
// so every line differs for it: the reference is its time, not its output).
const dir = mkdtempSync(join(tmpdir(), 'bench-match-'));
writeFileSync(join(dir, 'expected'), expected.map((l) => l.text).join('\n') + '\n');
writeFileSync(join(dir, 'actual'), output);
const d0 = performance.now();
const gnu = spawnSync('diff', ['-u', join(dir, 'expected'), join(dir, 'actual')], { maxBuffer: 1 << 30 });
const d1 = performance.now();
rmSync(dir, { recursive: true, force: true });
if (gnu.error) console.log('reference: GNU diff not available');
else console.log(`reference: GNU diff -u on the same files ${(d1 - d0).toFixed(0)} ms (ratio ${(ms / (d1 - d0)).toFixed(1)}×)`);
