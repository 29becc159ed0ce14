// --step: ask before each step, on the terminal.
import { createInterface } from 'node:readline/promises';
import type { Step } from '../markdown/types.js';

/** A confirm function for --step: Enter or y runs the step, n skips it, q skips the rest. */
export function confirmOnTerminal(): (step: Step, command: string) => Promise<boolean> {
  let quit = false;
  return async (step, command) => {
    if (quit) return false;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = (await rl.question(`${step.file}:${step.line} [${step.target}] ${command.split('\n')[0]}\nrun? [Y/n/q] `)).trim().toLowerCase();
      if (answer === 'q') quit = true;
      return answer === '' || answer === 'y' || answer === 'yes';
    } finally {
      rl.close();
    }
  };
}
