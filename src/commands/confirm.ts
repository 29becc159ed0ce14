// --step: ask before each step, on the terminal (or whatever feeds stdin).
import { createInterface, type Interface } from 'node:readline';
import type { Step } from '../markdown/types.js';

/**
 * A confirm function for --step: Enter or y runs the step, n skips it, q skips
 * the rest. One reader for the whole run (a reader per question would lose
 * answers typed ahead); the end of input answers q.
 */
export function confirmOnTerminal(): (step: Step, command: string) => Promise<boolean> {
  let quit = false;
  let rl: Interface | undefined;
  const answers: string[] = [];
  let waiting: ((answer: string | null) => void) | undefined;
  let ended = false;
  const next = (): Promise<string | null> => {
    if (!rl) {
      rl = createInterface({ input: process.stdin, terminal: false });
      rl.on('line', (line) => (waiting ? (waiting(line), (waiting = undefined)) : answers.push(line)));
      rl.on('close', () => {
        ended = true;
        waiting?.(null);
        waiting = undefined;
      });
    }
    if (answers.length > 0) return Promise.resolve(answers.shift()!);
    if (ended) return Promise.resolve(null);
    // Reading only while a question waits: a paused reader does not keep the run from ending.
    rl.resume();
    return new Promise((resolve) => (waiting = resolve)).then((a) => (rl?.pause(), a as string | null));
  };
  return async (step, command) => {
    if (quit) return false;
    process.stderr.write(`${step.file}:${step.line} [${step.target}] ${command.split('\n')[0]}\nrun? [Y/n/q] `);
    const answer = (await next())?.trim().toLowerCase() ?? 'q';
    if (answer === 'q') {
      quit = true;
      rl?.close();
    }
    return answer === '' || answer === 'y' || answer === 'yes';
  };
}
