// Benchmark of the session layer (PRODUCT.md §8): 1000 `echo line-N` commands
// on the local target and over ssh on loopback through the persistent session,
// against one `ssh host echo line-N` process per command (no connection reuse:
// what a script without runbook does). Run after `npx tsc -p .`:
//   node scripts/bench/sessions.mjs [N=1000] [PER_CMD_SSH=100]
import { spawn } from 'node:child_process';
import { createSessionPool } from '../../dist/sessions/pool.js';
import { startSshd } from './sshd.mjs';

const N = Number(process.argv[2] ?? 1000);
const M = Number(process.argv[3] ?? 100);
const ROUNDS = 5;
const opts = { timeoutMs: 60_000 };

// ms per command for N commands through one session (after a short warm-up).
async function throughSession(pool, target) {
  const s = pool.session(target);
  for (let i = 0; i < 50; i++) await s.run(`echo warm-${i}`, opts);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await s.run(`echo line-${i}`, opts);
    if (r.output !== `line-${i}\n`) throw new Error(`${target}: unexpected ${JSON.stringify(r)}`);
  }
  return (performance.now() - t0) / N;
}

// ms per command when each command is its own ssh process.
async function onePerCommand(argvBase, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const out = await new Promise((resolve, reject) => {
      const c = spawn(argvBase[0], [...argvBase.slice(1), `echo line-${i}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let o = '';
      c.stdout.on('data', (d) => (o += d));
      c.once('error', reject);
      c.once('close', () => resolve(o));
    });
    if (out !== `line-${i}\n`) throw new Error(`ssh per command: unexpected ${JSON.stringify(out)}`);
  }
  return (performance.now() - t0) / count;
}

const sshd = await startSshd();
try {
  const pool = createSessionPool({ here: 'local', box: sshd.spec });
  // The machine is noisy: alternate the two modes for ROUNDS rounds and keep each mode's median.
  const locals = [];
  const sshs = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      locals.push(await throughSession(pool, 'here'));
      sshs.push(await throughSession(pool, 'box'));
    }
  } finally {
    await pool.closeAll();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const local = median(locals);
  const ssh = median(sshs);
  console.log(`rounds (ms/cmd): local ${locals.map((x) => x.toFixed(3)).join(' ')}; ssh ${sshs.map((x) => x.toFixed(3)).join(' ')}\n`);
  const base = ['ssh', '-T', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${sshd.dir}/kh`,
    '-o', 'LogLevel=ERROR', '-p', String(sshd.port), '-i', sshd.identity, 'root@127.0.0.1'];
  const perCmd = await onePerCommand(base, M);
  const mux = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${sshd.dir}/cm-%C`, '-o', 'ControlPersist=30'];
  const perCmdMux = await onePerCommand([...base.slice(0, -1), ...mux, base.at(-1)], M);
  await new Promise((r) => spawn('ssh', ['-o', `ControlPath=${sshd.dir}/cm-%C`, '-p', String(sshd.port), '-O', 'exit', 'root@127.0.0.1'], { stdio: 'ignore' }).once('close', r));

  const row = (what, n, ms, note) => console.log(`| ${what.padEnd(44)} | ${String(n).padStart(5)} | ${ms.toFixed(3).padStart(9)} | ${note}`);
  console.log(`| ${'mode'.padEnd(44)} | ${'cmds'.padStart(5)} | ${'ms/cmd'.padStart(9)} | note`);
  console.log(`|${'-'.repeat(46)}|${'-'.repeat(7)}|${'-'.repeat(11)}|------`);
  row('local target, persistent session', N, local, `median of ${ROUNDS} rounds`);
  row('ssh on loopback, persistent session', N, ssh, `median of ${ROUNDS} rounds; ${(ssh / local).toFixed(2)} × local (budget ≤ 2 ×)`);
  row('one `ssh host echo` per command', M, perCmd, `${(perCmd / ssh).toFixed(1)} × slower than the session (budget ≥ 10 ×)${M < N ? `; ${M} run, ${N} extrapolated = ${(perCmd * N / 1000).toFixed(1)} s` : ''}`);
  row('one `ssh host echo` per command, ControlMaster', M, perCmdMux, `${(perCmdMux / ssh).toFixed(1)} × slower than the session (for reference)`);
  const ok = ssh <= 2 * local && perCmd >= 10 * ssh;
  console.log(`\nbudget (PRODUCT.md §8, ssh ≤ 2 × local and ≥ 10 × faster than ssh per command): ${ok ? 'met' : 'NOT met'}`);
} finally {
  await sshd.stop();
}
