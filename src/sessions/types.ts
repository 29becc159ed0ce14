// What a session returns and how stages talk to it. An Execution is what came
// back, never a judgement: matching decides whether it is right.

/** What one command produced on its target. */
export interface Execution {
  /** stdout and stderr interleaved as printed, LF line endings as sent, at most the output cap. */
  output: string;
  /** Exit status; null when the command was killed or its session died before reporting one. */
  exitCode: number | null;
  durationMs: number;
  /** Killed after `timeout`: a failure. */
  timedOut: boolean;
  /** Interrupted after `stop-after`: expected, not a failure. */
  stopped: boolean;
  /** Interrupted by the user (Ctrl-C / SIGTERM). */
  interrupted: boolean;
  /** Output went past the cap; `output` ends with a marker line. */
  truncated: boolean;
  /** The last line of output had no newline. */
  noFinalNewline: boolean;
  /**
   * The command could not run, or its shell ended under it (`exit`, `exec`,
   * the VM rebooted): the transport's own words. The next step on the target
   * gets a fresh session.
   */
  error?: string;
  /**
   * What kind of error: the target's shell never started (`shell-not-started`),
   * it ended under the command (`shell-ended`), an earlier step found the
   * target unusable so nothing was tried (`blocked`), or another transport
   * failure (`transport`, the default).
   */
  errorKind?: 'transport' | 'shell-not-started' | 'shell-ended' | 'blocked';
  /** The status the shell itself exited with when a command ended it (`exit 80`); `exitCode` stays null then. */
  shellStatus?: number;
}

export interface RunOptions {
  timeoutMs: number;
  /** Interrupt after this long and keep what was printed (tcpdump, ping, watch). */
  stopAfterMs?: number;
  /** Aborted on Ctrl-C: the command is interrupted on its target, then run() resolves. */
  signal?: AbortSignal;
  /** Called with output as it arrives (live reporters show the last line). */
  onOutput?: (chunk: string) => void;
  /** Which runbook step this is: live sessions ignore it, a replay serves that step's recording. */
  stepIndex?: number;
}

/** One persistent shell on one target: `cd`, `export` and functions persist between run() calls. */
export interface Session {
  readonly target: string;
  /** Runs a command (bash syntax) in the persistent shell, stdin closed. Never throws for command failures. */
  run(command: string, options: RunOptions): Promise<Execution>;
  /**
   * Pipelining: sends `command` to the target's live shell now, before its run();
   * the next run() of the same text claims it (its output stays its own). False
   * when the shell is not running yet. The shell drops what was sent ahead
   * after an interrupted command or an exit status 80, so a queued command
   * never runs past those.
   */
  sendAhead?(command: string): boolean;
  /** Writes `content` to `path` on the target, byte for byte. */
  writeFile(path: string, content: string, options: RunOptions): Promise<Execution>;
  /** Ends the shell; idempotent. */
  close(): Promise<void>;
}

/** Hands out one session per target, opened lazily, replaced after its shell dies. */
export interface SessionPool {
  session(target: string): Session;
  closeAll(): Promise<void>;
}
