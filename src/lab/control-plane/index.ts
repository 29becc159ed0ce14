// The lab's simulated control plane: the stand-ins' logic (`runbook lab
// kubectl|multipass …`), the state `lab up` writes, and the bin folder.
import { kubectl } from './kubectl.js';
import { multipass } from './multipass.js';

export { installStandIns } from './bin.js';
export { LAB_BIN_DIR, LAB_RUN_DIR, readState, removeRunDir, writeState, type LabState } from './state.js';

/** Runs one stand-in (`kubectl` or `multipass`) with its arguments; returns its exit status. */
export async function runStandIn(tool: 'kubectl' | 'multipass', args: string[]): Promise<number> {
  const io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };
  return tool === 'kubectl' ? kubectl(args, io) : multipass(args, io);
}
