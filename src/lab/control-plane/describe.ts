// `kubectl describe pod|svc NAME`: kubectl's layout (sections at two spaces
// per level, each run of `Label:\tvalue` lines aligned by a tabwriter with
// padding 2, as kubectl's describe printer does), from the object.
import type { Cluster, Pod, Service } from './cluster.js';
import { type Io, KubectlError, kindFor } from './get.js';
import { sortedEndpoints } from './objects.js';
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

const labelLines = (labels: Record<string, string>) => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`);

// kubectl's describeService, for what the lab's services have (ClusterIP and NodePort, IPv4, no events).
export function describeService(s: Service): string {
  const selector = s.selector && Object.keys(s.selector).length > 0 ? labelLines(s.selector).join(',') : '<none>';
  const L: string[] = [
    `Name:\t${s.name}`,
    `Namespace:\t${s.namespace}`,
    ...multiline('', 'Labels:', labelLines(s.labels)),
    'Annotations:\t<none>',
    `Selector:\t${selector}`,
    `Type:\t${s.type}`,
    'IP Family Policy:\tSingleStack',
    'IP Families:\tIPv4',
    `IP:\t${s.clusterIP}`,
    `IPs:\t${s.clusterIP}`,
  ];
  const eps = sortedEndpoints(s);
  for (const p of s.ports) {
    const name = p.name ?? '<unset>';
    L.push(`Port:\t${name}\t${p.port}/${p.protocol}`, `TargetPort:\t${p.targetPort}/${p.protocol}`);
    if (p.nodePort) L.push(`NodePort:\t${name}\t${p.nodePort}/${p.protocol}`);
    L.push(`Endpoints:\t${eps.length === 0 ? '<none>' : eps.map((e) => `${e.ip}:${p.targetPort}`).join(',')}`);
  }
  L.push('Session Affinity:\tNone');
  if (s.type === 'NodePort') L.push('External Traffic Policy:\tCluster');
  L.push('Internal Traffic Policy:\tCluster', 'Events:\t<none>');
  return tabwriter(`${L.join('\n')}\n`, 0, 2);
}

// Per resource kubectl names (get.ts' kinds, with their aliases): what the stand-in describes.
const DESCRIBE: Record<string, { list: (c: Cluster) => { name: string; namespace: string }[]; text: (item: never) => string }> = {
  pods: { list: (c) => c.pods, text: (p: Pod) => describePod(p) },
  services: { list: (c) => c.services, text: (s: Service) => describeService(s) },
};

/** `kubectl describe pod[s]|svc NAME…` (or `pod/NAME`, `svc/NAME`). */
export function kubectlDescribe(c: Cluster, positional: string[], namespace: string, io: Io): number {
  const [first, ...rest] = positional;
  if (first === undefined) throw new KubectlError("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
  const [kind, names] = first.includes('/') ? [first.split('/')[0]!, [first.split('/')[1]!, ...rest]] : [first, rest];
  const { resource } = kindFor(kind);
  const d = DESCRIBE[resource];
  if (!d) throw new KubectlError(`error: runbook lab: the kubectl stand-in describes pods and services, not "${kind}" (try kubectl get ${kind} -o yaml)`);
  const inNs = d.list(c).filter((x) => x.namespace === namespace);
  const wanted = names.length > 0 ? names : inNs.map((x) => x.name);
  const texts: string[] = [];
  let code = 0;
  for (const name of wanted) {
    const item = inNs.find((x) => x.name === name);
    if (!item) {
      io.err(`Error from server (NotFound): ${resource} "${name}" not found\n`);
      code = 1;
    } else texts.push(d.text(item as never));
  }
  io.out(texts.join('\n\n'));
  return code;
}
