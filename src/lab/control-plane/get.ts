// `kubectl get`: the kinds the cheat sheet lists (pods, services, endpoints,
// config maps, namespaces, nodes), the controllers its manifests create
// (deployments and their replica sets) and endpoint slices, each with kubectl's columns (and its
// `-o wide` ones), `-A`, `-n NS`, names and `TYPE/NAME`, `-l k=v`,
// `--show-labels`, `--no-headers`, and `-o yaml|json|name|jsonpath=…`.
import { release } from 'node:os';
import type { Cluster, ConfigMap, Deployment, Namespace, Node, Pod, Service } from './cluster.js';
import { CONTAINER_RUNTIME, K3S_VERSION, NODE_OS_IMAGE } from './cluster.js';
import { type ParsedArgs, flagOn, flagValue } from './flags.js';
import {
  configMapObject,
  deploymentObject,
  endpointSliceName,
  endpointSliceObject,
  endpointsObject,
  listObject,
  namespaceObject,
  nodeObject,
  podObject,
  replicaSetObject,
  serviceObject,
  sortedEndpoints,
} from './objects.js';
import { JsonPathError, jsonPath } from './jsonpath.js';
import { type Value, toJson, toYaml } from './serialize.js';
import { humanDuration, tabwrite } from './table.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A kubectl failure: the message as kubectl prints it on stderr, and exit status 1. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

type Item = Pod | Service | ConfigMap | Namespace | Node | Deployment | { name: string; namespace: string; d: Deployment } | { name: string; namespace: string; s: Service };

interface Kind {
  /** Plural resource name: `pods`. */
  resource: string;
  /** What `-o name` and multi-kind tables prefix: `pod`, `service`. */
  singular: string;
  aliases: string[];
  namespaced: boolean;
  items: (c: Cluster) => Item[];
  header: string[];
  wide: string[];
  row: (c: Cluster, item: never, now: number) => string[];
  wideRow: (c: Cluster, item: never) => string[];
  object: (c: Cluster, item: never) => { [key: string]: Value };
}

const age = (created: string, now: number) => humanDuration(now - Date.parse(created));
const none = (s: string | undefined) => (s === undefined || s === '' ? '<none>' : s);

/** kubectl's labels.FormatLabels: `k=v,k2=v2`, keys sorted, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** PORT(S): `80/TCP`, `80:30000/TCP`, `53/UDP,53/TCP,9153/TCP`. */
export function formatPorts(s: Service): string {
  if (s.ports.length === 0) return '<none>';
  return s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',');
}

/** ENDPOINTS: up to three `ip:port`, each port over each address, then ` + N more...` (kubectl's formatEndpoints). */
export function formatEndpoints(s: Service): string {
  const eps = sortedEndpoints(s);
  if (eps.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const p of s.ports) {
    count += eps.length;
    for (const e of eps) if (list.length < 3) list.push(`${e.ip}:${p.targetPort}`);
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

const KINDS: Kind[] = [
  {
    resource: 'pods',
    singular: 'pod',
    aliases: ['pods', 'pod', 'po'],
    namespaced: true,
    items: (c) => c.pods,
    header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (_c, p: Pod, now) => [p.name, `${p.ready ? 1 : 0}/1`, p.reason, '0', age(p.created, now)],
    wideRow: (_c, p: Pod) => [none(p.ip), p.node, '<none>', '<none>'],
    object: (c, p: Pod) => podObject(c, p),
  },
  {
    resource: 'services',
    singular: 'service',
    aliases: ['services', 'service', 'svc'],
    namespaced: true,
    items: (c) => c.services,
    header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (_c, s: Service, now) => [s.name, s.type, s.clusterIP, '<none>', formatPorts(s), age(s.created, now)],
    wideRow: (_c, s: Service) => [formatLabels(s.selector)],
    object: (_c, s: Service) => serviceObject(s),
  },
  {
    resource: 'endpoints',
    singular: 'endpoints',
    aliases: ['endpoints', 'endpoint', 'ep'],
    namespaced: true,
    items: (c) => c.services,
    header: ['NAME', 'ENDPOINTS', 'AGE'],
    wide: [],
    row: (_c, s: Service, now) => [s.name, formatEndpoints(s), age(s.created, now)],
    wideRow: () => [],
    object: (_c, s: Service) => endpointsObject(s),
  },
  {
    resource: 'endpointslices.discovery.k8s.io',
    singular: 'endpointslice.discovery.k8s.io',
    aliases: ['endpointslices', 'endpointslice', 'endpointslices.discovery.k8s.io', 'endpointslice.discovery.k8s.io'],
    namespaced: true,
    // A slice per service, listed under its own (generated) name.
    items: (c) => c.services.map((s) => ({ name: endpointSliceName(c.lab.variant, s), namespace: s.namespace, s })),
    header: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    wide: [],
    row: (_c, e: { name: string; s: Service }, now) => {
      const ips = sortedEndpoints(e.s).map((x) => x.ip);
      const shown = ips.length > 3 ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...` : ips.join(',') || '<unset>';
      return [e.name, 'IPv4', e.s.ports.map((p) => String(p.targetPort)).join(',') || '<unset>', shown, age(e.s.created, now)];
    },
    wideRow: () => [],
    object: (c, e: { s: Service }) => endpointSliceObject(c.lab.variant, e.s),
  },
  {
    resource: 'deployments',
    singular: 'deployment.apps',
    aliases: ['deployments', 'deployment', 'deploy', 'deployments.apps', 'deployment.apps'],
    namespaced: true,
    items: (c) => c.deployments,
    header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (_c, d: Deployment, now) => [d.name, `${d.ready}/${d.replicas}`, String(d.replicas), String(d.ready), age(d.created, now)],
    wideRow: (_c, d: Deployment) => [d.containers.map((x) => x.name).join(','), d.containers.map((x) => x.image).join(','), formatLabels(d.selector)],
    object: (_c, d: Deployment) => deploymentObject(d),
  },
  {
    resource: 'replicasets',
    singular: 'replicaset.apps',
    aliases: ['replicasets', 'replicaset', 'rs', 'replicasets.apps', 'replicaset.apps'],
    namespaced: true,
    // A ReplicaSet is listed under its own name; its facts are its Deployment's.
    items: (c) => c.deployments.map((d) => ({ name: d.replicaSet, namespace: d.namespace, d })),
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (_c, r: { name: string; d: Deployment }, now) => [r.name, String(r.d.replicas), String(r.d.replicas), String(r.d.ready), age(r.d.created, now)],
    wideRow: (_c, r: { d: Deployment }) => [
      r.d.containers.map((x) => x.name).join(','),
      r.d.containers.map((x) => x.image).join(','),
      formatLabels({ ...r.d.selector, 'pod-template-hash': r.d.hash }),
    ],
    object: (_c, r: { d: Deployment }) => replicaSetObject(r.d),
  },
  {
    resource: 'configmaps',
    singular: 'configmap',
    aliases: ['configmaps', 'configmap', 'cm'],
    namespaced: true,
    items: (c) => c.configMaps,
    header: ['NAME', 'DATA', 'AGE'],
    wide: [],
    row: (_c, cm: ConfigMap, now) => [cm.name, String(Object.keys(cm.data).length), age(cm.created, now)],
    wideRow: () => [],
    object: (_c, cm: ConfigMap) => configMapObject(cm),
  },
  {
    resource: 'namespaces',
    singular: 'namespace',
    aliases: ['namespaces', 'namespace', 'ns'],
    namespaced: false,
    items: (c) => c.namespaces,
    header: ['NAME', 'STATUS', 'AGE'],
    wide: [],
    row: (_c, n: Namespace, now) => [n.name, 'Active', age(n.created, now)],
    wideRow: () => [],
    object: (_c, n: Namespace) => namespaceObject(n),
  },
  {
    resource: 'nodes',
    singular: 'node',
    aliases: ['nodes', 'node', 'no'],
    namespaced: false,
    items: (c) => c.nodes,
    header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row: (_c, n: Node, now) => [n.name, n.ready ? 'Ready' : 'NotReady', n.roles.length ? n.roles.join(',') : '<none>', age(n.created, now), K3S_VERSION],
    wideRow: (_c, n: Node) => [n.ip, '<none>', NODE_OS_IMAGE, release(), CONTAINER_RUNTIME],
    object: (_c, n: Node) => nodeObject(n),
  },
];

const ALL = ['pods', 'services', 'deployments', 'replicasets'];

/** The kind a word names (`po`, `svc`, `configmaps`), or a KubectlError as kubectl words it. */
export function kindFor(word: string): Kind {
  const w = word.toLowerCase().replace(/\.v1$|\.$/, '');
  const kind = KINDS.find((k) => k.aliases.includes(w));
  if (!kind) throw new KubectlError(`error: the server doesn't have a resource type "${word}"`);
  return kind;
}

// An object's labels, as its API object carries them (nodes and namespaces get theirs there).
const labelsOf = (c: Cluster, kind: Kind, item: Item): Record<string, string> =>
  ((kind.object(c, item as never)['metadata'] as { labels?: Record<string, string> }).labels ?? {});

// `-l k=v,k2!=v2,k3`: equality-based selectors only.
function selects(selector: string | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^\s*([^!=\s]+)\s*(==|=|!=)?\s*([^\s]*)\s*$/.exec(term);
    if (!m) throw new KubectlError(`error: unable to parse requirement: ${term}`);
    const [, key, op, value] = m as unknown as [string, string, string | undefined, string];
    if (!op) return key in labels;
    return op === '!=' ? labels[key] !== value : labels[key] === value;
  });
}

const byName = (a: { name: string; namespace?: string }, b: { name: string; namespace?: string }) => {
  const ka = `${a.namespace ?? ''}/${a.name}`;
  const kb = `${b.namespace ?? ''}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** `kubectl get …` (args after `get`, already parsed). */
export function kubectlGet(c: Cluster, p: ParsedArgs, io: Io, now: number): number {
  const allNs = flagOn(p, 'all-namespaces');
  const namespace = flagValue(p, 'namespace') ?? 'default';
  const output = flagValue(p, 'output');
  const template = output?.startsWith('jsonpath=') ? output.slice('jsonpath='.length) : undefined;
  if (output !== undefined && template === undefined && !['wide', 'yaml', 'json', 'name'].includes(output)) {
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,name,wide,yaml (runbook lab stand-in)`,
    );
  }
  const [first, ...names] = p.positional;
  if (first === undefined) {
    throw new KubectlError(
      "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
    );
  }
  // `pod/a svc/b` or `pods,svc [NAME…]`; `all` is kubectl's category of the kinds in ALL.
  const words = first.includes('/') ? [] : first.split(',').filter(Boolean);
  const hasAll = words.some((w) => w.toLowerCase() === 'all');
  const requests: { kind: Kind; name?: string }[] = [];
  if (first.includes('/')) {
    for (const word of [first, ...names]) {
      const [k, n] = word.split('/', 2) as [string, string];
      if (!word.includes('/')) throw new KubectlError('error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form');
      requests.push({ kind: kindFor(k), name: n });
    }
  } else {
    const kinds = [...new Set(words.flatMap((w) => (w.toLowerCase() === 'all' ? ALL.map(kindFor) : [kindFor(w)])))];
    if (names.length > 0 && kinds.length > 1) {
      for (const kind of kinds) for (const name of names) requests.push({ kind, name });
    } else if (names.length > 0) for (const name of names) requests.push({ kind: kinds[0]!, name });
    else for (const kind of kinds) requests.push({ kind });
  }
  const kinds = [...new Set(requests.map((r) => r.kind))];
  const prefixKinds = kinds.length > 1 || first.includes('/') || hasAll;
  const inScope = (kind: Kind, item: Item) => !kind.namespaced || allNs || (item as { namespace: string }).namespace === namespace;
  const selector = flagValue(p, 'selector');
  const found: { kind: Kind; item: Item }[] = [];
  const missing: string[] = [];
  for (const r of requests) {
    const items = r.kind.items(c).filter((i) => inScope(r.kind, i));
    if (r.name !== undefined) {
      // A name is looked up in one namespace (-A does not apply to named objects).
      const hit = r.kind.items(c).find((i) => i.name === r.name && (!r.kind.namespaced || (i as { namespace: string }).namespace === namespace));
      if (hit) found.push({ kind: r.kind, item: hit });
      else missing.push(`Error from server (NotFound): ${r.kind.resource} "${r.name}" not found`);
    } else {
      for (const item of items.filter((i) => selects(selector, labelsOf(c, r.kind, i))).sort(byName)) found.push({ kind: r.kind, item });
    }
  }
  const single = requests.length === 1 && requests[0]!.name !== undefined;
  if (output === 'yaml' || output === 'json' || template !== undefined) {
    const objects = found.map((f) => f.kind.object(c, f.item as never));
    if (found.length > 0 || !single) {
      const value = single && objects.length === 1 ? objects[0]! : listObject(objects);
      if (template === undefined) io.out(output === 'yaml' ? toYaml(value) : toJson(value));
      else {
        try {
          io.out(jsonPath(template, value));
        } catch (e) {
          if (!(e instanceof JsonPathError)) throw e;
          throw new KubectlError(`error: error parsing jsonpath ${template}, ${e.message}`);
        }
      }
    }
  } else if (output === 'name') {
    for (const f of found) io.out(`${f.kind.singular}/${f.item.name}\n`);
  } else {
    const tables: string[] = [];
    for (const kind of kinds) {
      const rows = found.filter((f) => f.kind === kind);
      if (rows.length === 0) continue;
      const wide = output === 'wide';
      const showNs = kind.namespaced && allNs && !single;
      const header = [...(showNs ? ['NAMESPACE'] : []), ...kind.header, ...(wide ? kind.wide : []), ...(flagOn(p, 'show-labels') ? ['LABELS'] : [])];
      const body = rows.map(({ item }) => {
        const cells = kind.row(c, item as never, now);
        if (prefixKinds) cells[0] = `${kind.singular}/${cells[0]}`;
        return [
          ...(showNs ? [(item as { namespace: string }).namespace] : []),
          ...cells,
          ...(wide ? kind.wideRow(c, item as never) : []),
          ...(flagOn(p, 'show-labels') ? [formatLabels(labelsOf(c, kind, item))] : []),
        ];
      });
      tables.push(tabwrite(flagOn(p, 'no-headers') ? body : [header, ...body]));
    }
    io.out(tables.join('\n'));
    if (found.length === 0 && missing.length === 0) {
      const nsKinds = kinds.some((k) => k.namespaced);
      io.err(nsKinds && !allNs ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
    }
  }
  for (const m of missing) io.err(`${m}\n`);
  return missing.length > 0 ? 1 : 0;
}
