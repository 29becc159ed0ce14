// The second channel: a pipe carries no Ctrl-C, so an interrupt runs the kill
// script on the target through the same transport chain as the session.
import { spawn } from 'node:child_process';
import { KILL_SCRIPT } from './shell-loop.js';

export type KillSignal = 'INT' | 'KILL';

/** Builds the argv that runs a given argv on the session's target (argvFor, bound to the target). */
export type OnTarget = (argv: string[]) => string[];

// Signals the session shell `pid` and its descendants on the target; resolves with the channel's error text, if any.
export function signalOnTarget(onTarget: OnTarget, pid: number, signal: KillSignal, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const argv = onTarget(['bash', '-c', KILL_SCRIPT, 'rb-kill', String(pid), signal]);
  return new Promise((resolve) => {
    let said = '';
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: env ?? process.env });
    child.stdout.on('data', (d: Buffer) => (said += d.toString()));
    child.stderr.on('data', (d: Buffer) => (said += d.toString()));
    child.once('error', (e) => resolve(`${argv[0]}: ${e.message}`));
    child.once('close', (code) => resolve(code === 0 ? undefined : said.trim() || `${argv[0]} exited with status ${code}`));
  });
}
