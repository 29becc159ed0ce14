// The session contract on the local target.
import { sessionContract } from './contract.js';
import { pidsWithArgs } from './lab.js';

sessionContract('local', () => ({
  targets: { here: 'local' },
  target: 'here',
  where: { command: 'echo "pid:$$ ppid:$PPID"', expect: new RegExp(`ppid:${process.pid}\\n`) },
  processes: pidsWithArgs,
}));
