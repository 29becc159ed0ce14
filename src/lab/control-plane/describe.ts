// `kubectl describe pod NAME`: kubectl's layout (sections at two spaces per
// level, each run of `Label:\tvalue` lines aligned by a tabwriter with
// padding 2, as kubectl's describe printer does), from the pod's object.
import type { Cluster, Pod } from './cluster.js';
import { type Io, KubectlError } from './get.js';
import { imageId } from './objects.js';
import { tabwriter } from './table.js';

/** Go's time.RFC1123Z, in UTC: `Tue, 11 Jun 2024 01:57:04 +0000`. */
export function rfc1123z(iso: string): string {
  const d = new Date(iso);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

// A `Label:\tv1` line, then `\tv2`… for the other values (kubectl's printLabelsMultiline).
function multiline(indent: string, label: string, values: string[]): string[] {
  if (values.length === 0) return [`${indent}${label}\t<none>`];
  return [`${indent}${label}\t${values[0]}`, ...values.slice(1).map((v) => `${indent}\t${v}`)];
}

export function describePod(p: Pod): string {
  const dns = p.labels['k8s-app'] === 'kube-dns';
  const L: string[] = [
    `Name:\t${p.name}`,
    `Namespace:\t${p.namespace}`,
    `Priority:\t${dns ? 2000000000 : 0}`,
    ...(dns ? ['Priority Class Name:\tsystem-cluster-critical'] : []),
    `Service Account:\t${dns ? 'coredns' : 'default'}`,
    `Node:\t${p.node}/${p.hostIP}`,
    `Start Time:\t${rfc1123z(p.created)}`,
    ...multiline('', 'Labels:', Object.keys(p.labels).sort().map((k) => `${k}=${p.labels[k]}`)),
    'Annotations:\t<none>',
    `Status:\t${p.phase}`,
    `IP:\t${p.ip}`,
    'IPs:',
    `  IP:\t${p.ip}`,
  ];
  if (p.owner) L.push(`Controlled By:\t${p.owner.kind}/${p.owner.name}`);
  L.push('Containers:');
  for (const ct of p.containers) {
    const ports = ct.ports.map((pt) => `${pt.containerPort}/${pt.protocol}`);
    const hostPorts = ct.ports.map((pt) => `0/${pt.protocol}`);
    L.push(`  ${ct.name}:`);
    L.push(`    Container ID:\tcontainerd://${ct.containerId}`, `    Image:\t${ct.image}`, `    Image ID:\t${imageId(ct.image)}`);
    if (ports.length > 1) L.push(`    Ports:\t${ports.join(', ')}`, `    Host Ports:\t${hostPorts.join(', ')}`);
    else L.push(`    Port:\t${ports[0] ?? '<none>'}`, `    Host Port:\t${hostPorts[0] ?? '<none>'}`);
    if (ct.command) L.push('    Command:', ...ct.command.map((a) => `      ${a}`));
    if (ct.args) L.push('    Args:', ...ct.args.map((a) => `      ${a}`));
    if (p.phase === 'Running') L.push('    State:\tRunning', `      Started:\t${rfc1123z(p.created)}`);
    else if (p.exitCode !== undefined) {
      L.push('    State:\tTerminated', `      Reason:\t${p.reason}`, `      Exit Code:\t${p.exitCode}`, `      Started:\t${rfc1123z(p.created)}`);
    } else L.push('    State:\tWaiting', '      Reason:\tUnknown');
    L.push(`    Ready:\t${p.ready ? 'True' : 'False'}`, '    Restart Count:\t0', '    Environment:\t<none>', '    Mounts:\t<none>');
  }
  L.push('Conditions:', '  Type\tStatus');
  for (const type of ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled']) {
    const ok = type === 'Ready' || type === 'ContainersReady' ? p.ready : true;
    L.push(`  ${type} \t${ok ? 'True' : 'False'} `);
  }
  L.push(
    'Volumes:\t<none>',
    'QoS Class:\tBestEffort',
    'Node-Selectors:\t<none>',
    ...multiline('', 'Tolerations:', ['node.kubernetes.io/not-ready:NoExecute op=Exists for 300s', 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s']),
    'Events:\t<none>',
  );
  return tabwriter(`${L.join('\n')}\n`, 0, 2);
}

/** `kubectl describe pod[s] NAME…` (or `pod/NAME`). */
export function kubectlDescribe(c: Cluster, positional: string[], namespace: string, io: Io): number {
  const [first, ...rest] = positional;
  if (first === undefined) throw new KubectlError("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
  const [kind, names] = first.includes('/') ? [first.split('/')[0]!, [first.split('/')[1]!, ...rest]] : [first, rest];
  if (!['pod', 'pods', 'po'].includes(kind.toLowerCase())) {
    throw new KubectlError(`error: runbook lab: the kubectl stand-in describes pods only, not "${kind}" (try kubectl get ${kind} -o yaml)`);
  }
  const pods = names.length > 0 ? names : c.pods.filter((p) => p.namespace === namespace).map((p) => p.name);
  const texts: string[] = [];
  let code = 0;
  for (const name of pods) {
    const pod = c.pods.find((p) => p.name === name && p.namespace === namespace);
    if (!pod) {
      io.err(`Error from server (NotFound): pods "${name}" not found\n`);
      code = 1;
    } else texts.push(describePod(pod));
  }
  io.out(texts.join('\n\n'));
  return code;
}
