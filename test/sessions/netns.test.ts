// The session contract on a netns target: `ip netns exec rbs-vm2 bash`.
import { afterAll, beforeAll } from 'vitest';
import { sessionContract } from './contract.js';
import { createLab, deleteLab, pidsInNetns } from './lab.js';

beforeAll(() => createLab());
afterAll(() => deleteLab());

sessionContract('netns', () => ({
  targets: { vm2: { netns: 'rbs-vm2' } },
  target: 'vm2',
  where: { command: 'ip -br addr show dev v0', expect: /^v0@\S+\s+UP\s+10\.231\.0\.2\/24/ },
  processes: (args) => pidsInNetns('rbs-vm2', args),
}));
