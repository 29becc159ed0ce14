// `check --shard K/N` runs one part of the runbooks found, each file's part
// decided by a hash of its path.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

const pass = (name: string) => `# ${name}\n\n\`\`\`console\n$ echo ${name}\n${name}\n\`\`\`\n`;

// Five runbooks: four pass (one with a skipped step and an id, one in a subfolder), one drifts.
const FIVE: Record<string, string> = {
  'alpha.md': pass('alpha'),
  'beta.md': pass('beta'),
  'drift.md': '# drift\n\n```console\n$ echo a\nb\n$ echo fine\nfine\n```\n',
  'ops/delta.md': `${pass('delta')}\n<!-- runbook: skip -->\n\`\`\`console\n$ echo never\n\`\`\`\n\n<!-- runbook: id=tagged -->\n\`\`\`console\n$ echo tagged\ntagged\n\`\`\`\n`,
  'gamma.md': pass('gamma'),
};

/** A scratch folder with `runbooks/` holding the given files. */
function project(files: Record<string, string>): string {
  const dir = scratch();
  for (const [name, text] of Object.entries(files)) write(dir, name, text);
  return dir;
}

function write(dir: string, name: string, text: string): void {
  const path = join(dir, 'runbooks', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

interface Report {
  shard: { index: number; total: number } | null;
  runbooks: { file: string; steps: { status: string }[] }[];
  totals: Record<string, number>;
}

const readReport = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Report;

/** Runs every shard K/N of `check` with a JSON report each; returns their exit codes and the files each ran. */
async function runShards(dir: string, total: number, extra: string[] = []) {
  const shards: { code: number | undefined; files: string[]; report: string }[] = [];
  for (let k = 1; k <= total; k++) {
    const report = `reports/shard-${k}.json`;
    const r = await runbook(['check', '--shard', `${k}/${total}`, '--reporter', 'json', '--output', report, ...extra], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error/);
    const doc = readReport(dir, report);
    expect(doc.shard).toEqual({ index: k, total });
    shards.push({ code: r.exitCode, files: doc.runbooks.map((b) => b.file), report });
  }
  return shards;
}

describe('check --shard K/N', () => {
  it('every runbook runs in exactly one shard, and a shard fails only if it holds the drift', async () => {
    const dir = project(FIVE);
    const shards = await runShards(dir, 3);
    const all = shards.flatMap((s) => s.files);
    expect([...all].sort()).toEqual(Object.keys(FIVE).map((f) => `runbooks/${f}`).sort());
    expect(new Set(all).size).toBe(all.length);
    for (const s of shards) expect(s.code).toBe(s.files.includes('runbooks/drift.md') ? 1 : 0);
  });

  it('adding runbooks moves no other runbook to another shard', async () => {
    const dir = project(FIVE);
    const before = await runShards(dir, 3);
    write(dir, 'aaa-first.md', pass('first'));
    write(dir, 'ops/added.md', pass('added'));
    write(dir, 'zzz/last.md', pass('last'));
    const after = await runShards(dir, 3);
    for (let k = 0; k < 3; k++) {
      const old = after[k]!.files.filter((f) => !/aaa-first|added|last/.test(f));
      expect(old).toEqual(before[k]!.files);
    }
    expect(after.flatMap((s) => s.files)).toHaveLength(8);
  });

  it('the part depends on the path relative to the folder checked, not on where the folder is', async () => {
    const dir = project(FIVE);
    const here = await runShards(dir, 3);
    const moved = scratch();
    for (const [name, text] of Object.entries(FIVE)) {
      const path = join(moved, 'docs', 'books', name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const there = await runShards(moved, 3, ['docs/books']);
    expect(there.map((s) => s.files.map((f) => f.replace('docs/books/', 'runbooks/')))).toEqual(here.map((s) => s.files));
  });

  it('a shard with no runbooks says so and passes with an empty summary', async () => {
    const dir = project({ 'only.md': pass('only') });
    const results = [];
    for (const k of [1, 2]) results.push(await runbook(['check', '--shard', `${k}/2`, '--reporter', 'plain'], { cwd: dir }));
    const empty = results.find((r) => !r.stdout.includes('PASS'))!;
    const full = results.find((r) => r.stdout.includes('PASS'))!;
    expect(empty.exitCode).toBe(0);
    expect(empty.stderr).toMatch(/shard [12]\/2 has no runbooks/);
    expect(empty.stdout.trim().split('\n').pop()).toBe('0 passed, 0 failed, 0 skipped');
    expect(full.exitCode).toBe(0);
    expect(full.stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
  });

  for (const bad of ['0/3', '4/3', '1/0', 'x', '1/3/5', '-1/3']) {
    it(`--shard ${bad} is bad input: exit 2, the message gives the form K/N, nothing runs`, async () => {
      const dir = project(FIVE);
      const r = await runbook(['check', `--shard=${bad}`, '--reporter', 'plain'], { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/--shard: .*K\/N/);
      expect(r.stdout).not.toMatch(/PASS|FAIL|passed/);
    });
  }

  it('--only looks for its ids in the runbooks of every shard', async () => {
    const dir = project(FIVE);
    const shards = await runShards(dir, 3, ['--only', 'tagged']);
    for (const s of shards) expect(s.code).toBe(0);
    const ran = shards.flatMap((s) => readReport(dir, s.report).runbooks.flatMap((b) => b.steps.map((st) => `${b.file} ${st.status}`)));
    expect(ran.filter((r) => !r.endsWith('skipped'))).toEqual(['runbooks/ops/delta.md passed']);
    const missing = await runbook(['check', '--shard', '1/3', '--only', 'nowhere', '--reporter', 'plain'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/--only nowhere: no step of these runbooks has that id/);
  });
});
