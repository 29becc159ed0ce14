#!/usr/bin/env node
// `npm run bench`: every budget of the speed table, each measured side by side
// with its reference in one run — interleaved rounds (A, B, A, B, …, so a
// noisy neighbour hits both), medians, min–max — and whether it holds.
// Needs cram3, /usr/bin/time and sshd (scripts/setup-system.sh installs them).
// ROUNDS=N sets the rounds per figure (default 9).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshd } from './bench/sshd.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, '.bench');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const cli = join(root, 'dist/bundle/cli.cjs');
const ROUNDS = Number(process.env.ROUNDS ?? 9);

// One whole process, wall time in ms (and peak RSS in MB when asked, through GNU time).
function once(argv, { cwd = work, memory = false } = {}) {
  const full = memory ? ['/usr/bin/time', '-f', '__RSS__%M', ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const rss = memory ? Number(/__RSS__(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN) / 1024 : undefined;
  return { ms, rss, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs) => `${median(xs).toFixed(1).padStart(8)} ms  (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;

// Runs the commands in interleaved rounds; returns wall times per command.
function interleaved(commands, rounds = ROUNDS, options = {}) {
  for (const c of commands) once(c.argv, options); // warm-up: disk cache, first-run costs
  const times = commands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? commands.map((_, i) => i) : commands.map((_, i) => commands.length - 1 - i);
    for (const i of order) times[i].push(once(commands[i].argv, options).ms);
  }
  return times;
}

const results = [];
function figure(name, budget, ok, lines) {
  results.push({ name, budget, ok });
  console.log(`## ${name}\n${lines.join('\n')}\nbudget: ${budget} → ${ok ? 'holds' : 'MISSED'}\n`);
}

function transcript(n, name = `t${n}`, dir = work) {
  const md = ['# bench', '', '```console'];
  const t = [];
  for (let i = 0; i < n; i++) {
    md.push(`$ echo line-${i}`, `line-${i}`);
    t.push(`  $ echo line-${i}`, `  line-${i}`);
  }
  md.push('```', '');
  writeFileSync(join(dir, `${name}.md`), md.join('\n'));
  writeFileSync(join(dir, `${name}.t`), `${t.join('\n')}\n`);
  return { md: join(dir, `${name}.md`), t: join(dir, `${name}.t`) };
}

const runbook = (...args) => ['node', cli, ...args];
const cram = (file) => ['cram3', '--shell=/bin/bash', file];

// 1. --version and a 1-command runbook against bare Node.
{
  const one = transcript(1);
  const [v, r1, n] = interleaved([{ argv: runbook('--version') }, { argv: runbook('run', '--reporter', 'plain', one.md) }, { argv: ['node', '-e', '0'] }], ROUNDS * 2);
  const rv = median(v) / median(n);
  const rr = median(r1) / median(n);
  figure('runbook --version vs node -e 0', '≤ 1.3 ×', rv <= 1.3, [`runbook --version ${fmt(v)}`, `node -e 0         ${fmt(n)}`, `ratio ${rv.toFixed(2)} ×`]);
  figure('1-command runbook vs node -e 0', '≤ 1.6 ×', rr <= 1.6, [`runbook run       ${fmt(r1)}`, `node -e 0         ${fmt(n)}`, `ratio ${rr.toFixed(2)} ×`]);
}

// 2. 1000 and 10,000 commands, local, against cram on the same commands.
{
  const t1 = transcript(1000);
  const t2 = transcript(2000);
  const [a1, a2, c1, c2] = interleaved([
    { argv: runbook('run', '--reporter', 'plain', t1.md) },
    { argv: runbook('run', '--reporter', 'plain', t2.md) },
    { argv: cram(t1.t) },
    { argv: cram(t2.t) },
  ]);
  const ratio = median(a1) / median(c1);
  const marginal = (median(a2) - median(a1)) / 1000;
  const cramMarginal = (median(c2) - median(c1)) / 1000;
  figure('1000-command transcript, local, whole process, vs cram3', '≤ 2.5 × cram; marginal ≤ 0.06 ms per command', ratio <= 2.5 && marginal <= 0.06, [
    `runbook 1000 ${fmt(a1)}`, `cram3   1000 ${fmt(c1)}`, `runbook 2000 ${fmt(a2)}`, `cram3   2000 ${fmt(c2)}`,
    `ratio ${ratio.toFixed(2)} ×; marginal per command: runbook ${marginal.toFixed(3)} ms, cram3 ${cramMarginal.toFixed(3)} ms`,
  ]);
  const t10 = transcript(10_000);
  const [b, c] = interleaved([{ argv: runbook('run', '--reporter', 'plain', t10.md) }, { argv: cram(t10.t) }], Math.max(3, Math.ceil(ROUNDS / 2)));
  const r10 = median(b) / median(c);
  figure('10,000-command transcript, local, whole process, vs cram3', '≤ 1.5 × cram', r10 <= 1.5, [`runbook ${fmt(b)}`, `cram3   ${fmt(c)}`, `ratio ${r10.toFixed(2)} ×`]);
}

// 3. One step with 100,000 output lines, 10 differing, through the CLI; and 1,000,000 lines.
{
  const big = (n, name) => {
    const lines = ['```console', `$ seq 1 ${n} | sed 's/^/row /'`];
    for (let i = 1; i <= n; i++) lines.push(i % (n / 10) === 0 ? `row changed-${i}` : `row ${i}`);
    lines.push('```', '');
    writeFileSync(join(work, name), lines.join('\n'));
    return join(work, name);
  };
  const f100 = big(100_000, 'big100k.md');
  const runs = [];
  for (let r = 0; r < Math.max(3, Math.ceil(ROUNDS / 3)); r++) runs.push(once(runbook('run', '--reporter', 'plain', f100), { memory: true }));
  const ms = runs.map((r) => r.ms);
  const rss = Math.max(...runs.map((r) => r.rss));
  const drifted = runs.every((r) => r.status === 1);
  figure('one step, 100,000 output lines, 10 differing, through the CLI', '≤ 1500 ms, peak memory ≤ 300 MB', median(ms) <= 1500 && rss <= 300 && drifted, [
    `runbook ${fmt(ms)}, peak RSS ${rss.toFixed(0)} MB, exit ${runs[0].status} (1 expected: drift)`,
  ]);
  const f1m = big(1_000_000, 'big1m.md');
  const m = once(runbook('run', '--reporter', 'plain', f1m), { memory: true });
  const linear = m.ms / median(ms);
  figure('one step, 1,000,000 output lines', 'no crash; linear (≈ 10 × the 100,000-line time, ≤ 15 ×)', m.status === 1 && linear <= 15, [
    `runbook ${m.ms.toFixed(0)} ms, peak RSS ${m.rss.toFixed(0)} MB, exit ${m.status}; ${linear.toFixed(1)} × the 100,000-line run`,
  ]);
}

// 4. 1000 commands over ssh on loopback against the same on the local target.
if (existsSync('/usr/sbin/sshd')) {
  const sshd = await startSshd();
  try {
    const t = transcript(1000, 'ssh1000');
    const t2 = transcript(2000, 'ssh2000');
    const config = join(work, 'ssh.config.yaml');
    writeFileSync(config, `default: box\ntargets:\n  box: { ssh: root@127.0.0.1, port: ${sshd.port}, identity: ${sshd.identity} }\n`);
    const local = join(work, 'local.config.yaml');
    writeFileSync(local, 'default: box\ntargets:\n  box: local\n');
    const on = (cfg, file) => ({ argv: runbook('run', '--reporter', 'plain', '--config', cfg, file) });
    // The connection alone, as OpenSSH makes it here: one `ssh … true` (key exchange, auth, the account's shell start-up).
    const bare = { argv: ['ssh', '-p', String(sshd.port), '-i', sshd.identity, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', 'root@127.0.0.1', 'true'] };
    const [s, l, s2, l2, b] = interleaved([on(config, t.md), on(local, t.md), on(config, t2.md), on(local, t2.md), bare]);
    const r = median(s) / median(l);
    // What the connection costs and what each command costs apart: the second 1000 commands, ssh against local.
    const perSsh = (median(s2) - median(s)) / 1000;
    const perLocal = (median(l2) - median(l)) / 1000;
    figure('1000 commands over ssh on loopback vs local', '≤ 1.5 ×', r <= 1.5, [
      `ssh   ${fmt(s)}`, `local ${fmt(l)}`, `ratio ${r.toFixed(2)} ×`,
      `per command (2000 − 1000): ssh ${perSsh.toFixed(3)} ms, local ${perLocal.toFixed(3)} ms; the rest is the connection: ${(median(s) - median(l) - 1000 * (perSsh - perLocal)).toFixed(0)} ms`,
      `a bare \`ssh … true\` to the same server: ${fmt(b)}`,
    ]);
  } finally {
    await sshd.stop();
  }
} else console.log('## 1000 commands over ssh: skipped (no /usr/sbin/sshd)\n');

// 5. check --replay of 200 recorded runbooks against cram3 running the same 200 files live.
{
  const dir = join(work, 'replay');
  mkdirSync(join(dir, 'runbooks'), { recursive: true });
  const cramFiles = [];
  for (let i = 0; i < 200; i++) {
    const lines = ['```console'];
    const t = [];
    for (let k = 0; k < 5; k++) {
      lines.push(`$ echo r${i}-${k}`, `r${i}-${k}`);
      t.push(`  $ echo r${i}-${k}`, `  r${i}-${k}`);
    }
    lines.push('```', '');
    writeFileSync(join(dir, 'runbooks', `r${i}.md`), lines.join('\n'));
    writeFileSync(join(dir, `r${i}.t`), `${t.join('\n')}\n`);
    cramFiles.push(join(dir, `r${i}.t`));
  }
  execFileSync('node', [cli, 'run', '--record', '--reporter', 'plain', ...Array.from({ length: 200 }, (_, i) => join('runbooks', `r${i}.md`))], { cwd: dir, stdio: 'ignore' });
  const [rp, cr] = interleaved([{ argv: runbook('check', '--replay', '--reporter', 'plain', 'runbooks') }, { argv: ['cram3', '--shell=/bin/bash', ...cramFiles] }], Math.max(3, Math.ceil(ROUNDS / 2)), { cwd: dir });
  const r = median(rp) / median(cr);
  figure('check --replay of 200 recorded runbooks vs cram3 running them live', '≤ 1.0 ×', r <= 1.0, [`runbook check --replay ${fmt(rp)}`, `cram3 (live)           ${fmt(cr)}`, `ratio ${r.toFixed(2)} ×`]);
}

// 6. parse + plan of a 1 MB runbook.
{
  const lines = ['# big', ''];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const block = ['## section ' + i, '', 'Some prose about the step.', '', '```console', `$ echo value-${i} 10.42.${i % 250}.${i % 200}`, `value-${i} 10.42.${i % 250}.${i % 200}`, '```', ''];
    size += block.join('\n').length + 1;
    lines.push(...block);
  }
  writeFileSync(join(work, 'big-doc.md'), lines.join('\n'));
  const [p] = interleaved([{ argv: runbook('plan', join(work, 'big-doc.md')) }], Math.max(3, Math.ceil(ROUNDS / 3)));
  figure('parse + plan of a 1 MB runbook, whole process', '≤ 1000 ms', median(p) <= 1000, [`runbook plan ${fmt(p)}`]);
}

console.log('## Summary');
for (const r of results) console.log(`${r.ok ? 'holds ' : 'MISSED'}  ${r.name} (${r.budget})`);
