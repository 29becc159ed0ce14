// With -j N runbooks run in parallel, but a person reads their reports in the
// order given: each runbook's hook calls are buffered until its turn comes.
import type { Reporter } from '../run/types.js';

type Call = () => void;

/** One proxy reporter per runbook; runbook i streams live once runbooks 0..i-1 have ended. */
export function orderedReporters(target: Reporter, count: number): { reporters: Reporter[]; finish(i: number): void } {
  const buffers: Call[][] = Array.from({ length: count }, () => []);
  const ended: boolean[] = new Array(count).fill(false);
  let current = 0;
  const flush = () => {
    while (current < count) {
      for (const call of buffers[current]!.splice(0)) call();
      if (!ended[current]) return;
      current++;
    }
  };
  const proxy = (i: number): Reporter => {
    const defer = (call: Call) => {
      if (i === current) call();
      else buffers[i]!.push(call);
    };
    return {
      onStepStart: (step, command) => defer(() => target.onStepStart?.(step, command)),
      onStepOutput: (step, chunk) => defer(() => target.onStepOutput?.(step, chunk)),
      onStepEnd: (result) => defer(() => target.onStepEnd?.(result)),
      onRunbookEnd: (result) => defer(() => target.onRunbookEnd?.(result)),
    };
  };
  return {
    reporters: Array.from({ length: count }, (_, i) => proxy(i)),
    finish(i: number) {
      ended[i] = true;
      flush();
    },
  };
}
