// The lab's simulated control plane: the kubectl and multipass stand-ins that
// `lab up` installs, held against the cheat sheet's own transcripts column for
// column (runbooks/networking.md), and their exec paths against the real
// namespaces. The layout functions are checked without root; the rest builds
// the lab (root and a built CLI needed) and always tears it down.
import { execa } from 'execa';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunbook } from '../../src/commands/load-runbook.js';
import { COREFILE, nodeHosts } from '../../src/lab/control-plane/cluster.js';
import { toYaml } from '../../src/lab/control-plane/serialize.js';
import { LAB_BIN_DIR, LAB_RUN_DIR } from '../../src/lab/control-plane/state.js';
import { humanDuration, multipassList, tabwrite } from '../../src/lab/control-plane/table.js';
import { labDown } from '../../src/lab/down.js';
import { labTopology } from '../../src/lab/topology.js';
import type { Step } from '../../src/markdown/types.js';
import { cliPath, root, runbook } from '../support/cli.js';

const isRoot = process.getuid?.() === 0;
const built = existsSync(cliPath);

// ---- the cheat sheet's transcripts ------------------------------------------------

const sheet = await loadRunbook(join(root, 'runbooks', 'networking.md'));
/** The cheat sheet's step that runs `command` (its `nth` one), found by its command so edits elsewhere move nothing. */
const stepOf = (command: string, nth = 0): Step => {
  const s = sheet.runbook.steps.filter((x) => x.command === command)[nth];
  if (!s) throw new Error(`no step \`${command}\` (#${nth + 1}) in runbooks/networking.md`);
  return s;
};
/** The expected lines of that step, `[...]` and the rest as written. */
const transcript = (command: string, nth = 0) => (stepOf(command, nth).expected ?? []).map((l) => l.text);
const SHEET = {
  multipassList: () => transcript('multipass list'),
  nodes: () => transcript('kubectl get nodes'),
  svcBefore: () => transcript('kubectl get svc -o wide', 0),
  svcAfter: () => transcript('kubectl get svc -o wide', 1),
  pods: () => transcript('kubectl get pods -o wide'),
  curl: () => transcript('kubectl  exec -it test-pod -- curl http://nginx-service:80/'),
  resolvConf: () => transcript('kubectl  exec -it test-pod -- cat /etc/resolv.conf'),
  svcAll: () => transcript('kubectl get svc -A'),
  kubeSystemPods: () => transcript('kubectl get pods -n kube-system'),
  corednsYaml: () => transcript('kubectl get cm -n kube-system coredns  -o yaml'),
  describeGrep: () => transcript('kubectl describe pod -n kube-system coredns-6799fbcd5-9ln42 | grep containerd'),
  serviceRules: () => transcript('sudo iptables-save | grep  10.43.180.238'),
};

/** Where each column of a kubectl header starts (after a run of 2+ spaces). */
function columnStarts(header: string): number[] {
  const starts = [0];
  for (const m of header.matchAll(/ {2,}(?=\S)/g)) starts.push(m.index! + m[0].length);
  return starts;
}

/** A kubectl table cut at its header's column starts: the header's names, and each row's cells. */
function parseTable(lines: string[]): { header: string[]; starts: number[]; rows: string[][] } {
  const starts = columnStarts(lines[0]!);
  const cut = (l: string) => starts.map((s, i) => l.slice(s, starts[i + 1] ?? l.length).trim());
  return { header: cut(lines[0]!), starts, rows: lines.slice(1).filter((l) => l.trim() && l.trim() !== '[...]').map(cut) };
}

const AGE = /^(?:\d+y(?:\d+d)?|\d+d(?:\d+h)?|\d+h(?:\d+m)?|\d+m(?:\d+s)?|\d+s)$/;

/**
 * The lab's table against the cheat sheet's, column for column: the same
 * header; for each of the cheat sheet's rows, a row with the same cells
 * (AGE aside, which only has to be an age); and the lab's text laid out
 * exactly as kubectl lays out those cells.
 */
function expectSameTable(labText: string, sheetLines: string[], opts: { extraRows?: number } = {}): string[][] {
  const lab = parseTable(labText.trimEnd().split('\n'));
  const want = parseTable(sheetLines);
  expect(lab.header).toEqual(want.header);
  const age = want.header.indexOf('AGE');
  for (const row of want.rows) {
    const got = lab.rows.find((r) => r[0] === row[0] && (want.header[0] !== 'NAMESPACE' || r[1] === row[1]));
    expect(got, `row ${row[0]} ${row[1]}`).toBeDefined();
    for (const [i, cell] of got!.entries()) {
      if (i === age) expect(cell).toMatch(AGE);
      else expect(cell, `${want.header[i]} of ${row[0]}`).toBe(row[i]);
    }
  }
  if (opts.extraRows !== undefined) expect(lab.rows.length - want.rows.length).toBe(opts.extraRows);
  expect(labText).toBe(tabwrite([lab.header, ...lab.rows]));
  return lab.rows;
}

// ---- the layouts, without a lab -------------------------------------------------------

describe('control plane layouts (no lab)', () => {
  it("kubectl's tabwriter gives back the cheat sheet's tables byte for byte from their cells", () => {
    for (const [name, lines] of Object.entries({ nodes: SHEET.nodes(), svcBefore: SHEET.svcBefore(), pods: SHEET.pods(), svcAfter: SHEET.svcAfter() })) {
      const t = parseTable(lines);
      const cells = [t.header, ...t.rows];
      expect(tabwrite(cells), name).toBe(lines.map((l) => `${l.trimEnd()}\n`).join(''));
    }
  });

  it("multipass list gives back the cheat sheet's listing byte for byte", () => {
    const lines = SHEET.multipassList();
    const instances = [
      { name: 'test-metalbv2', state: 'Running', ipv4: ['10.65.94.106', '10.42.0.0', '10.42.0.1'], release: '20.04 LTS' },
      ...labTopology('a').nodes.map((n, i) => ({ name: n.name, state: 'Running', ipv4: [n.ip, `10.42.${i}.0`, `10.42.${i}.1`], release: '22.04 LTS' })),
    ];
    expect(multipassList(instances.reverse())).toBe(lines.map((l) => `${l.trimEnd()}\n`).join(''));
    expect(multipassList([])).toBe('No instances found.\n');
  });

  it("AGE as kubectl's duration.HumanDuration writes it", () => {
    const s = 1000;
    expect([20 * s, 119 * s, 275 * s, 600 * s, 179 * 60 * s, 4 * 3600 * s + 5 * 60 * s, 22 * 3600 * s, 46 * 3600 * s, 50 * 3600 * s, 800 * 86400 * s].map(humanDuration)).toEqual([
      '20s', '119s', '4m35s', '10m', '179m', '4h5m', '22h', '46h', '2d2h', '2y70d',
    ]);
  });

  it("the coredns config map's YAML is the cheat sheet's, as far as the cheat sheet shows it", () => {
    const yaml = toYaml({ apiVersion: 'v1', data: { Corefile: COREFILE, NodeHosts: nodeHosts(labTopology('a')) }, kind: 'ConfigMap' });
    const shown = SHEET.corednsYaml();
    expect(yaml.split('\n').slice(0, shown.length)).toEqual(shown);
  });
});

// ---- the stand-ins on the lab -------------------------------------------------------------

const env = { PATH: `${LAB_BIN_DIR}:${process.env.PATH}` };
/** Runs a stand-in (`kubectl …`, `multipass …`) as a shell would find it: the script in the lab's bin folder. */
function tool(argv: string[], opts: { input?: string } = {}) {
  return execa(argv[0]!, argv.slice(1), { env, reject: false, timeout: 30_000, ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' }) });
}
const kubectl = (...args: string[]) => tool(['kubectl', ...args]);

/** A scratch folder holding `name`: a runbook whose one target is `vm1` (multipass), the rest of it `lines`. */
function onVm1(prefix: string, name: string, lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, name), ['---', 'runbook:', '  targets:', '    vm1: { multipass: vm1 }', '---', ...lines].join('\n'));
  return dir;
}

/** Runs runbooks/networking.md on the lab that is up: every step passes but the differences docs/lab.md lists. */
async function sheetOnTheLab(): Promise<void> {
  const r = await runbook(['run', '--lab', '--reporter', 'plain', 'runbooks/networking.md'], { timeout: 120_000 });
  const out = String(r.all);
  const failed = [...out.matchAll(/^FAIL runbooks\/networking\.md:\d+ \[[\w-]+\] (.*)$/gm)].map((m) => m[1]);
  // The author's iptables is v1.8.7, which the cheat sheet's error message names.
  const sameIptables = (await execa('iptables', ['-V'])).stdout.startsWith('iptables v1.8.7 ');
  // Each is documented in docs/lab.md ("The cheat sheet on the lab"), with its cause.
  const known = [
    'kubectl get cm -n kube-system coredns  -o yaml', // the author cut the output after NodeHosts
    ...(sameIptables ? [] : ['sudo iptables -S KUBE-SVC-MUSBZEOMK5UKWKKU -v']), // this machine's iptables version
  ];
  expect(failed, out).toEqual(known);
  expect(out).toContain(`${24 - known.length} passed, ${known.length} failed, 9 skipped`);
}

describe.skipIf(!isRoot || !built)('control plane stand-ins on the lab', () => {
  afterAll(async () => {
    await labDown();
    expect(existsSync(LAB_RUN_DIR)).toBe(false);
  });

  describe('variant a (the cheat sheet)', () => {
    beforeAll(async () => {
      const r = await runbook(['lab', 'up', '--variant', 'a']);
      expect(r.exitCode, String(r.all)).toBe(0);
    });

    it('installs the stand-ins, each saying what it stands in for', async () => {
      for (const name of ['kubectl', 'multipass', 'sudo']) {
        const text = (await execa('cat', [join(LAB_BIN_DIR, name)])).stdout;
        expect(text, name).toMatch(/^#!\/bin\/sh\n# STAND-IN for /);
      }
      expect((await tool(['sh', '-c', 'command -v kubectl'])).stdout).toBe(join(LAB_BIN_DIR, 'kubectl'));
    });

    it('kubectl get nodes, svc, pods: the cheat sheet\'s columns and rows', async () => {
      expectSameTable((await kubectl('get', 'nodes')).stdout + '\n', SHEET.nodes(), { extraRows: 0 });
      // The first `get svc -o wide` is before the NodePort service; the second after it.
      expectSameTable((await kubectl('get', 'svc', '-o', 'wide')).stdout + '\n', SHEET.svcAfter(), { extraRows: 0 });
      const pods = expectSameTable((await kubectl('get', 'pods', '-o', 'wide')).stdout + '\n', SHEET.pods(), { extraRows: 3 });
      expect(pods.filter((r) => r[0]!.startsWith('nginx-np-deployment-5f6c8b7d49-')).map((r) => r[5])).toEqual(['10.42.1.6', '10.42.2.5', '10.42.0.10']);
      expectSameTable((await kubectl('get', 'pods', '-n', 'kube-system')).stdout + '\n', SHEET.kubeSystemPods(), { extraRows: 0 });
      expectSameTable((await kubectl('get', 'svc', '-A')).stdout + '\n', SHEET.svcAll());
    });

    it('kubectl get -o yaml, describe, endpoints, namespaces', async () => {
      const yaml = (await kubectl('get', 'cm', '-n', 'kube-system', 'coredns', '-o', 'yaml')).stdout.split('\n');
      expect(yaml.slice(0, SHEET.corednsYaml().length)).toEqual(SHEET.corednsYaml());
      expect(yaml).toContain('kind: ConfigMap');
      const describe = await tool(['sh', '-c', 'kubectl describe pod -n kube-system coredns-6799fbcd5-9ln42 | grep containerd']);
      expect(describe.stdout.split('\n')).toEqual(SHEET.describeGrep());
      const ep = (await kubectl('get', 'endpoints')).stdout;
      expect(ep).toMatch(/^nginx-service\s+10\.42\.0\.8:80,10\.42\.1\.2:80,10\.42\.2\.2:80\s+\S+$/m);
      expect(ep).toMatch(/^nginx-np-service\s+10\.42\.0\.10:8080,10\.42\.1\.6:8080,10\.42\.2\.5:8080\s+\S+$/m);
      expect((await kubectl('get', 'ns')).stdout.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'default', 'kube-node-lease', 'kube-public', 'kube-system']);
      const json = JSON.parse((await kubectl('get', 'pod', 'test-pod', '-o', 'json')).stdout) as { status: { podIP: string }; spec: { nodeName: string } };
      expect([json.status.podIP, json.spec.nodeName]).toEqual(['10.42.1.4', 'vm2']);
      const missing = await kubectl('get', 'pod', 'nope');
      expect([missing.exitCode, missing.stderr]).toEqual([1, 'Error from server (NotFound): pods "nope" not found']);
    });

    it("multipass list: the cheat sheet's columns, each VM's addresses read from its namespace", async () => {
      const out = (await tool(['multipass', 'list'])).stdout.split('\n');
      const want = SHEET.multipassList();
      expect(out[0]).toBe(want[0]!.trimEnd());
      // The whole listing, the host's fourth VM and flannel's vxlan addresses included.
      expect(out).toEqual(want.map((l) => l.trimEnd()));
      for (const vm of ['test-metalbv2', 'vm1', 'vm2', 'vm3']) {
        const row = out.find((l) => l.startsWith(`${vm} `))!;
        const sheetRow = want.find((l) => l.startsWith(`${vm} `))!;
        expect(row, vm).toBe(sheetRow.trimEnd());
        const i = out.indexOf(row);
        const live = (await execa('ip', ['-n', `rbl-${vm}`, '-4', '-o', 'addr', 'show', 'scope', 'global'])).stdout.split('\n').map((l) => l.split(/\s+/)[3]!.split('/')[0]);
        expect([row.slice(42, 59).trim(), ...out.slice(i + 1, i + live.length).map((l) => l.trim())], vm).toEqual(live);
        for (const more of out.slice(i + 1, i + live.length)) expect(more.search(/\S/)).toBe(42);
      }
    });

    it('kubectl exec runs in the pod: its resolv.conf, its eth0, its network namespace', async () => {
      const r = await kubectl('exec', '-it', 'test-pod', '--', 'cat', '/etc/resolv.conf');
      expect(r.exitCode).toBe(0);
      expect(r.stdout.split('\n')).toEqual(SHEET.resolvConf());
      expect(r.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file');
      expect((await kubectl('exec', 'test-pod', '--', 'ip', '-4', '-br', 'addr', 'show', 'dev', 'eth0')).stdout).toMatch(/^eth0@if\d+\s+UP\s+10\.42\.1\.4\/24\s*$/);
      const inode = statSync('/run/netns/rbl-test-pod').ino;
      expect((await kubectl('exec', 'test-pod', '--', 'readlink', '/proc/self/ns/net')).stdout).toBe(`net:[${inode}]`);
      const page = await kubectl('exec', 'test-pod', '--', 'curl', '-s', 'http://nginx-service:80/');
      expect(page.stdout.split('\n')).toEqual(SHEET.curl());
    });

    it("kubectl exec into test-pod: names through the lab's coredns, pods reached over flannel", async () => {
      const look = await kubectl('exec', 'test-pod', '--', 'nslookup', 'nginx-service');
      expect(look.stdout.split('\n').filter((l) => /^(Server|Name|Address):/.test(l))).toEqual([
        'Server:\t\t10.43.0.10', 'Address:\t10.43.0.10#53', 'Name:\tnginx-service.default.svc.cluster.local', 'Address: 10.43.180.238',
      ]);
      // test-pod is on vm2, the pod on vm1: two routers (vm2, vm1) on the way, as on the cluster.
      const ping = await kubectl('exec', 'test-pod', '--', 'ping', '-c', '1', '-W', '2', '10.42.0.8');
      expect(ping.stdout).toMatch(/^64 bytes from 10\.42\.0\.8: icmp_seq=1 ttl=62 /m);
    });

    it('kubectl exec keeps the exit status and passes stdin only with -i', async () => {
      const failed = await kubectl('exec', 'test-pod', '--', 'sh', '-c', 'exit 3');
      expect([failed.exitCode, failed.stderr]).toEqual([3, 'command terminated with exit code 3']);
      const withStdin = await tool(['kubectl', 'exec', '-i', 'test-pod', '--', 'sh', '-c', 'cat; exit 0'], { input: 'hello\nworld\n' });
      expect([withStdin.exitCode, withStdin.stdout]).toEqual([0, 'hello\nworld']);
      const noStdin = await tool(['kubectl', 'exec', 'test-pod', '--', 'cat'], { input: 'hello\n' });
      expect([noStdin.exitCode, noStdin.stdout]).toEqual([0, '']);
      const tty = await tool(['kubectl', 'exec', '-it', 'test-pod', '--', 'cat'], { input: 'typed\n' });
      expect([tty.exitCode, tty.stdout, tty.stderr]).toEqual([0, 'typed', 'Unable to use a TTY - input is not a terminal or the right kind of file']);
      const nope = await kubectl('exec', 'no-such-pod', '--', 'true');
      expect([nope.exitCode, nope.stderr]).toEqual([1, 'Error from server (NotFound): pods "no-such-pod" not found']);
      const container = await kubectl('exec', 'test-pod', '-c', 'sidecar', '--', 'true');
      expect([container.exitCode, container.stderr]).toEqual([1, 'error: unable to upgrade connection: container not found ("sidecar")']);
      const cmd = await kubectl('exec', 'test-pod', '--', 'no-such-command');
      expect(cmd.exitCode).toBe(1);
      expect(cmd.stderr).toContain('exec: "no-such-command": executable file not found in $PATH');
    });

    it('multipass exec runs in the VM; kubectl typed there reaches the pods (via: vm1)', async () => {
      const r = await tool(['multipass', 'exec', 'vm1', '--', 'ip', '-br', 'addr']);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe((await execa('ip', ['-n', 'rbl-vm1', '-br', 'addr'])).stdout);
      expect(r.stdout).toMatch(/^eth0@if\d+\s+UP\s+10\.65\.94\.238\/24/m);
      expect((await tool(['multipass', 'exec', 'vm2', '--', 'sh', '-c', 'exit 7'])).exitCode).toBe(7);
      const hop = await tool(['multipass', 'exec', 'vm1', '--', 'kubectl', 'exec', '-i', '-n', 'default', 'test-pod', '--', 'sh', '-c', 'cat; hostname -I'], { input: 'via vm1\n' });
      expect(hop.stdout.split('\n').map((l) => l.trim())).toEqual(['via vm1', '10.42.1.4']);
      const rules = await tool(['multipass', 'exec', 'vm1', '--', 'sh', '-c', 'sudo iptables-save | grep 10.43.180.238']);
      expect(rules.stdout.split('\n')).toEqual(SHEET.serviceRules());
      const unknown = await tool(['multipass', 'exec', 'vm9', '--', 'true']);
      expect([unknown.exitCode, unknown.stderr]).toEqual([2, 'exec failed: instance "vm9" does not exist']);
    });

    it('kubectl run adds a pod (its own namespace, wired to its node); logs, --rm and delete', async () => {
      const made = await kubectl('run', 'probe', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo started; exec sleep 300');
      expect([made.exitCode, made.stdout]).toEqual([0, 'pod/probe created']);
      const row = (await kubectl('get', 'pod', 'probe', '-o', 'wide')).stdout.split('\n')[1]!.split(/\s+/);
      expect(row.slice(0, 3)).toEqual(['probe', '1/1', 'Running']);
      expect(row[5]).toMatch(/^10\.42\.[0-2]\.\d+$/);
      expect(existsSync('/run/netns/rbl-probe')).toBe(true);
      const name = (await kubectl('exec', 'probe', '--', 'getent', 'hosts', 'nginx-service')).stdout;
      expect(name).toMatch(/^10\.43\.180\.238\s+nginx-service\.default\.svc\.cluster\.local$/);
      expect((await kubectl('exec', 'probe', '--', 'curl', '-s', 'http://nginx-service/hostname')).stdout).toMatch(/^nginx-deployment-7c79c4bf97-\w{5}$/);
      await new Promise((r) => setTimeout(r, 300));
      expect((await kubectl('logs', 'probe')).stdout).toBe('started');
      const again = await kubectl('run', 'probe', '--image=busybox');
      expect([again.exitCode, again.stderr]).toEqual([1, 'Error from server (AlreadyExists): pods "probe" already exists']);
      const gone = await kubectl('delete', 'pod', 'probe');
      expect([gone.exitCode, gone.stdout]).toEqual([0, 'pod "probe" deleted']);
      expect(existsSync('/run/netns/rbl-probe')).toBe(false);

      const once = await tool(['kubectl', 'run', 'once', '-i', '--rm', '--image=alpine', '--restart=Never', '--', 'sh', '-c', 'cat; exit 4'], { input: 'in the pod\n' });
      expect([once.exitCode, once.stdout, once.stderr]).toEqual([4, 'in the pod\npod "once" deleted', 'pod default/once terminated (Error)']);
      expect(existsSync('/run/netns/rbl-once')).toBe(false);
      expect((await kubectl('get', 'pods')).stdout).not.toContain('once');
      // A deployment's pod would come back: refused, naming the manifest to delete instead.
      const owned = await kubectl('delete', 'pod', 'nginx-deployment-7c79c4bf97-gk7cj');
      expect([owned.exitCode, owned.stderr]).toEqual([1, expect.stringContaining('kubectl delete -f nginx-svc.yaml')]);
      // test-pod is the story's: deleted, it is not listed until `kubectl run test-pod` deploys it again.
      expect((await kubectl('delete', 'pod', 'test-pod')).stdout).toBe('pod "test-pod" deleted');
      expect((await kubectl('get', 'pod', 'test-pod')).stderr).toBe('Error from server (NotFound): pods "test-pod" not found');
      expect((await kubectl('run', 'test-pod', '--image=nicolaka/netshoot', '--command', '--', 'sleep', 'infinity')).stdout).toBe('pod/test-pod created');
      expect((await kubectl('get', 'pod', 'test-pod')).exitCode).toBe(0);
    });

    it('runbook run --lab: a runbook written for multipass and kubectl runs on the lab with its own targets', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rbl-lab-run-'));
      const file = join(dir, 'cluster.md');
      writeFileSync(
        file,
        [
          '---',
          'runbook:',
          '  default: host',
          '  targets:',
          '    host: local',
          '    vm1: { multipass: vm1 }',
          '    test-pod: { kubectl: test-pod, namespace: default, via: vm1 }',
          '---',
          '```console',
          'root@host:~# multipass list | grep -c Running',
          '4',
          'root@host:~# multipass shell vm1',
          'ubuntu@vm1:~$ kubectl get pods -o wide | grep ^test-pod',
          'test-pod   1/1   Running   0   4m35s   10.42.1.4   vm2   <none>   <none>',
          'ubuntu@vm1:~$ ip -4 -br addr show dev eth0',
          'eth0@if3   UP   10.65.94.238/24',
          'ubuntu@vm1:~$ kubectl exec -it test-pod -- cat /etc/resolv.conf',
          ...SHEET.resolvConf(),
          '```',
          '',
          '```console',
          'test-pod:~# ip -4 -br addr show dev eth0',
          'eth0@if6   UP   10.42.1.4/24',
          'test-pod:~# kubectl get pod test-pod',
          'NAME       READY   STATUS    RESTARTS   AGE',
          'test-pod   1/1     Running   0          22h',
          '```',
          '',
        ].join('\n'),
      );
      const r = await runbook(['run', '--lab', '--reporter', 'plain', file]);
      expect(r.exitCode, String(r.all)).toBe(0);
      expect(String(r.all)).toMatch(/6 passed, 0 failed, 0 skipped/);
      // Without --lab the same runbook finds no multipass (this machine has none).
      const plain = await runbook(['plan', '--check', file]);
      expect(plain.exitCode, String(plain.all)).toBe(1);
      expect((await runbook(['plan', '--check', '--lab', file])).exitCode).toBe(0);
    });

    it('run --lab skips, with why, what one machine cannot have; its recording replays the same skips without --lab', async () => {
      const dir = onVm1('rbl-lab-skips-', 'node.md', [
        '```console',
        'ubuntu@vm1:~$ kubectl apply -f https://github.com/metallb/metallb/raw/v0.14.5/config/manifests/metallb-native.yaml',
        'namespace/metallb-system created',
        'ubuntu@vm1:~$ sudo ctr c info f5499f73a98b',
        '[...]',
        'ubuntu@vm1:~$ sudo cat /var/lib/kubelet/pods/05cc11a6/etc-hosts',
        '# Kubernetes-managed hosts file.',
        'ubuntu@vm1:~$ sudo tcpdump -vni cni0',
        'listening on cni0',
        'ubuntu@vm1:~$ hostname',
        'vm1',
        '```',
        '',
      ]);
      const r = await runbook(['run', '--lab', '--record', '--reporter', 'json', 'node.md'], { cwd: dir });
      expect(r.exitCode, String(r.all)).toBe(0);
      const statuses = (json: string) => JSON.parse(json).runbooks[0].steps.map((s: { status: string; reason?: string; message?: string }) => [s.status, s.reason ?? s.message ?? null]);
      const live = statuses(r.stdout);
      expect(live).toEqual([
        ['skipped', expect.stringMatching(/^kubectl apply -f fetches its manifest from the internet/)],
        ['skipped', expect.stringMatching(/^ctr talks to containerd/)],
        ['skipped', expect.stringMatching(/^\/var\/lib\/kubelet\/ holds a real node's kubelet/)],
        ['skipped', expect.stringMatching(/^tcpdump without -c waits for traffic/)],
        ['passed', null],
      ]);
      // Without --lab the same steps would run (and fail here): only the lab skips them.
      const plan = await runbook(['plan', '--reporter', 'json', 'node.md'], { cwd: dir });
      expect(plan.stdout).not.toContain('skipped on the lab');
      const replay = await runbook(['check', '--replay', '--reporter', 'json', 'node.md'], { cwd: dir });
      expect(replay.exitCode, String(replay.all)).toBe(0);
      expect(statuses(replay.stdout)).toEqual(live);
    });

    it('kubectl get -o jsonpath: a pod\'s IP, a service\'s cluster IP, the nodes\' InternalIPs', async () => {
      expect((await kubectl('get', 'pod', 'test-pod', '-o', 'jsonpath={.status.podIP}')).stdout).toBe('10.42.1.4');
      expect((await kubectl('get', 'svc', 'nginx-service', '-o=jsonpath={.spec.clusterIP}')).stdout).toBe('10.43.180.238');
      const nodes = await kubectl('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}');
      expect(nodes.stdout).toBe('vm1 10.65.94.238\nvm2 10.65.94.199\nvm3 10.65.94.95');
    });

    it('kubectl get endpointslices: one per service, its generated name, ports and addresses', async () => {
      const t = parseTable((await kubectl('get', 'endpointslices', '-n', 'kube-system')).stdout.split('\n'));
      expect(t.header).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
      expect(t.rows.map((r) => r.slice(0, 4))).toEqual([[expect.stringMatching(/^kube-dns-[bcdfghjklmnpqrstvwxz2456789]{5}$/), 'IPv4', '53,53,9153', '10.42.0.2']]);
      const slice = JSON.parse((await kubectl('get', 'endpointslice', '-l', 'kubernetes.io/service-name=nginx-service', '-o', 'json')).stdout);
      expect(slice.items.map((i: { endpoints: { addresses: string[] }[] }) => i.endpoints.map((e) => e.addresses[0]))).toEqual([['10.42.0.8', '10.42.1.2', '10.42.2.2']]);
    });

    it('kubectl wait and rollout status answer in kubectl\'s words: the lab\'s objects are ready once listed', async () => {
      expect((await kubectl('wait', '--for=condition=Ready', 'pod/test-pod', '--timeout=5s')).stdout).toBe('pod/test-pod condition met');
      expect((await kubectl('wait', '--for=condition=ready', 'pod', '-l', 'app=nginx')).stdout.split('\n')).toEqual([
        'pod/nginx-deployment-7c79c4bf97-4fdl4 condition met', 'pod/nginx-deployment-7c79c4bf97-5j5bv condition met', 'pod/nginx-deployment-7c79c4bf97-gk7cj condition met',
      ]);
      expect((await kubectl('wait', '--for=condition=Available', 'deployment/nginx-np-deployment')).stdout).toBe('deployment.apps/nginx-np-deployment condition met');
      expect((await kubectl('rollout', 'status', 'deployment/nginx-deployment')).stdout).toBe('deployment "nginx-deployment" successfully rolled out');
      const gone = await kubectl('wait', '--for=condition=Ready', 'pod/nope');
      expect([gone.exitCode, gone.stderr]).toEqual([1, 'Error from server (NotFound): pods "nope" not found']);
    });

    it("kubectl describe svc: kubectl's describeService layout, ports and endpoints from the lab", async () => {
      const out = (await kubectl('describe', 'svc', 'nginx-np-service')).stdout.split('\n');
      const field = (name: string) => out.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trim());
      expect(out[0]).toBe('Name:                     nginx-np-service'); // aligned after the longest label, External Traffic Policy
      expect([field('Type'), field('IP'), field('Port'), field('TargetPort'), field('NodePort'), field('Endpoints')]).toEqual([
        ['NodePort'], ['10.43.143.108'], ['<unset>  80/TCP'], ['8080/TCP'], ['<unset>  30000/TCP'], ['10.42.0.10:8080,10.42.1.6:8080,10.42.2.5:8080'],
      ]);
      const dns = (await kubectl('describe', 'svc/kube-dns', '-n', 'kube-system')).stdout;
      expect(dns).toMatch(/^Port: +dns {2}53\/UDP\nTargetPort: +53\/UDP\nEndpoints: +10\.42\.0\.2:53\n/m);
      expect((await kubectl('describe', 'svc', 'nope')).stderr).toBe('Error from server (NotFound): services "nope" not found');
    });

    it('kubectl get deployments, replicasets and all: the controllers the manifests create, from the pods they own', async () => {
      const deploy = parseTable((await kubectl('get', 'deploy', '-o', 'wide')).stdout.split('\n'));
      expect(deploy.header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
      expect(deploy.rows.map((r) => [r[0], r[1], r[5], r[6], r[7]])).toEqual([
        ['nginx-deployment', '3/3', 'nginx', 'nginx:latest', 'app=nginx'],
        ['nginx-np-deployment', '3/3', 'nginx-np', 'nginx:latest', 'app=nginx-np'],
      ]);
      const rs = parseTable((await kubectl('get', 'rs', '-n', 'kube-system')).stdout.split('\n'));
      expect(rs.rows.map((r) => r.slice(0, 4))).toEqual([['coredns-6799fbcd5', '1', '1', '1']]);
      // A ReplicaSet's uid is the one its pods' ownerReferences name.
      const pod = JSON.parse((await kubectl('get', 'pod', '-n', 'kube-system', 'coredns-6799fbcd5-9ln42', '-o', 'json')).stdout);
      const set = JSON.parse((await kubectl('get', 'rs', '-n', 'kube-system', 'coredns-6799fbcd5', '-o', 'json')).stdout);
      expect(pod.metadata.ownerReferences[0].uid).toBe(set.metadata.uid);
      expect(set.metadata.ownerReferences[0]).toMatchObject({ kind: 'Deployment', name: 'coredns' });
      const all = (await kubectl('get', 'all')).stdout.split('\n\n').map((t) => t.split('\n')[1]!.split(/\s+/)[0]);
      expect(all).toEqual(['pod/nginx-deployment-7c79c4bf97-4fdl4', 'service/kubernetes', 'deployment.apps/nginx-deployment', 'replicaset.apps/nginx-deployment-7c79c4bf97']);
    });

    it('follows the story: what a step deploys (kubectl run test-pod, apply -f of the lab manifests) is not listed before that step, and a second run tells it again', async () => {
      const np = 'https://raw.githubusercontent.com/robric/multipass-3-node-k8s/main/nginx-np-svc.yaml';
      const dir = onVm1('rbl-lab-story-', 'story.md', [
        '```console',
        'ubuntu@vm1:~$ kubectl get svc',
        'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'kubernetes   ClusterIP   10.43.0.1    <none>        443/TCP   22h',
        'ubuntu@vm1:~$ kubectl exec test-pod -- true',
        'Error from server (NotFound): pods "test-pod" not found',
        '[1]',
        '```',
        '',
        // The manifest as the cheat sheet's repository has it, written by the runbook and applied from the file.
        '<!-- runbook: file=nginx-svc.yaml on=vm1 -->',
        '```yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: nginx-deployment',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: nginx-service',
        '```',
        '',
        '```console',
        'ubuntu@vm1:~$ kubectl apply -f nginx-svc.yaml',
        'deployment.apps/nginx-deployment created',
        'service/nginx-service created',
        'ubuntu@vm1:~$ kubectl run test-pod --image=nicolaka/netshoot --command -- sleep infinity',
        'pod/test-pod created',
        'ubuntu@vm1:~$ kubectl get pods',
        'NAME                                READY   STATUS    RESTARTS   AGE',
        'nginx-deployment-7c79c4bf97-gk7cj   1/1     Running   0          22h',
        'nginx-deployment-7c79c4bf97-5j5bv   1/1     Running   0          22h',
        'nginx-deployment-7c79c4bf97-4fdl4   1/1     Running   0          22h',
        'test-pod                            1/1     Running   0          4s',
        'ubuntu@vm1:~$ kubectl exec test-pod -- curl -s -o /dev/null -w "%{http_code}\\n" http://nginx-service/',
        '200',
        `ubuntu@vm1:~$ kubectl apply -f ${np}`,
        'deployment.apps/nginx-np-deployment created',
        'service/nginx-np-service created',
        `ubuntu@vm1:~$ kubectl apply -f ${np}`,
        'deployment.apps/nginx-np-deployment unchanged',
        'service/nginx-np-service unchanged',
        'ubuntu@vm1:~$ kubectl get svc nginx-np-service',
        'NAME               TYPE       CLUSTER-IP      EXTERNAL-IP   PORT(S)        AGE',
        'nginx-np-service   NodePort   10.43.143.108   <none>        80:30000/TCP   20s',
        `ubuntu@vm1:~$ kubectl create -f ${np}`,
        `Error from server (AlreadyExists): error when creating "${np}": deployments.apps "nginx-np-deployment" already exists`,
        `Error from server (AlreadyExists): error when creating "${np}": services "nginx-np-service" already exists`,
        '[1]',
        `ubuntu@vm1:~$ kubectl delete -f ${np}`,
        'deployment.apps "nginx-np-deployment" deleted',
        'service "nginx-np-service" deleted',
        'ubuntu@vm1:~$ kubectl delete pod test-pod',
        'pod "test-pod" deleted',
        'ubuntu@vm1:~$ kubectl get svc -o name',
        'service/kubernetes',
        'service/nginx-service',
        '```',
        '',
      ]);
      for (const round of [1, 2]) {
        const r = await runbook(['run', '--lab', '--reporter', 'plain', 'story.md'], { cwd: dir });
        expect(r.exitCode, `run ${round}: ${r.all}`).toBe(0);
        expect(String(r.all)).toMatch(/^14 passed, 0 failed, 0 skipped$/m);
      }
      // After the run the lab stays where the story left it; the next run that deploys nothing finds everything.
      expect((await kubectl('get', 'pods', 'test-pod')).exitCode).toBe(1);
      writeFileSync(join(dir, 'plain.md'), ['```console', '$ kubectl get svc -o name', 'service/kubernetes', 'service/nginx-np-service', 'service/nginx-service', '```', ''].join('\n'));
      const plain = await runbook(['run', '--lab', '--reporter', 'plain', 'plain.md'], { cwd: dir });
      expect(plain.exitCode, String(plain.all)).toBe(0);
      expect((await kubectl('get', 'pods', 'test-pod')).exitCode).toBe(0);
    });

    it('moves the story at a block without a prompt (never run) too: what it deploys appears before the next step, however far pipelining reaches', async () => {
      const dir = onVm1('rbl-lab-hand-', 'hand.md', [
        // Steps that need no binding go to the shell ahead of their turn: the block below must stop them.
        '```console',
        'ubuntu@vm1:~$ echo one',
        'one',
        'ubuntu@vm1:~$ kubectl get svc -o name',
        'service/kubernetes',
        'service/nginx-service',
        'ubuntu@vm1:~$ echo two',
        'two',
        '```',
        '',
        'Deploy the NodePort service:',
        '```',
        'kubectl apply -f https://raw.githubusercontent.com/robric/multipass-3-node-k8s/main/nginx-np-svc.yaml',
        '```',
        '',
        '```console',
        'ubuntu@vm1:~$ kubectl get svc -o name',
        'service/kubernetes',
        'service/nginx-np-service',
        'service/nginx-service',
        'ubuntu@vm1:~$ kubectl get pods -l app=nginx-np -o name | wc -l',
        '3',
        '```',
        '',
      ]);
      const plan = await runbook(['plan', '--lab', 'hand.md'], { cwd: dir });
      expect(String(plan.all)).toMatch(/hand\.md:17 +unlabeled block without a prompt line; on the lab, what it deploys \(nginx-np\) appears before the next step/);
      for (const round of [1, 2]) {
        const r = await runbook(['run', '--lab', '--reporter', 'plain', 'hand.md'], { cwd: dir });
        expect(r.exitCode, `run ${round}: ${r.all}`).toBe(0);
        expect(String(r.all)).toMatch(/^5 passed, 0 failed, 0 skipped$/m);
      }
    });

    it('runbooks/networking.md itself, with --lab: every step passes but the known differences between the lab and the author\'s machine', async () => {
      await sheetOnTheLab();
    });

    it('lab status counts the pods kubectl run added', async () => {
      expect((await kubectl('run', 'extra', '--image=busybox')).exitCode).toBe(0);
      const status = await runbook(['lab', 'status']);
      expect(status.exitCode, String(status.all)).toBe(0);
      expect(String(status.all)).toMatch(/^ {2}pod {2}extra +10\.42\.\d\.\d+ +on vm\d {2}netns rbl-extra {2}\(kubectl run\)$/m);
      expect(String(status.all)).toContain(`  bin  ${LAB_BIN_DIR}: kubectl, multipass, sudo`);
      expect((await kubectl('delete', 'pod', 'extra')).exitCode).toBe(0);
    });

    it('kubectl logs: the requests an nginx pod served, in nginx\'s log format', async () => {
      await kubectl('exec', 'test-pod', '--', 'curl', '-s', '-o', '/dev/null', 'http://10.42.0.8/some/path');
      const log = (await kubectl('logs', 'nginx-deployment-7c79c4bf97-gk7cj', '--tail=1')).stdout;
      expect(log).toMatch(/^10\.42\.1\.4 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/some\/path HTTP\/1\.1" 200 615 "-" "curl\/[\d.]+" "-"$/);
    });

  });

  describe('variant b', () => {
    beforeAll(async () => {
      const r = await runbook(['lab', 'up', '--variant', 'b']);
      expect(r.exitCode, String(r.all)).toBe(0);
    });

    it('runbooks/networking.md on variant b: the same steps pass, through bindings (every address, pod name and chain hash differs)', async () => {
      await sheetOnTheLab();
    });

    it("lists variant b's nodes, pods and services in the same columns", async () => {
      const b = labTopology('b');
      const nodes = parseTable((await kubectl('get', 'nodes', '-o', 'wide')).stdout.split('\n'));
      expect(nodes.header.slice(0, 5)).toEqual(parseTable(SHEET.nodes()).header);
      expect(nodes.rows.map((r) => [r[0], r[5]])).toEqual(b.nodes.map((n) => [n.name, n.ip]));
      const podsText = `${(await kubectl('get', 'pods', '-A', '-o', 'wide')).stdout}\n`;
      const pods = parseTable(podsText.trimEnd().split('\n'));
      expect(podsText).toBe(tabwrite([pods.header, ...pods.rows]));
      expect(pods.header).toEqual(['NAMESPACE', ...parseTable(SHEET.pods()).header]);
      expect(pods.rows.map((r) => `${r[1]} ${r[6]} ${r[7]}`).sort()).toEqual(b.pods.map((p) => `${p.name} ${p.ip} ${p.node}`).sort());
      const svc = (await kubectl('get', 'svc', 'nginx-service', '-o', 'wide')).stdout;
      expect(svc).toMatch(/^nginx-service\s+ClusterIP\s+10\.43\.91\.17\s+<none>\s+80\/TCP\s+\S+\s+app=nginx$/m);
      const list = (await tool(['multipass', 'list'])).stdout;
      for (const n of b.nodes) expect(list).toMatch(new RegExp(`^${n.name} +Running +${n.ip.replace(/\./g, '\\.')} +Ubuntu 22\\.04 LTS$`, 'm'));
      const grep = await tool(['sh', '-c', `kubectl describe pod -n kube-system ${b.pods.find((p) => p.serves === 'dns')!.name} | grep containerd`]);
      expect(grep.stdout).toMatch(/^ {4}Container ID: {2}containerd:\/\/[0-9a-f]{64}$/);
      expect(grep.stdout).not.toContain('f5499f73a98b');
    });
  });

  it('lab down removes the stand-ins and the state; kubectl then answers as kubectl does without its API server', async () => {
    const r = await runbook(['lab', 'down']);
    expect(r.exitCode, String(r.all)).toBe(0);
    expect(existsSync(LAB_RUN_DIR)).toBe(false);
    const down = await runbook(['lab', 'kubectl', 'get', 'pods']);
    expect([down.exitCode, String(down.all)]).toEqual([1, 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?']);
    const list = await runbook(['lab', 'multipass', 'list']);
    expect([list.exitCode, String(list.all)]).toEqual([0, 'No instances found.']);
    const run = await runbook(['run', '--lab', 'runbooks/networking.md']);
    expect(run.exitCode).toBe(2);
    expect(String(run.all)).toContain('--lab: the lab is not up');
  });
});
