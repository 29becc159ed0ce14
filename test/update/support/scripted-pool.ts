// A SessionPool that answers each command from a script (command → output,
// exit status): the engine runs for real, nothing executes.
import type { Execution, SessionPool } from '../../../src/sessions/types.js';
import { makeExecution } from './build.js';

export type Script = Record<string, { output: string; exitCode?: number }>;

/** Sessions whose run() looks the command up in `script` (unknown commands print nothing). */
export function scriptedPool(script: Script): SessionPool & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    session(target) {
      return {
        target,
        async run(command): Promise<Execution> {
          ran.push(command);
          const s = script[command] ?? { output: '' };
          return makeExecution(s.output, { exitCode: s.exitCode ?? 0 });
        },
        async writeFile(): Promise<Execution> {
          return makeExecution('');
        },
        async close() {},
      };
    },
    async closeAll() {},
  };
}

/** Sessions that answer the i-th command run with the i-th reply, whatever the command. */
export function sequencePool(replies: { output: string; exitCode: number }[]): SessionPool {
  let i = 0;
  const session = (target: string) => ({
    target,
    async run(): Promise<Execution> {
      const r = replies[i++] ?? { output: '', exitCode: 0 };
      return makeExecution(r.output, { exitCode: r.exitCode });
    },
    async writeFile(): Promise<Execution> {
      return makeExecution('');
    },
    async close() {},
  });
  return { session, async closeAll() {} };
}
