// The simulated control plane's objects — nodes, pods, services, endpoints,
// config maps, namespaces — derived from the lab (the variant's topology),
// the state `lab up` and `kubectl run` wrote, and what exists right now:
// a node or pod whose namespace is gone is NotReady/Unknown, a pod whose
// server died is not ready. Nothing here is invented per call; the same lab
// prints the same objects (ids and hashes are derived from the variant).
//
// The cluster's own facts (k3s version, images, labels, selectors) are those
// of the cheat sheet's cluster: its `kubectl get nodes`, and the manifests it
// applies (github.com/robric/k8s-svc-and-lb-testing nginx-svc.yaml and
// nginx-np-svc.yaml; the NodePort one as the cheat sheet shows it:
// selector app=nginx-np, container port 8080).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { labTopology } from '../topology.js';
import type { Lab, LabPod } from '../types.js';
import { VARIANTS } from '../variants.js';
import { type LabState, type RunPod, LAB_LOG_DIR } from './state.js';
import { deployedAt, type Workload, workloadOfPod, workloadOfService } from './story.js';

export const K3S_VERSION = 'v1.29.5+k3s1';
export const CONTAINER_RUNTIME = 'containerd://1.7.15-k3s1';
/** The VMs' image, as kubectl (`OS-IMAGE`) and multipass (`Release`, `Image`) name it. */
export const NODE_OS_IMAGE = 'Ubuntu 22.04.4 LTS';
export const MULTIPASS_IMAGE_RELEASE = '22.04 LTS';
/** The `kubernetes` service: the API server's cluster IP (the first of k3s' service CIDR), served on the control-plane node. */
export const API_SERVICE_IP = '10.43.0.1';
export const API_SERVER_PORT = 6443;
const COREDNS_IMAGE = 'rancher/mirrored-coredns-coredns:1.10.1';

export interface Container {
  name: string;
  image: string;
  containerId: string;
  ports: { name?: string; containerPort: number; protocol: 'TCP' | 'UDP' }[];
  command?: string[];
  args?: string[];
}

export interface Pod {
  name: string;
  namespace: string;
  uid: string;
  node: string;
  hostIP: string;
  ip: string;
  created: string;
  labels: Record<string, string>;
  owner?: { kind: 'ReplicaSet'; name: string };
  containers: Container[];
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** kubectl's STATUS column: Running, Completed, Error, Unknown. */
  reason: string;
  ready: boolean;
  exitCode?: number;
  netns: string;
  /** Present for pods that `kubectl run` created. */
  run?: RunPod;
}

export interface Node {
  name: string;
  uid: string;
  ip: string;
  created: string;
  ready: boolean;
  roles: string[];
  podCidr: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP';
  nodePort?: number;
}

export interface Endpoint {
  ip: string;
  nodeName?: string;
  pod?: { name: string; namespace: string; uid: string };
}

export interface Service {
  name: string;
  namespace: string;
  uid: string;
  created: string;
  type: 'ClusterIP' | 'NodePort';
  clusterIP: string;
  ports: ServicePort[];
  selector?: Record<string, string>;
  labels: Record<string, string>;
  endpoints: Endpoint[];
}

export interface ConfigMap {
  name: string;
  namespace: string;
  uid: string;
  created: string;
  data: Record<string, string>;
}

export interface Namespace {
  name: string;
  uid: string;
  created: string;
}

/** A Deployment and its one ReplicaSet, as the pods they own show them (`owner`). */
export interface Deployment {
  name: string;
  namespace: string;
  uid: string;
  /** Its ReplicaSet's name: `nginx-deployment-7c79c4bf97`. */
  replicaSet: string;
  replicaSetUid: string;
  /** The ReplicaSet's pod-template-hash. */
  hash: string;
  created: string;
  replicas: number;
  ready: number;
  /** The pod template's selector labels (without pod-template-hash). */
  selector: Record<string, string>;
  containers: Container[];
}

export interface Cluster {
  lab: Lab;
  state: LabState;
  nodes: Node[];
  pods: Pod[];
  deployments: Deployment[];
  services: Service[];
  configMaps: ConfigMap[];
  namespaces: Namespace[];
}

/** The namespaces every k3s cluster starts with. */
export const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A stable random-looking (v4) uid for an object of a variant. */
export function uidFor(seed: string): string {
  const h = hex(`uid/${seed}`);
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A containerd container id: 64 hex digits. */
export function containerIdFor(seed: string): string {
  return hex(`container/${seed}`);
}

/** k3s' default Corefile (its coredns config map), which names the NodeHosts file. */
export const COREFILE = `.:53 {
    errors
    health
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
    }
    hosts /etc/coredns/NodeHosts {
      ttl 60
      reload 15s
      fallthrough
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
    import /etc/coredns/custom/*.override
}
import /etc/coredns/custom/*.server
`;

/**
 * coredns' NodeHosts: `IP NAME` per node. k3s writes them from a Go map, in no
 * set order; the lab writes them last node first, the order the cheat sheet shows.
 */
export function nodeHosts(lab: Lab): string {
  return `${[...lab.nodes].reverse().map((n) => `${n.ip} ${n.name}`).join('\n')}\n`;
}

// What the lab's own pods are: their deployment (or none), container, image, ports and labels.
function labPodFacts(lab: Lab, pod: LabPod): Pick<Pod, 'namespace' | 'labels' | 'owner' | 'containers' | 'uid'> {
  const spec = VARIANTS[lab.variant];
  const seed = `${lab.variant}/${pod.name}`;
  const containerId = containerIdFor(seed);
  if (pod.serves === 'dns') {
    return {
      namespace: 'kube-system',
      uid: spec.coredns.uid ?? uidFor(seed),
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': spec.coredns.hash },
      owner: { kind: 'ReplicaSet', name: `coredns-${spec.coredns.hash}` },
      containers: [
        {
          name: 'coredns',
          image: COREDNS_IMAGE,
          containerId: spec.coredns.containerId ?? containerId,
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
          ],
        },
      ],
    };
  }
  if (pod.serves === null) {
    // test-pod, as the cheat sheet runs it: kubectl run test-pod --image=nicolaka/netshoot --command -- sleep infinity
    return {
      namespace: 'default',
      uid: uidFor(seed),
      labels: { run: pod.name },
      containers: [{ name: pod.name, image: 'nicolaka/netshoot', containerId, command: ['sleep', 'infinity'], ports: [] }],
    };
  }
  const np = pod.name.startsWith('nginx-np-deployment-');
  const hash = np ? spec.nginxNp.hash : spec.nginx.hash;
  const deployment = np ? 'nginx-np-deployment' : 'nginx-deployment';
  return {
    namespace: 'default',
    uid: uidFor(seed),
    labels: { app: np ? 'nginx-np' : 'nginx', 'pod-template-hash': hash },
    owner: { kind: 'ReplicaSet', name: `${deployment}-${hash}` },
    containers: [{ name: np ? 'nginx-np' : 'nginx', image: 'nginx:latest', containerId, ports: [{ containerPort: pod.port!, protocol: 'TCP' }] }],
  };
}

// ---- what exists right now ----------------------------------------------------

/** Network namespace name → its inode, for the namespaces that exist. */
function netnsInodes(): Map<string, number> {
  const out = new Map<string, number>();
  let names: string[] = [];
  try {
    names = readdirSync('/run/netns');
  } catch {
    return out;
  }
  for (const n of names) {
    try {
      out.set(n, statSync(`/run/netns/${n}`).ino);
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** Network namespace inode → the live (non-zombie) processes in it. */
function processesByNetns(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let link: string;
    try {
      link = readlinkSync(`/proc/${pid}/ns/net`);
    } catch {
      continue;
    }
    const ino = Number(/\[(\d+)\]/.exec(link)?.[1]);
    if (!Number.isFinite(ino) || isZombie(pid)) continue;
    const list = out.get(ino) ?? [];
    list.push(pid);
    out.set(ino, list);
  }
  return out;
}

export interface Live {
  /** Does this network namespace exist? */
  exists(ns: string): boolean;
  /** Live processes in it. */
  pids(ns: string): number[];
}

/** A look at the namespaces and processes, taken once per command. */
export function lookAtLab(): Live {
  const inodes = netnsInodes();
  let procs: Map<number, number[]> | null = null;
  return {
    exists: (ns) => inodes.has(ns),
    pids: (ns) => {
      const ino = inodes.get(ns);
      if (ino === undefined) return [];
      procs ??= processesByNetns();
      return procs.get(ino) ?? [];
    },
  };
}

/** Exit status a `kubectl run` pod's command left, or null while it runs (or when it runs none). */
export function runPodExit(pod: RunPod): number | null {
  try {
    return Number(readFileSync(`${LAB_LOG_DIR}/${pod.name}.exit`, 'utf8').trim());
  } catch {
    return null;
  }
}

// ---- the objects ----------------------------------------------------------------

// When the story deployed an object of the lab (null: not yet); objects of no workload are there since `lab up`.
const since = (state: LabState, w: Workload | undefined) => (w ? deployedAt(state, w.id) : state.created);

function labPod(lab: Lab, live: Live, p: LabPod, created: string): Pod {
  const node = lab.nodes.find((n) => n.name === p.node)!;
  const exists = live.exists(p.ns);
  const serving = p.serves === null || live.pids(p.ns).length > 0;
  return {
    name: p.name,
    ...labPodFacts(lab, p),
    node: p.node,
    hostIP: node.ip,
    ip: p.ip,
    created,
    phase: exists ? 'Running' : 'Unknown',
    reason: !exists ? 'Unknown' : serving ? 'Running' : 'Error',
    ready: exists && serving,
    netns: p.ns,
  };
}

function runPod(lab: Lab, live: Live, r: RunPod): Pod {
  const node = lab.nodes.find((n) => n.name === r.node)!;
  const ns = `rbl-${r.name}`;
  const exists = live.exists(ns);
  const exit = r.command.length > 0 && !(r.pid !== undefined && live.pids(ns).includes(r.pid)) ? runPodExit(r) : null;
  const done = exit !== null;
  return {
    name: r.name,
    namespace: r.namespace,
    uid: uidFor(`${lab.variant}/${r.namespace}/${r.name}/${r.created}`),
    node: r.node,
    hostIP: node.ip,
    ip: r.ip,
    created: r.created,
    labels: r.labels,
    containers: [
      { name: r.name, image: r.image, containerId: containerIdFor(`${r.name}/${r.created}`), ports: [], ...(r.command.length ? { command: r.command } : {}) },
    ],
    phase: !exists ? 'Unknown' : done ? (exit === 0 ? 'Succeeded' : 'Failed') : 'Running',
    reason: !exists ? 'Unknown' : done ? (exit === 0 ? 'Completed' : 'Error') : 'Running',
    ready: exists && !done,
    ...(done ? { exitCode: exit } : {}),
    netns: ns,
    run: r,
  };
}

const SELECTORS: Record<string, Record<string, string>> = {
  'default/nginx-service': { app: 'nginx' },
  'default/nginx-np-service': { app: 'nginx-np' },
  'kube-system/kube-dns': { 'k8s-app': 'kube-dns' },
};

function services(lab: Lab, state: LabState, pods: Pod[]): Service[] {
  const vm1 = lab.nodes[0]!;
  const out: Service[] = [
    {
      name: 'kubernetes',
      namespace: 'default',
      uid: uidFor(`${lab.variant}/svc/default/kubernetes`),
      created: state.created,
      type: 'ClusterIP',
      clusterIP: API_SERVICE_IP,
      ports: [{ name: 'https', port: 443, targetPort: API_SERVER_PORT, protocol: 'TCP' }],
      labels: { component: 'apiserver', provider: 'kubernetes' },
      endpoints: [{ ip: vm1.ip }],
    },
  ];
  for (const s of lab.services) {
    const [namespace, rest] = s.portName.split('/') as [string, string];
    const [name, portName] = rest.split(':') as [string, string | undefined];
    const created = since(state, workloadOfService(name));
    if (created === null) continue;
    let svc = out.find((o) => o.namespace === namespace && o.name === name);
    if (!svc) {
      svc = {
        name,
        namespace,
        uid: uidFor(`${lab.variant}/svc/${namespace}/${name}`),
        created,
        type: 'ClusterIP',
        clusterIP: s.clusterIP,
        ports: [],
        selector: SELECTORS[`${namespace}/${name}`] ?? {},
        labels: name === 'kube-dns' ? { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } : {},
        endpoints: s.endpoints.map((e) => {
          const pod = pods.find((p) => p.name === e.name)!;
          return { ip: e.ip, nodeName: e.node, pod: { name: e.name, namespace: pod.namespace, uid: pod.uid } };
        }),
      };
      out.push(svc);
    }
    if (s.nodePort !== null) svc.type = 'NodePort';
    svc.ports.push({
      ...(portName ? { name: portName } : {}),
      port: s.port,
      targetPort: s.targetPort,
      protocol: s.protocol === 'udp' ? 'UDP' : 'TCP',
      ...(s.nodePort !== null ? { nodePort: s.nodePort } : {}),
    });
  }
  return out;
}

/** The uid of a pod's owner (its ReplicaSet): what the pod's ownerReferences and the ReplicaSet itself say. */
export function ownerUid(variant: string, owner: string): string {
  const h = createHash('sha256').update(`owner/${variant}/${owner}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The whole simulated cluster for the lab `state` describes, as it is now. */
export function buildCluster(state: LabState, live: Live = lookAtLab()): Cluster {
  const lab = labTopology(state.variant);
  const nodes: Node[] = lab.nodes.map((n, i) => ({
    name: n.name,
    uid: uidFor(`${lab.variant}/node/${n.name}`),
    ip: n.ip,
    created: state.created,
    ready: live.exists(n.ns),
    roles: i === 0 ? ['control-plane', 'master'] : [],
    podCidr: n.podCidr,
  }));
  const shown = lab.pods.flatMap((p) => {
    const created = since(state, workloadOfPod(p.name));
    return created === null ? [] : [labPod(lab, live, p, created)];
  });
  const pods = [...shown, ...state.pods.map((r) => runPod(lab, live, r))];
  const configMaps: ConfigMap[] = [
    {
      name: 'coredns',
      namespace: 'kube-system',
      uid: uidFor(`${lab.variant}/cm/kube-system/coredns`),
      created: state.created,
      data: { Corefile: COREFILE, NodeHosts: nodeHosts(lab) },
    },
  ];
  const namespaces = NAMESPACES.map((name) => ({ name, uid: uidFor(`${lab.variant}/ns/${name}`), created: state.created }));
  return { lab, state, nodes, pods, deployments: deployments(lab, pods), services: services(lab, state, pods), configMaps, namespaces };
}

// The Deployments whose pods are listed: one per ReplicaSet owner, its name that owner's less the hash.
function deployments(lab: Lab, pods: Pod[]): Deployment[] {
  const out = new Map<string, Deployment>();
  for (const p of pods) {
    if (!p.owner) continue;
    const hash = p.labels['pod-template-hash'] ?? '';
    const name = p.owner.name.slice(0, p.owner.name.length - hash.length - 1);
    const key = `${p.namespace}/${name}`;
    let d = out.get(key);
    if (!d) {
      const { 'pod-template-hash': _, ...selector } = p.labels;
      d = {
        name,
        namespace: p.namespace,
        uid: uidFor(`${lab.variant}/deploy/${key}`),
        replicaSet: p.owner.name,
        replicaSetUid: ownerUid(lab.variant, p.owner.name),
        hash,
        created: p.created,
        replicas: 0,
        ready: 0,
        selector,
        containers: p.containers,
      };
      out.set(key, d);
    }
    d.replicas++;
    if (p.ready) d.ready++;
  }
  return [...out.values()];
}

