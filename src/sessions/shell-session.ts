// A Session backed by one persistent shell on one target (see shell-loop.ts
// for why). The shell is started on first use and again after it died; a
// target whose shell could not start is remembered, so its later steps fail
// at once with the transport's own words.
import { commandOnWire } from './terminal-commands.js';
import type { Execution, RunOptions, Session } from './types.js';
import { signalOnTarget, type KillSignal, type OnTarget } from './interrupt.js';
import type { Frame } from './frame-reader.js';
import { SKIP_STATUS } from './shell-loop.js';
import { startShellProcess, type ShellHandlers, type ShellProcess } from './shell-process.js';
import { writeFileCommand } from './write-file.js';

export interface ShellSessionOptions {
  /** The transport chain that starts the shell on the target, e.g. `ssh … 'bash --noprofile --norc'`. */
  startArgv: string[];
  /** Wraps an argv so it runs on the same target: the interrupt channel. */
  onTarget: OnTarget;
  /** Bytes of output kept per command. */
  outputCap: number;
  env?: NodeJS.ProcessEnv;
  /** How long each interrupt round (SIGINT, then SIGKILL) waits for the command to end; default 1000. */
  graceMs?: number;
}

type Reason = 'timeout' | 'stop' | 'abort';

/** setTimeout fires at once past this (2^31 - 1 ms, about 24 days). */
const MAX_TIMER = 2_147_483_647;

// An execution with nothing to say yet, every field in place (one shape for every step).
const executionOf = (durationMs: number): Execution => ({
  output: '', exitCode: null, durationMs, timedOut: false, stopped: false, interrupted: false, truncated: false, noFinalNewline: false,
});

// The commands in flight with each signal, whatever their session, and one abort listener per
// signal for all of them: a listener per command cost a long transcript ~5% of its main thread, and
// one per session made Node warn past ten (a runbook that visits a dozen pods or VMs).
type Interrupt = (why: Reason) => void;
const inFlightWith = new WeakMap<AbortSignal, Set<Interrupt>>();
function commandsWith(signal: AbortSignal): Set<Interrupt> {
  let commands = inFlightWith.get(signal);
  if (!commands) {
    const all = (commands = new Set());
    inFlightWith.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        for (const interrupt of [...all]) interrupt('abort');
      },
      { once: true },
    );
  }
  return commands;
}

// Opens nothing yet: the shell starts with the first run().
export function createShellSession(target: string, opts: ShellSessionOptions): Session {
  let proc: ShellProcess | undefined;
  let unreachable: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const grace = opts.graceMs ?? 1000;

  // Pipelining: records sent ahead of their run() (see sendAhead), in order, with what came back
  // for them while no run() waited. `sent` numbers the records of the live shell as its loop
  // does; after an interrupt or an exit status 80 the loop drops records until `resume`.
  interface Ahead {
    seq: number;
    command: string;
    /** The shell it was sent to. */
    on: ShellProcess;
    frame?: Frame;
    ended?: { said: string; how: string; status: number | undefined; output: Frame };
  }
  let ahead: Ahead[] = [];
  let sent = 0;
  let dropping = false;
  const sendRecord = (p: ShellProcess, command: string): number => {
    if (dropping) {
      p.sendResume();
      sent++;
      dropping = false;
    }
    p.send(commandOnWire(command));
    return ++sent;
  };
  // The record sent ahead with this seq: the records are in seq order, and nearly always consecutive.
  const aheadOf = (seq: number): Ahead | undefined => {
    const at = ahead[seq - (ahead[0]?.seq ?? 0)];
    return at?.seq === seq ? at : ahead.find((x) => x.seq === seq);
  };
  // Between commands: frames (and a shell's end) belong to records sent ahead. One set per shell.
  const idleHandlers = new WeakMap<ShellProcess, ShellHandlers>();
  const idle = (p: ShellProcess): void => {
    let handlers = idleHandlers.get(p);
    if (!handlers) {
      handlers = {
        onText: () => {},
        onFrame: (f) => {
          const r = aheadOf(f.seq);
          if (r) r.frame = f;
        },
        onEnd: (said, how, status) => {
          if (proc === p) proc = undefined;
          const r = ahead.find((x) => !x.frame);
          if (r) r.ended = { said, how, status, output: p.reader.flush() };
        },
      };
      idleHandlers.set(p, handlers);
    }
    p.setHandlers(handlers);
  };

  // The command in flight, for the session's one watch timer: a long transcript would otherwise
  // arm and clear a timer at every step. The timer stays armed between commands (unref'd), and is
  // moved only to fire earlier.
  interface InFlight {
    interrupt: Interrupt;
    timeoutAt: number;
    stopAt: number;
  }
  let inFlight: InFlight | undefined;
  let watch: { timer: NodeJS.Timeout; at: number } | undefined;
  const watchFor = (at: number): void => {
    if (watch && watch.at <= at) {
      watch.timer.ref();
      return;
    }
    if (watch) clearTimeout(watch.timer);
    watch = { timer: setTimeout(onWatch, Math.min(Math.max(0, at - performance.now()), MAX_TIMER)), at };
  };
  function onWatch(): void {
    watch = undefined;
    const f = inFlight;
    if (!f) return;
    const at = Math.min(f.stopAt, f.timeoutAt);
    if (at <= performance.now()) f.interrupt(f.stopAt <= f.timeoutAt ? 'stop' : 'timeout');
    else if (Number.isFinite(at)) watchFor(at);
  }

  // One command on the live shell; never rejects.
  const runOne = (command: string, options: RunOptions): Promise<Execution> => {
    const started = performance.now();
    const result = (fields: Partial<Execution>): Execution => Object.assign(executionOf(performance.now() - started), fields);
    if (command.includes('\0')) return Promise.resolve(result({ error: `the command for target "${target}" contains a NUL byte, which no shell can receive` }));
    if (unreachable !== undefined) return Promise.resolve(result({ error: unreachable, errorKind: 'blocked' }));
    if (options.signal?.aborted) return Promise.resolve(result({ interrupted: true }));
    // The command was sent ahead: its frame, or the end of the shell it ended, may be here already,
    // even when that shell is gone now — it ran, and must not run again on a fresh one. Anything
    // else sent ahead is void.
    let head = ahead[0]?.command === command ? ahead.shift() : undefined;
    if (!head) ahead = [];
    // Sent ahead and already back (most steps of a long transcript): no timer, listener or closures.
    if (head?.frame) {
      const f = head.frame;
      // An exit status 80 made the loop drop what was sent after it.
      if (f.status === SKIP_STATUS) {
        ahead = [];
        dropping = true;
      }
      const e = executionOf(performance.now() - started);
      e.output = f.output;
      e.exitCode = f.status;
      e.truncated = f.truncated;
      e.noFinalNewline = f.noFinalNewline;
      return Promise.resolve(e);
    }
    // A shell that ended before this command ran (no frame, no end of its own): a fresh one runs it.
    if (!head?.ended && !proc?.alive()) {
      head = undefined;
      proc = startShellProcess(opts.startArgv, opts.outputCap, opts.env, target);
      ahead = [];
      sent = 0;
      dropping = false;
    }
    const p = head?.ended ? head.on : proc!;

    return new Promise<Execution>((resolve) => {
      let reason: Reason | undefined;
      let pid: number | undefined;
      let done = false;
      let gaveUp = false;
      let channel: Promise<unknown> = Promise.resolve();
      let channelError: string | undefined;
      const timers: NodeJS.Timeout[] = [];
      const finish = (fields: Partial<Execution>): void => {
        if (done) return;
        done = true;
        timers.forEach(clearTimeout);
        if (inFlight === mine) inFlight = undefined;
        if (options.signal) inFlightWith.get(options.signal)?.delete(interrupt);
        watch?.timer.unref();
        idle(p);
        // An interrupted command, or one that exited 80, made the loop drop what was sent after it.
        if (reason !== undefined || fields.exitCode === SKIP_STATUS) {
          ahead = [];
          dropping = true;
        }
        const flags = { timedOut: reason === 'timeout', stopped: reason === 'stop', interrupted: reason === 'abort' };
        // Wait for the kill channel: it must not outlive this command and hit the next one.
        void channel.then(() => resolve(Object.assign(result(flags), fields)));
      };
      // One interrupt round; the grace counts from when the signal landed (a slow hop is not a stuck command).
      const round = (signal: KillSignal, next: () => void): void => {
        const sent = signalOnTarget(opts.onTarget, pid!, signal, opts.env).then((e) => void (channelError ??= e));
        channel = Promise.race([sent, new Promise<void>((r) => setTimeout(r, 5 * grace).unref())]);
        void channel.then(() => done || timers.push(setTimeout(next, grace)));
      };
      const interrupt = (why: Reason): void => {
        if (reason !== undefined || done) return;
        reason = why;
        if (pid === undefined) {
          p.kill();
          if (proc === p) proc = undefined;
          finish({ error: `target "${target}" was still starting its shell when the command was ${why === 'timeout' ? 'timed out' : 'interrupted'}` });
          return;
        }
        round('INT', () => round('KILL', () => ((gaveUp = true), p.kill())));
      };
      const mine: InFlight = { interrupt, timeoutAt: started + options.timeoutMs, stopAt: started + (options.stopAfterMs ?? Infinity) };

      let mySeq = head?.seq ?? -1;
      const onFrame = (f: Frame): void => {
        if (f.seq !== mySeq) {
          const r = aheadOf(f.seq);
          if (r) r.frame = f;
          return;
        }
        finish({ output: f.output, exitCode: reason ? null : f.status, truncated: f.truncated, noFinalNewline: f.noFinalNewline });
      };
      const onEnd = (said: string, how: string, status?: number, printed?: Frame): void => {
        if (proc === p) proc = undefined;
        // The ready line and the shell's end can arrive in one read (`exit 3` as the first command):
        // the shell did start, so this is a shell that ended, not a target that cannot be used.
        pid ??= p.readyPid();
        if (pid === undefined) {
          unreachable = said || `could not start a shell on target "${target}" (${how})`;
          finish({ error: unreachable, errorKind: 'shell-not-started' });
          return;
        }
        const f = printed ?? p.reader.flush();
        const why = gaveUp
          ? `the command on target "${target}" did not stop after SIGINT and SIGKILL${channelError ? ` (${channelError})` : ''}; its shell was closed`
          : `the shell on target "${target}" ended during the command (${how})${said ? `: ${said}` : ''}`;
        finish({
          output: f.output, truncated: f.truncated, noFinalNewline: f.noFinalNewline,
          error: `${why}; its cd/export/function state was lost: the next step gets a fresh shell`, errorKind: 'shell-ended',
          ...(status !== undefined && !gaveUp ? { shellStatus: status } : {}),
        });
      };
      p.setHandlers({ onText: (text) => options.onOutput?.(text), onFrame, onEnd: (said, how, status) => onEnd(said, how, status) });
      p.ready.then((n) => (pid = n), () => {});
      inFlight = mine;
      if (options.signal) commandsWith(options.signal).add(interrupt);
      const at = Math.min(mine.timeoutAt, mine.stopAt);
      if (Number.isFinite(at)) watchFor(at);
      if (!head) mySeq = sendRecord(p, command);
      else if (head.ended) onEnd(head.ended.said, head.ended.how, head.ended.status, head.ended.output);
    });
  };

  const run = (command: string, options: RunOptions): Promise<Execution> => {
    const next = queue.then(() => runOne(command, options));
    queue = next.catch(() => {});
    return next;
  };

  return {
    target,
    run,
    // Sends a command to the live shell now, to be claimed by the run() of the same text, in order.
    sendAhead(command) {
      const p = proc;
      if (unreachable !== undefined || !p?.alive() || command.includes('\0')) return false;
      ahead.push({ seq: sendRecord(p, command), command, on: p });
      return true;
    },
    writeFile: (path, content, options) => run(writeFileCommand(path, content), options),
    close: async () => {
      const p = proc;
      proc = undefined;
      if (watch) clearTimeout(watch.timer);
      watch = undefined;
      // Records sent ahead and never claimed must not run when stdin closes.
      if (ahead.length > 0) p?.kill();
      ahead = [];
      await p?.close();
    },
  };
}
