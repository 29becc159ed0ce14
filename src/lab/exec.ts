// The lab's only way to run system tools (ip, iptables-restore, sysctl): each
// call's failure becomes a LabError that names the command and its stderr.
import { execa } from 'execa';
import { LabError } from './lab-error.js';

export interface RunOptions {
  /** Text written to the command's stdin (ip -batch -, iptables-restore). */
  input?: string;
  /** Exit codes that are not a failure. */
  okCodes?: number[];
}

// Runs a command, returns its stdout; a missing tool or non-zero exit is a LabError.
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await execa(cmd, args, { input: opts.input ?? '', reject: false, stripFinalNewline: true });
  const shown = [cmd, ...args].join(' ');
  if ((r as { code?: string }).code === 'ENOENT') {
    throw new LabError(`${cmd} not found`, shown, 'install iproute2, iptables, curl and tcpdump (bash scripts/setup-system.sh)');
  }
  if (r.exitCode !== 0 && !(opts.okCodes ?? []).includes(r.exitCode ?? -1)) {
    const detail = String(r.stderr || r.stdout || r.message).trim();
    throw new LabError(`exited ${r.exitCode ?? r.signal}: ${detail}`, shown);
  }
  return String(r.stdout);
}

// `ip -batch -` in a namespace (or the root one for `netns add/del` only): one process, many commands.
export async function ipBatch(ns: string | null, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const nsArgs = ns ? ['-n', ns] : [];
  await run('ip', [...nsArgs, '-batch', '-'], { input: `${lines.join('\n')}\n` });
}

// Feeds `bridge -batch` lines (forwarding entries) to one namespace.
export async function bridgeBatch(ns: string, lines: string[]): Promise<void> {
  if (lines.length > 0) await run('bridge', ['-n', ns, '-batch', '-'], { input: `${lines.join('\n')}\n` });
}

// Runs a command inside a namespace (`ip netns exec NS …`).
export async function inNetns(ns: string, cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return run('ip', ['netns', 'exec', ns, cmd, ...args], opts);
}
