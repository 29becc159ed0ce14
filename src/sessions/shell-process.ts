// One transport process running the session loop: spawn it with its own
// pipes (never the CLI's), hand it the loop and the delimiter, and report its
// ready line, its frames and its end.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomHex } from './random-hex.js';
import { createFrameReader, type Frame, type FrameReader } from './frame-reader.js';
import { LOOP_SCRIPT, record, RESUME_RECORD } from './shell-loop.js';

export interface ShellProcess {
  /** Resolves with the shell's PID on the target; rejects with the transport's own error text. */
  ready: Promise<number>;
  /** The shell's pid once its ready line was read (synchronously, unlike `ready`). */
  readyPid: () => number | undefined;
  /** Sends one command (no NUL bytes) as one record. */
  send(command: string): void;
  /** Sends the record that ends dropping (after an interrupt or an exit status 80). */
  sendResume(): void;
  /** Set by the session for the command in flight. */
  setHandlers(handlers: ShellHandlers): void;
  reader: FrameReader;
  alive(): boolean;
  /** Kills the whole transport process group at once. */
  kill(): void;
  /** Ends stdin (the loop exits), then kills what is left after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** What the session wants to hear about the command in flight. */
export interface ShellHandlers {
  onFrame(frame: Frame): void;
  onText(text: string): void;
  /**
   * The shell is gone: `said` is the transport's own words (may be empty), `how` e.g. `exit status 3`;
   * `status` when the shell itself said what it exited with (`exit 80` in a command).
   */
  onEnd(said: string, how: string, status?: number): void;
}

const STDERR_KEEP = 16 * 1024;

// Starts `argv` (the transport chain ending in bash) as the session's shell.
export function startShellProcess(argv: string[], cap: number, env: NodeJS.ProcessEnv | undefined, target: string): ShellProcess {
  const delim = `__RB_${randomHex(16)}__`;
  let stderr = '';
  let ended = false;
  let readyPid: number | undefined;
  let resolveReady!: (pid: number) => void;
  let rejectReady!: (error: string) => void;
  const ready = new Promise<number>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {});
  let handlers: ShellHandlers = { onFrame: () => {}, onText: () => {}, onEnd: () => {} };
  const reader = createFrameReader(delim, cap, {
    onReady: (pid) => ((readyPid = pid), resolveReady(pid)),
    onFrame: (f) => handlers.onFrame(f),
    onText: (t) => handlers.onText(t),
    onExit: (status) => {
      end('', `exit status ${status}`, status);
      killGroup(child);
    },
  });

  // Every process this shell starts on this machine inherits the mark, even one
  // that leaves the process group (`setsid daemon &`): close() finds them by it.
  const mark = randomHex(8);
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...(env ?? process.env), [MARK_VAR]: mark },
  });
  live.set(child, mark);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.stdout!.on('data', (d: Buffer) => reader.push(d));
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < STDERR_KEEP) stderr += d.toString('utf8');
  });
  child.stdin!.on('error', () => {});
  const end = (said: string, how: string, status?: number): void => {
    if (ended) return;
    ended = true;
    rejectReady(said);
    handlers.onEnd(said, how, status);
  };
  const ending = (code: number | null, signal: NodeJS.Signals | null) => (): void =>
    end(lastLines(stderr.trim() || reader.preamble().trim()), signal ? `killed by ${signal}` : `exit status ${code}`);
  child.once('error', (e: NodeJS.ErrnoException) =>
    end(e.code === 'ENOENT' ? `"${argv[0]}" was not found on PATH (target "${target}" runs it)` : `${argv[0]}: ${e.message}`, 'not started'),
  );
  child.once('close', (code, signal) => ending(code, signal)());
  // A background job may hold stdout open after the shell exited: do not wait for it for long.
  child.once('exit', (code, signal) => setTimeout(ending(code, signal), 300).unref());
  child.stdin!.write(`${LOOP_SCRIPT}${delim}\0`);
  // Records sent in one turn of the event loop (a pipelined window) go out as one write.
  let corked = false;
  const write = (text: string): void => {
    const stdin = child.stdin!;
    if (!corked) {
      corked = true;
      stdin.cork();
      process.nextTick(() => {
        corked = false;
        stdin.uncork();
      });
    }
    stdin.write(text);
  };

  return {
    ready,
    readyPid: () => readyPid,
    setHandlers: (h) => void (handlers = h),
    reader,
    send: (command) => write(record(command)),
    sendResume: () => write(RESUME_RECORD),
    alive: () => !ended,
    kill: () => killGroup(child),
    close: async (graceMs = 2000) => {
      if (!ended) {
        child.stdin!.end();
        const timer = setTimeout(() => killGroup(child), graceMs);
        await exited;
        clearTimeout(timer);
      }
      sweepGroup(child);
      sweepMarked(mark);
      live.delete(child);
      // A daemon elsewhere may still hold our pipes: never wait for their end.
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
  };
}

// The transport's last words: enough to say why, not a whole log.
function lastLines(text: string): string {
  return text.split('\n').slice(-5).join('\n');
}

const MARK_VAR = 'RUNBOOK_SESSION_MARK';

// Every shell this process started and has not closed: a second Ctrl-C ends them all at once.
const live = new Map<ChildProcess, string>();

/** Kills every session shell still open, its process group and its marked daemons (synchronously). */
export function killAllShells(): void {
  for (const [child, mark] of live) {
    killGroup(child);
    sweepGroup(child);
    sweepMarked(mark);
  }
  live.clear();
}

// Local processes that carry this session's mark in their environment (daemons
// that left the process group with setsid): the run ends every process it started.
function sweepMarked(mark: string): void {
  const needle = `${MARK_VAR}=${mark}\0`;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return; // no /proc (not Linux): the process group sweep is all there is
  }
  for (const pid of pids) {
    try {
      if (`${readFileSync(`/proc/${pid}/environ`, 'latin1')}\0`.includes(needle)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}

// After the shell exited: background jobs it left in its process group (`… &`) go too.
function sweepGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already empty
  }
}

// Kills the transport and everything it started locally (it runs in its own process group).
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
