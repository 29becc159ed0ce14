// A long run on a small machine: V8's optimizing compiler works on background threads, and in
// a run of thousands of steps those threads (about 0.2 s of CPU at 10,000 steps on two cores)
// take the CPU the target's shell needs, for code that is each step's same few functions.
// Raising the interrupt budget makes a function tier up after eight times the work: a hot loop
// still gets optimized, a step's glue code mostly not (10,000 steps: 0.62 → 0.55 s, 0.95 → 0.89 s
// of CPU). Set only for a run of many steps on live shells (a replay has no shell to leave the CPU
// to; a single big step is one hot loop), and once the modules a run needs are loaded: after a
// V8 flag changes, Node compiles the internal modules it loads without their built-in code cache
// (node:v8 itself is required here, not imported, so a short run never loads it).
import { createRequire } from 'node:module';

const LONG_RUN_STEPS = 500;
let tuned = false;

/** Tunes V8 for a run of `steps` steps (once per process). */
export function tierUpLater(steps: number): void {
  if (steps < LONG_RUN_STEPS || tuned) return;
  tuned = true;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--interrupt-budget=540672');
}
