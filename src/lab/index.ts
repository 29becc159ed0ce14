// The embedded default lab: the cheat sheet's 3-node k3s networking, built
// from network namespaces, bridges, veths and kube-proxy-style iptables.
export { runLabCommand, type LabIo } from './command.js';
export { labDown } from './down.js';
export { labStatus, type LabStatus } from './status.js';
export { labUp } from './up.js';
export { labTopology } from './topology.js';
export { endpointChainName, externalChainName, serviceChainName } from './chain-names.js';
export type { Lab, LabNode, LabPod, LabService, Variant } from './types.js';
