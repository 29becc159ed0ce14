// What `--lab` skips because one machine cannot have it (containerd, kubelet's
// folders, manifests and installers from the internet, a tcpdump waiting for
// another terminal), read from a command's words as bash splits them — and
// what it leaves alone. `plan --lab` shows the same skips without a lab.
import { describe, expect, it } from 'vitest';
import { labCannotRun } from '../../src/lab/control-plane/lab-skips.js';
import { simpleCommands } from '../../src/sessions/shell-words.js';
import { md, parse } from '../markdown/helpers.js';
import { runbook, scratchWith } from '../support/cli.js';

const step = (command: string, annotation = '') =>
  parse(md(...(annotation ? [`<!-- runbook: ${annotation} -->`] : []), '```console', `$ ${command}`, '```')).steps[0]!;
const why = (command: string, annotation = '') => labCannotRun(step(command, annotation));

describe('lab skips', () => {
  it.each([
    ['sudo ctr c info f5499f73a98b', /^ctr talks to containerd/],
    ['crictl ps', /^crictl talks to containerd/],
    ['sudo -E /usr/local/bin/nerdctl ps', /^nerdctl talks to containerd/],
    ['sudo cat  /var/lib/kubelet/pods/05cc11a6/etc-hosts', /^\/var\/lib\/kubelet\/ holds a real node's kubelet/],
    ["ls '/var/lib/rancher/k3s/agent/containerd'", /^\/var\/lib\/rancher\//],
    ['kubectl apply -f https://raw.githubusercontent.com/x/y/main/metallb-native.yaml', /^kubectl apply -f fetches its manifest from the internet/],
    ['kubectl apply -f https://x.io/nginx-np-svc.yaml -f https://x.io/other.yaml', /^kubectl apply -f fetches/],
    ['kubectl -n demo create --filename=http://example.com/m.yaml', /^kubectl create -f fetches/],
    ['kubectl delete -f https://example.com/m.yaml', /^kubectl delete -f fetches/],
    ['curl -sSL https://raw.githubusercontent.com/x/deploy.sh | sh', /^an installer fetched from the internet/],
    ['wget -qO- https://get.k3s.io | sudo bash -s -', /^an installer fetched/],
    ['multipass launch --name vm4 22.04', /^multipass launch starts a VM/],
    ['tcpdump -vni  eth0', /^tcpdump without -c waits for traffic/],
    ['sudo tcpdump -vni veth39f5a18d "tcp and port 80"', /^tcpdump without -c/],
    ['kubectl get pods; sudo ctr images ls', /^ctr talks/],
  ])('skips `%s`', (command, reason) => {
    expect(why(command)).toMatch(reason);
  });

  it.each([
    'echo ctr',
    'grep ctr notes.txt',
    'echo "/var/lib/kubelet/ is on a real node"x',
    'kubectl apply -f ./nginx.yaml',
    // The cheat sheet's own manifests: the lab has them, and applies them (story.ts).
    'kubectl apply -f https://raw.githubusercontent.com/robric/multipass-3-node-k8s/main/nginx-svc.yaml',
    'kubectl delete -f https://raw.githubusercontent.com/robric/multipass-3-node-k8s/main/nginx-np-svc.yaml?ref=main',
    'kubectl get pods -o wide',
    'curl -s http://nginx-service:80/',
    'curl -sSL https://example.com/x.sh -o x.sh',
    'tcpdump -c 3 -ni eth0',
    'tcpdump -ni eth0 -c3',
    'tcpdump --count -ni eth0',
    'tcpdump -r capture.pcap',
    'timeout 2 tcpdump -ni eth0',
    'sudo timeout -s INT 2 tcpdump -ni eth0',
    'multipass list',
  ])('runs `%s`', (command) => {
    expect(why(command)).toBeNull();
  });

  it('a tcpdump the author bounds with stop-after= or timeout= runs', () => {
    expect(why('tcpdump -ni eth0', 'stop-after=2s')).toBeNull();
    expect(why('tcpdump -ni eth0', 'timeout=5s')).toBeNull();
  });

  it('splits at unquoted operators only, and removes quotes as bash does', () => {
    expect(simpleCommands(`a 'b | c' "d;e" f\\ g | h && i || j; k & l\nm # n | o`)).toEqual([
      { words: ['a', 'b | c', 'd;e', 'f g'], pipedFrom: false },
      { words: ['h'], pipedFrom: true },
      { words: ['i'], pipedFrom: false },
      { words: ['j'], pipedFrom: false },
      { words: ['k'], pipedFrom: false },
      { words: ['l'], pipedFrom: false },
      { words: ['m'], pipedFrom: false },
    ]);
    // Redirections are words, not operators.
    expect(simpleCommands('a 2>&1 &>log b').map((c) => c.words)).toEqual([['a', '2>&1', '&>log', 'b']]);
  });

  it('plan --lab marks the steps a run on the lab skips, with why; plan without it does not', async () => {
    const dir = scratchWith(md('```console', '$ sudo ctr c info abc', '$ echo ok', 'ok', '$ tcpdump -ni eth0', '```'));
    const lab = await runbook(['plan', '--lab', '--reporter', 'json', 'rb.md'], { cwd: dir });
    expect(lab.exitCode, String(lab.all)).toBe(0);
    const checks = JSON.parse(lab.stdout)[0].steps.map((s: { checks: string[] }) => s.checks.find((c) => c.startsWith('skipped on the lab')) ?? null);
    expect(checks).toEqual([expect.stringMatching(/^skipped on the lab: ctr talks to containerd/), null, expect.stringMatching(/^skipped on the lab: tcpdump without -c/)]);
    const plain = await runbook(['plan', '--reporter', 'json', 'rb.md'], { cwd: dir });
    expect(plain.stdout).not.toContain('skipped on the lab');
  });
});
