// The cluster's objects as the API server would serve them (what
// `kubectl get -o yaml|json` prints): the fields a k3s v1.29 cluster fills
// in, from the lab's model. Pure.
import { createHash } from 'node:crypto';
import { arch, release } from 'node:os';
import type { Cluster, Deployment, ConfigMap, Namespace, Node, Pod, Service } from './cluster.js';
import { CONTAINER_RUNTIME, K3S_VERSION, NODE_OS_IMAGE, ownerUid } from './cluster.js';
import type { Value } from './serialize.js';

type Obj = { [key: string]: Value };

function resourceVersion(uid: string): string {
  return String(parseInt(createHash('sha256').update(`rv/${uid}`).digest('hex').slice(0, 5), 16) + 1000);
}

/** The image's digest reference (`docker.io/library/nginx@sha256:…`), stable for the image name. */
export function imageId(image: string): string {
  const [repo] = image.split(':') as [string];
  const full = repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  return `${full}@sha256:${createHash('sha256').update(`image/${image}`).digest('hex')}`;
}

export function nodeArch(): string {
  return arch() === 'x64' ? 'amd64' : arch();
}

function meta(o: { name: string; uid: string; created: string; namespace?: string }, extra: Obj = {}): Obj {
  return {
    creationTimestamp: o.created,
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    resourceVersion: resourceVersion(o.uid),
    uid: o.uid,
    ...extra,
  };
}

function containerState(p: Pod, containerId: string): Obj {
  if (p.phase === 'Running') return { running: { startedAt: p.created } };
  if (p.exitCode !== undefined) {
    return { terminated: { containerID: `containerd://${containerId}`, exitCode: p.exitCode, reason: p.reason, startedAt: p.created } };
  }
  return { waiting: { reason: 'Unknown' } };
}

export function podObject(c: Cluster, p: Pod): Obj {
  const owner = p.owner;
  const extra: Obj = { labels: p.labels };
  if (owner) {
    extra['generateName'] = `${owner.name}-`;
    extra['ownerReferences'] = [
      {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: owner.kind,
        name: owner.name,
        uid: ownerUid(c.lab.variant, owner.name),
      },
    ];
  }
  const running = p.phase === 'Running';
  const conditions = ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
    lastProbeTime: null,
    lastTransitionTime: p.created,
    status: type === 'Ready' || type === 'ContainersReady' ? (p.ready ? 'True' : 'False') : 'True',
    type,
  }));
  const dns = p.labels['k8s-app'] === 'kube-dns';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(p, extra),
    spec: {
      containers: p.containers.map((ct) => ({
        ...(ct.args ? { args: ct.args } : {}),
        ...(ct.command ? { command: ct.command } : {}),
        image: ct.image,
        imagePullPolicy: ct.image.endsWith(':latest') || !ct.image.includes(':') ? 'Always' : 'IfNotPresent',
        name: ct.name,
        ...(ct.ports.length
          ? { ports: ct.ports.map((pt) => ({ containerPort: pt.containerPort, ...(pt.name ? { name: pt.name } : {}), protocol: pt.protocol })) }
          : {}),
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      })),
      dnsPolicy: dns ? 'Default' : 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: p.node,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: dns ? 2000000000 : 0,
      ...(dns ? { priorityClassName: 'system-cluster-critical' } : {}),
      restartPolicy: p.run?.restart ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: dns ? 'coredns' : 'default',
      serviceAccountName: dns ? 'coredns' : 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      conditions,
      containerStatuses: p.containers.map((ct) => ({
        containerID: `containerd://${ct.containerId}`,
        image: ct.image.includes('/') ? `docker.io/${ct.image}` : `docker.io/library/${ct.image}`,
        imageID: imageId(ct.image),
        lastState: {},
        name: ct.name,
        ready: p.ready,
        restartCount: 0,
        started: running && p.ready,
        state: containerState(p, ct.containerId),
      })),
      hostIP: p.hostIP,
      hostIPs: [{ ip: p.hostIP }],
      phase: p.phase,
      podIP: p.ip,
      podIPs: [{ ip: p.ip }],
      qosClass: 'BestEffort',
      startTime: p.created,
    },
  };
}

export function serviceObject(s: Service): Obj {
  const spec: Obj = {
    clusterIP: s.clusterIP,
    clusterIPs: [s.clusterIP],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: s.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort,
    })),
    sessionAffinity: 'None',
    type: s.type,
  };
  if (s.selector) spec['selector'] = s.selector;
  if (s.type === 'NodePort') spec['externalTrafficPolicy'] = 'Cluster';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(s, Object.keys(s.labels).length ? { labels: s.labels } : {}),
    spec,
    status: { loadBalancer: {} },
  };
}

export function endpointsObject(s: Service): Obj {
  const addresses = sortedEndpoints(s).map((e) => ({
    ip: e.ip,
    ...(e.nodeName ? { nodeName: e.nodeName } : {}),
    ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod.name, namespace: e.pod.namespace, uid: e.pod.uid } } : {}),
  }));
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta({ ...s, uid: `${s.uid}-ep` }, Object.keys(s.labels).length ? { labels: s.labels } : {}),
    subsets: [
      {
        addresses,
        ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.targetPort, protocol: p.protocol })),
      },
    ],
  };
}

// The alphabet of generated name suffixes (apimachinery's rand.String: no vowels, no 0, 1, 3).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The service's EndpointSlice name: the endpointslice controller's `SERVICE-xxxxx` (a generated
 * suffix, stable here per lab variant); the API server's own `kubernetes` slice is named as is.
 */
const isApiServer = (s: Service) => s.name === 'kubernetes' && s.namespace === 'default';

export function endpointSliceName(variant: string, s: Service): string {
  if (isApiServer(s)) return 'kubernetes';
  const h = createHash('sha256').update(`eps/${variant}/${s.namespace}/${s.name}`).digest();
  return `${s.name}-${[...h.subarray(0, 5)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('')}`;
}

export function endpointSliceObject(variant: string, s: Service): Obj {
  const managed = isApiServer(s) ? 'endpointslice-mirroring-controller.k8s.io' : 'endpointslice-controller.k8s.io';
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: sortedEndpoints(s).map((e) => ({
      addresses: [e.ip],
      conditions: { ready: true, serving: true, terminating: false },
      ...(e.nodeName ? { nodeName: e.nodeName } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod.name, namespace: e.pod.namespace, uid: e.pod.uid } } : {}),
    })),
    kind: 'EndpointSlice',
    metadata: meta(
      { name: endpointSliceName(variant, s), namespace: s.namespace, uid: `${s.uid.slice(0, -4)}e5e5`, created: s.created },
      {
        ...(isApiServer(s) ? {} : { generateName: `${s.name}-` }),
        labels: { ...s.labels, 'endpointslice.kubernetes.io/managed-by': managed, 'kubernetes.io/service-name': s.name },
      },
    ),
    ports: s.ports.map((p) => ({ name: p.name ?? '', port: p.targetPort, protocol: p.protocol })),
  };
}

/** Endpoint addresses as the endpoints controller stores them: sorted by IP (bytewise). */
export function sortedEndpoints(s: Service) {
  return [...s.endpoints].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

export function configMapObject(cm: ConfigMap): Obj {
  return { apiVersion: 'v1', data: cm.data, kind: 'ConfigMap', metadata: meta(cm) };
}

export function namespaceObject(n: Namespace): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(n, { labels: { 'kubernetes.io/metadata.name': n.name } }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function nodeObject(n: Node): Obj {
  const labels: Obj = {
    'beta.kubernetes.io/arch': nodeArch(),
    'beta.kubernetes.io/instance-type': 'k3s',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': nodeArch(),
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': 'k3s',
  };
  for (const r of n.roles) labels[`node-role.kubernetes.io/${r}`] = 'true';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(n, { labels }),
    spec: { podCIDR: n.podCidr, podCIDRs: [n.podCidr], providerID: `k3s://${n.name}` },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [
        {
          lastHeartbeatTime: n.created,
          lastTransitionTime: n.created,
          message: n.ready ? 'kubelet is posting ready status' : 'Kubelet stopped posting node status.',
          reason: n.ready ? 'KubeletReady' : 'NodeStatusUnknown',
          status: n.ready ? 'True' : 'Unknown',
          type: 'Ready',
        },
      ],
      nodeInfo: {
        architecture: nodeArch(),
        containerRuntimeVersion: CONTAINER_RUNTIME,
        kernelVersion: release(),
        kubeProxyVersion: K3S_VERSION,
        kubeletVersion: K3S_VERSION,
        operatingSystem: 'linux',
        osImage: NODE_OS_IMAGE,
      },
    },
  };
}

/** Several objects, as kubectl prints a list: `kind: List` with `resourceVersion: ""`. */
export function listObject(items: Obj[]): Obj {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

// The pod template both a Deployment and its ReplicaSet carry.
function podTemplate(d: Deployment, labels: Record<string, string>): Obj {
  return {
    metadata: { creationTimestamp: null, labels },
    spec: {
      containers: d.containers.map((c) => ({
        image: c.image,
        imagePullPolicy: c.image.endsWith(':latest') ? 'Always' : 'IfNotPresent',
        name: c.name,
        ...(c.ports.length ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol })) } : {}),
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      })),
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

export function deploymentObject(d: Deployment): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(d, { annotations: { 'deployment.kubernetes.io/revision': '1' }, generation: 1 }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas: d.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: d.selector },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: podTemplate(d, d.selector),
    },
    status: { availableReplicas: d.ready, observedGeneration: 1, readyReplicas: d.ready, replicas: d.replicas, updatedReplicas: d.replicas },
  };
}

export function replicaSetObject(d: Deployment): Obj {
  const labels = { ...d.selector, 'pod-template-hash': d.hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(
      { name: d.replicaSet, uid: d.replicaSetUid, created: d.created, namespace: d.namespace },
      {
        generation: 1,
        labels,
        ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: d.name, uid: d.uid }],
      },
    ),
    spec: { replicas: d.replicas, selector: { matchLabels: labels }, template: podTemplate(d, labels) },
    status: { availableReplicas: d.ready, fullyLabeledReplicas: d.replicas, observedGeneration: 1, readyReplicas: d.ready, replicas: d.replicas },
  };
}
