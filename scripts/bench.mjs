#!/usr/bin/env node
// `npm run bench`: the budgets of PRODUCT.md §8, each measured side by side
// with its reference in the same run (machines here are noisy). Prints one
// table per figure. Needs hyperfine and cram3 (scripts/setup-system.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, '.bench');
mkdirSync(work, { recursive: true });
const cli = join(root, 'dist/bundle/cli.mjs');

// hyperfine --export-json gives means we can put in a table.
function hyperfine(commands, runs = 10) {
  const out = join(work, 'hf.json');
  execFileSync('hyperfine', ['-N', '-w', '2', '-r', String(runs), '--export-json', out, '-i', ...commands], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(execFileSync('cat', [out], { encoding: 'utf8' })).results.map((r) => ({ command: r.command, mean: r.mean * 1000, stddev: r.stddev * 1000 }));
}

function transcript(n, dir) {
  const md = ['# bench', '', '```console'];
  const t = [];
  for (let i = 0; i < n; i++) {
    md.push(`$ echo line-${i}`, `line-${i}`);
    t.push(`  $ echo line-${i}`, `  line-${i}`);
  }
  md.push('```', '');
  writeFileSync(join(dir, `t${n}.md`), md.join('\n'));
  writeFileSync(join(dir, `t${n}.t`), `${t.join('\n')}\n`);
}

const row = (r) => `${r.command.padEnd(64)} ${r.mean.toFixed(1).padStart(9)} ms ± ${r.stddev.toFixed(1)}`;

console.log('## runbook --version vs node -e 0 (budget: ≤ 1.5 ×)');
const [v, n] = hyperfine([`node ${cli} --version`, 'node -e 0'], 20);
console.log(row(v));
console.log(row(n));
console.log(`ratio ${(v.mean / n.mean).toFixed(2)} ×\n`);

console.log('## 1000-command transcript, local target, whole process, vs cram (budget: ≤ cram; marginal ≤ 0.15 ms/command)');
for (const n of [1000, 2000]) transcript(n, work);
const res = hyperfine([
  `node ${cli} run --reporter plain ${join(work, 't1000.md')}`,
  `node ${cli} run --reporter plain ${join(work, 't2000.md')}`,
  `cram3 --shell=/bin/bash ${join(work, 't1000.t')}`,
  `cram3 --shell=/bin/bash ${join(work, 't2000.t')}`,
], 8);
for (const r of res) console.log(row(r));
const [r1, r2, c1, c2] = res;
console.log(`whole process at 1000: runbook ${r1.mean.toFixed(0)} ms vs cram ${c1.mean.toFixed(0)} ms (ratio ${(r1.mean / c1.mean).toFixed(2)})`);
console.log(`marginal per command (2000 − 1000)/1000: runbook ${((r2.mean - r1.mean) / 1000).toFixed(3)} ms, cram ${((c2.mean - c1.mean) / 1000).toFixed(3)} ms\n`);

for (const sub of ['parse', 'match', 'sessions']) {
  const file = join(root, 'scripts/bench', `${sub}.mjs`);
  if (!existsSync(file)) continue;
  console.log(`## ${sub}`);
  const r = spawnSync('node', [file], { stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${sub} bench exited ${r.status})`);
  console.log('');
}
