// `check --shard K/N` runs one part of the runbooks found, each file's part
// decided by a hash of its path; `merge-reports` joins the shards' JSON
// reports into the report of the whole, in any reporter, with its exit code.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The JSON without what changes run to run (durations) and the shard. */
function comparable(report: Report): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'durationMs').map(([k, x]) => [k, strip(x)]));
    return v;
  };
  const { shard: _shard, ...rest } = report;
  return strip(rest);
}

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

/** Tags open and close in order (a well-formedness check for the reporter's XML, which escapes all text). */
function balancedXml(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

const stripTimes = (xml: string) => xml.replace(/ time="[0-9.]+"/g, '');

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
    const whole = await runbook(['check', '--only', 'tagged', '--reporter', 'json'], { cwd: dir });
    expect(whole.exitCode).toBe(0);
    const shards = await runShards(dir, 3, ['--only', 'tagged']);
    for (const s of shards) expect(s.code).toBe(0);
    const merged = await runbook(['merge-reports', '--reporter', 'json', ...shards.map((s) => s.report)], { cwd: dir });
    expect(merged.exitCode).toBe(0);
    expect(comparable(JSON.parse(merged.stdout))).toEqual(comparable(JSON.parse(whole.stdout)));
    const missing = await runbook(['check', '--shard', '1/3', '--only', 'nowhere', '--reporter', 'plain'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/--only nowhere: no step of these runbooks has that id/);
  });
});

describe('merge-reports', () => {
  it('the merged JSON is the unsharded report (but for durations), with the same exit code', async () => {
    const dir = project(FIVE);
    const whole = await runbook(['check', '--reporter', 'json'], { cwd: dir });
    expect(whole.exitCode).toBe(1);
    const wholeReport = JSON.parse(whole.stdout) as Report;
    expect(wholeReport.shard).toBeNull();
    const shards = await runShards(dir, 3);
    const merged = await runbook(['merge-reports', '--reporter', 'json', ...shards.map((s) => s.report)], { cwd: dir });
    expect(merged.exitCode).toBe(1);
    const report = JSON.parse(merged.stdout) as Report;
    expect(report.shard).toBeNull();
    expect(comparable(report)).toEqual(comparable(wholeReport));
    expect(report.runbooks.map((r) => r.file)).toEqual(['runbooks/alpha.md', 'runbooks/beta.md', 'runbooks/drift.md', 'runbooks/gamma.md', 'runbooks/ops/delta.md']);
    expect(report.totals).toMatchObject({ passed: 6, failed: 1, skipped: 1, drifted: 1 });
    expect(merged.stderr).toMatch(/^6 passed, 1 failed, 1 skipped$/m);
  });

  it('plain, github and junit from the shards read as the unsharded check does', async () => {
    const dir = project(FIVE);
    const shards = await runShards(dir, 3);
    const reports = shards.map((s) => s.report);
    for (const reporter of ['plain', 'github']) {
      const whole = await runbook(['check', '--reporter', reporter], { cwd: dir });
      const merged = await runbook(['merge-reports', '--reporter', reporter, ...reports], { cwd: dir });
      expect(merged.exitCode).toBe(1);
      expect(merged.stdout).toBe(whole.stdout);
    }
    const merged = await runbook(['merge-reports', '--reporter', 'plain', ...reports], { cwd: dir });
    expect(merged.stdout).toContain('FAIL runbooks/drift.md:4 [local] echo a\n');
    expect(merged.stdout).toContain('  -b\n  +a\n');
    expect(merged.stdout.trim().split('\n').pop()).toBe('6 passed, 1 failed, 1 skipped');

    const whole = await runbook(['check', '--reporter', 'junit', '--output', 'whole.xml'], { cwd: dir });
    expect(whole.exitCode).toBe(1);
    const junit = await runbook(['merge-reports', '--reporter', 'junit', '--output', 'out/merged.xml', ...reports], { cwd: dir });
    expect(junit.exitCode).toBe(1);
    expect(junit.stderr).toMatch(/^6 passed, 1 failed, 1 skipped$/m);
    const xml = readFileSync(join(dir, 'out/merged.xml'), 'utf8');
    expect(balancedXml(xml)).toBe(true);
    expect(xml).toContain('<testsuites tests="8" failures="1" errors="0" skipped="1">');
    expect(xml.match(/<testsuite /g)).toHaveLength(5);
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toMatch(/<failure type="structure-changed" message="drifted \(structure changed\): [^"]*">[^<]*-b\n {2}\+a<\/failure>/);
    expect(stripTimes(xml)).toBe(stripTimes(readFileSync(join(dir, 'whole.xml'), 'utf8')));
  });

  it('exits 0 when every shard passed', async () => {
    const { 'drift.md': _drift, ...passing } = FIVE;
    const dir = project(passing);
    const shards = await runShards(dir, 2);
    const merged = await runbook(['merge-reports', '--reporter', 'plain', ...shards.map((s) => s.report)], { cwd: dir });
    expect(merged.exitCode).toBe(0);
    expect(merged.stdout).toMatch(/^5 passed, 0 failed, 1 skipped$/m);
  });

  it('a missing shard is bad input naming the reports', async () => {
    const dir = project(FIVE);
    const shards = await runShards(dir, 3);
    const r = await runbook(['merge-reports', '--reporter', 'json', shards[0]!.report, shards[2]!.report], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('shard 2/3 is missing');
    expect(r.stderr).toContain('reports/shard-1.json');
    expect(r.stderr).toContain('reports/shard-3.json');
    expect(r.stdout).toBe('');
  });

  it('a shard given twice is bad input naming both reports', async () => {
    const dir = project(FIVE);
    const shards = await runShards(dir, 3);
    copyFileSync(join(dir, shards[1]!.report), join(dir, 'reports/again.json'));
    const r = await runbook(['merge-reports', ...shards.map((s) => s.report), 'reports/again.json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/shard 2\/3 is duplicated: reports\/shard-2\.json and reports\/again\.json/);
    const same = await runbook(['merge-reports', ...shards.map((s) => s.report), shards[0]!.report], { cwd: dir });
    expect(same.exitCode).toBe(2);
    expect(same.stderr).toContain('reports/shard-1.json is given twice');
  });

  it('shards of different N, a file that is not a report, and a runbook in two reports are bad input', async () => {
    const dir = project(FIVE);
    const threes = await runShards(dir, 3);
    await runbook(['check', '--shard', '1/2', '--reporter', 'json', '--output', 'two/shard-1.json'], { cwd: dir });
    const mixed = await runbook(['merge-reports', ...threes.map((s) => s.report), 'two/shard-1.json'], { cwd: dir });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/mixed N/);
    expect(mixed.stderr).toContain('two/shard-1.json (1/2)');

    writeFileSync(join(dir, 'other.json'), '{"runbooks": []}\n');
    for (const notReport of ['runbooks/alpha.md', 'other.json', 'nothing-here.json']) {
      const r = await runbook(['merge-reports', notReport], { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${notReport}: `);
      expect(r.stderr).toMatch(/not a runbook JSON report|no such report file/);
    }

    await runbook(['check', '--reporter', 'json', '--output', 'all.json'], { cwd: dir });
    await runbook(['check', 'runbooks/beta.md', '--reporter', 'json', '--output', 'beta.json'], { cwd: dir });
    const twice = await runbook(['merge-reports', 'all.json', 'beta.json'], { cwd: dir });
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain('runbooks/beta.md is in two reports: all.json and beta.json');

    // One unsharded report alone is rendered again, in another reporter.
    const again = await runbook(['merge-reports', '--reporter', 'plain', 'all.json'], { cwd: dir });
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toMatch(/^6 passed, 1 failed, 1 skipped$/m);

    const withWhole = await runbook(['merge-reports', 'all.json', threes[0]!.report], { cwd: dir });
    expect(withWhole.exitCode).toBe(2);
    expect(withWhole.stderr).toMatch(/cannot mix .* all\.json has no shard/);

    const over = await runbook(['merge-reports', '--output', threes[0]!.report, ...threes.map((s) => s.report)], { cwd: dir });
    expect(over.exitCode).toBe(2);
    expect(readReport(dir, threes[0]!.report).shard).toEqual({ index: 1, total: 3 });
  });

  it('an interrupted shard makes the merge exit 130', async () => {
    const dir = project({ 'slow.md': '# slow\n\n```console\n$ touch started; sleep 30\n```\n' });
    const child = runbook(['check', '--shard', '1/1', '--reporter', 'json', '--output', 'slow.json'], { cwd: dir, timeout: 60_000 });
    for (let i = 0; i < 200 && !existsSync(join(dir, 'started')); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
    const merged = await runbook(['merge-reports', '--reporter', 'plain', 'slow.json'], { cwd: dir });
    expect(merged.exitCode).toBe(130);
    expect(merged.stdout).toMatch(/0 passed, 1 failed, 0 skipped$/);
  });
});
