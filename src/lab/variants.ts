// The two address plans. Variant a is the cheat sheet's own cluster; variant b
// changes every volatile value (node IPs, pod IPs, pod name suffixes, service
// IPs, hence chain hashes) while keeping the same shape and the same order of
// endpoints, so one runbook passes against both.

export interface PodSpec {
  /** The generated pod-name suffix (`gk7cj`), or the whole name for test-pod. */
  suffix: string;
  ip: string;
}

export interface VariantSpec {
  /** The underlay bridge's address (the VM host's side) and its prefix length. */
  gateway: string;
  prefixLength: number;
  /** Node IPs of vm1, vm2, vm3. */
  nodeIps: [string, string, string];
  /** ReplicaSet hash of nginx-deployment and its pods on vm1, vm2, vm3. */
  nginx: { hash: string; pods: [PodSpec, PodSpec, PodSpec] };
  /** ReplicaSet hash of nginx-np-deployment and its pods on vm1, vm2, vm3. */
  nginxNp: { hash: string; pods: [PodSpec, PodSpec, PodSpec] };
  /** test-pod's IP (on vm2). */
  testPodIp: string;
  /**
   * ReplicaSet hash of coredns and its one pod (on vm1); for variant a also the
   * pod's uid and its container's id, which the cheat sheet shows (kubelet's
   * pod folder, `kubectl describe pod`). Left out, they are derived by hashing.
   */
  coredns: { hash: string; pod: PodSpec; uid?: string; containerId?: string };
  /** Cluster IPs of nginx-service and nginx-np-service. */
  nginxServiceIp: string;
  nginxNpServiceIp: string;
  /** The host's other VMs (not cluster nodes): the cheat sheet's `multipass list` shows `test-metalbv2`, a one-node k3s on Ubuntu 20.04. */
  otherVms: { name: string; ip: string; image: string; release: string }[];
}

export const VARIANTS: Record<'a' | 'b', VariantSpec> = {
  a: {
    gateway: '10.65.94.1',
    prefixLength: 24,
    nodeIps: ['10.65.94.238', '10.65.94.199', '10.65.94.95'],
    nginx: {
      hash: '7c79c4bf97',
      pods: [
        { suffix: 'gk7cj', ip: '10.42.0.8' },
        { suffix: '5j5bv', ip: '10.42.1.2' },
        { suffix: '4fdl4', ip: '10.42.2.2' },
      ],
    },
    nginxNp: {
      hash: '5f6c8b7d49',
      pods: [
        { suffix: 'w2xkq', ip: '10.42.0.10' },
        { suffix: 'hv7nz', ip: '10.42.1.6' },
        { suffix: 'p9t4m', ip: '10.42.2.5' },
      ],
    },
    testPodIp: '10.42.1.4',
    coredns: {
      hash: '6799fbcd5',
      pod: { suffix: '9ln42', ip: '10.42.0.2' },
      uid: '05cc11a6-6aa4-4da9-b1db-e56cf20d222f',
      containerId: 'f5499f73a98b24fbc08a2da797e44f4edd932ce838d3f6b3a5d76e4ce8a0d359',
    },
    nginxServiceIp: '10.43.180.238',
    nginxNpServiceIp: '10.43.143.108',
    otherVms: [{ name: 'test-metalbv2', ip: '10.65.94.106', image: '20.04 LTS', release: 'Ubuntu 20.04.6 LTS' }],
  },
  b: {
    gateway: '10.77.31.1',
    prefixLength: 24,
    nodeIps: ['10.77.31.21', '10.77.31.32', '10.77.31.43'],
    nginx: {
      hash: '6b5d8c9f47',
      pods: [
        { suffix: 'qx7wz', ip: '10.42.0.5' },
        { suffix: 'm2r9h', ip: '10.42.1.9' },
        { suffix: 'tj6kd', ip: '10.42.2.7' },
      ],
    },
    nginxNp: {
      hash: '84c7df9b56',
      pods: [
        { suffix: 'zr5lc', ip: '10.42.0.14' },
        { suffix: 'n8vfx', ip: '10.42.1.12' },
        { suffix: 'k4bqs', ip: '10.42.2.11' },
      ],
    },
    testPodIp: '10.42.1.3',
    coredns: { hash: '58d4c7bd69', pod: { suffix: 'x5wq2', ip: '10.42.0.3' } },
    nginxServiceIp: '10.43.91.17',
    nginxNpServiceIp: '10.43.22.201',
    otherVms: [{ name: 'test-metalbv2', ip: '10.77.31.54', image: '20.04 LTS', release: 'Ubuntu 20.04.6 LTS' }],
  },
};
