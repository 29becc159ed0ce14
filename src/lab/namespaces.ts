// Finding the lab's namespaces and the processes inside them, whatever state
// a previous (maybe failed, maybe interrupted) `up` left behind.
import { run } from './exec.js';
import { LAB_PREFIX } from './topology.js';

// Names of the existing namespaces whose name starts with `rbl-`.
export async function listLabNamespaces(): Promise<string[]> {
  const out = await run('ip', ['netns', 'list']);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(LAB_PREFIX));
}

// PIDs of the processes running in a namespace (`ip netns pids`).
export async function pidsIn(ns: string): Promise<number[]> {
  const out = await run('ip', ['netns', 'pids', ns], { okCodes: [1] });
  return out
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n !== process.pid);
}
