// Lines that enter a shell on another machine (`multipass shell vm1`,
// `ssh ubuntu@vm2`, `kubectl exec -it POD -- bash`, `docker exec -it C sh`,
// `ip netns exec NS bash`) are not commands: in a transcript they mean "the
// prompts that follow are on that machine". They define the target they enter.
import type { TargetSpec } from '../config/schema.js';

/** A shell-switch line: the target it enters and the definition it implies (without `via`). */
export interface ShellSwitch {
  name: string;
  spec: Exclude<TargetSpec, 'local'>;
}

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:bash|sh|ash|zsh|dash)$/;
const SSH_ARG_OPTS = 'BbcDEeFIiJLlmOopQRSWw';
const NAME = /^[A-Za-z0-9][\w.-]*$/;

// Words of a simple command line; null when it has quoting or operators we do not follow.
function words(command: string): string[] | null {
  if (/[|;&<>`$()'"\\\n]/.test(command)) return null;
  const w = command.trim().split(/\s+/);
  if (w[0] === 'sudo') {
    w.shift();
    while (w[0]?.startsWith('-')) if (['-u', '-g'].includes(w.shift()!)) w.shift();
  }
  return w.length > 0 && w[0] !== '' ? w : null;
}

// `multipass shell NAME`
function multipass(w: string[]): ShellSwitch | null {
  if (w.length === 3 && (w[1] === 'shell' || w[1] === 'sh') && NAME.test(w[2]!)) return { name: w[2]!, spec: { multipass: w[2]! } };
  return null;
}

// `ssh [opts] [user@]HOST` with no remote command
function ssh(w: string[]): ShellSwitch | null {
  let user: string | undefined;
  let port: number | undefined;
  let identity: string | undefined;
  const dest: string[] = [];
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    if (a.startsWith('-') && dest.length === 0) {
      const flag = a[1]!;
      if (SSH_ARG_OPTS.includes(flag) && a.length === 2) {
        const v = w[++i];
        if (v === undefined) return null;
        if (flag === 'l') user = v;
        if (flag === 'p') port = Number(v);
        if (flag === 'i') identity = v;
      }
    } else dest.push(a);
  }
  if (dest.length !== 1) return null;
  const m = /^(?:([\w.-]+)@)?([A-Za-z0-9][\w.:-]*)$/.exec(dest[0]!);
  if (!m) return null;
  const login = m[1] ?? user;
  const spec: ShellSwitch['spec'] = { ssh: login ? `${login}@${m[2]}` : m[2]! };
  if (port && Number.isInteger(port)) spec.port = port;
  if (identity) spec.identity = identity;
  return { name: m[2]!, spec };
}

// An interactive flag: `-i`, `-t`, `-it`, `-ti`, `--stdin`, `--tty` (`-i=true` too).
const interactive = (args: string[]) => args.some((a) => /^-[a-zA-Z]*[it][a-zA-Z]*$|^--(?:stdin|tty|interactive)(?:=true)?$/.test(a));

// `kubectl [global opts] exec|debug -it POD [-n NS] [-c C] -- SHELL`, `kubectl run -it NAME --image=… -- SHELL`
function kubectl(w: string[]): ShellSwitch | null {
  const dash = w.indexOf('--');
  if (dash < 0 || !interactive(w.slice(1, dash))) return null;
  // `kubectl run -it NAME --image=… [--rm] -- sh` and `kubectl debug -it POD --image=…` may end without a shell argument.
  const verb = w.slice(1, dash).find((a) => ['exec', 'run', 'debug'].includes(a));
  if (verb === 'exec' && (dash !== w.length - 2 || !SHELLS.test(w[dash + 1]!))) return null;
  if (verb !== 'exec' && dash < w.length - 1 && !(dash === w.length - 2 && SHELLS.test(w[dash + 1]!))) return null;
  const opts: Record<string, string> = {};
  const pos: string[] = [];
  for (let i = 1; i < dash; i++) {
    const a = w[i]!;
    const long = /^--(namespace|container|context)=(.+)$/.exec(a);
    if (long) opts[long[1]!] = long[2]!;
    else if (['-n', '--namespace', '-c', '--container', '--context'].includes(a)) {
      const key = { '-n': 'namespace', '-c': 'container' }[a] ?? a.slice(2);
      const v = w[++i];
      if (v === undefined || i >= dash) return null;
      opts[key] = v;
    } else if (['--image', '--target', '--restart', '--profile'].includes(a)) i++;
    else if (!a.startsWith('-')) pos.push(a);
  }
  if (pos.length !== 2 || !['exec', 'run', 'debug'].includes(pos[0]!)) return null;
  const pod = pos[1]!.replace(/^(?:pods?|po)\//, '');
  if (!NAME.test(pod)) return null;
  const spec: ShellSwitch['spec'] = { kubectl: pod };
  if (opts['namespace']) spec.namespace = opts['namespace'];
  if (opts['container']) spec.container = opts['container'];
  if (opts['context']) spec.context = opts['context'];
  return { name: pod, spec };
}

// `docker exec -it [opts] C SHELL`, `docker run -it [--name N] [opts] IMAGE [SHELL]` (and podman).
// Without -i/-t the shell reads no terminal: `docker exec c sh` is a command, not a switch.
function container(w: string[], tool: 'docker' | 'podman'): ShellSwitch | null {
  if (w[1] !== 'exec' && w[1] !== 'run') return null;
  const shellLast = SHELLS.test(w[w.length - 1]!);
  if (w[1] === 'exec' && (w.length < 4 || !shellLast)) return null;
  const rest = w.slice(2, shellLast ? -1 : undefined);
  if (!interactive(rest)) return null;
  const pos: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--name') name = rest[++i];
    else if (a.startsWith('--name=')) name = a.slice(7);
    else if (['-u', '--user', '-w', '--workdir', '-e', '--env', '-v', '--volume', '-p', '--publish', '--network', '--net', '--entrypoint', '-h', '--hostname'].includes(a)) i++;
    else if (!a.startsWith('-')) pos.push(a);
  }
  if (pos.length !== 1) return null;
  // `docker run` names its container after --name, else after the image (what a reader would call it).
  const target = w[1] === 'exec' ? pos[0]! : (name ?? pos[0]!.split('/').pop()!.split(':')[0]!);
  if (!NAME.test(target)) return null;
  return tool === 'docker' ? { name: target, spec: { docker: target } } : { name: target, spec: { podman: target } };
}

// `lxc exec C -- SHELL` (LXD)
function lxc(w: string[]): ShellSwitch | null {
  if (w.length === 5 && w[1] === 'exec' && NAME.test(w[2]!) && w[3] === '--' && SHELLS.test(w[4]!)) {
    return { name: w[2]!, spec: { command: ['lxc', 'exec', w[2]!, '--'] } };
  }
  return null;
}

// `ip netns exec NS SHELL`
function netns(w: string[]): ShellSwitch | null {
  if (w.length === 5 && w[1] === 'netns' && w[2] === 'exec' && NAME.test(w[3]!) && SHELLS.test(w[4]!)) {
    return { name: w[3]!, spec: { netns: w[3]! } };
  }
  return null;
}

// The first words a switch line can start with (`sudo` before any of the others).
const SWITCH_START = /^\s*(?:sudo|multipass|ssh|kubectl|docker|podman|ip|lxc)\s/;

/** The shell switch a command line performs, or null when it is an ordinary command. */
export function parseShellSwitch(command: string): ShellSwitch | null {
  // Most commands of a transcript are not switches: no word list for them.
  if (!SWITCH_START.test(command)) return null;
  const w = words(command);
  if (!w) return null;
  switch (w[0]) {
    case 'multipass':
      return multipass(w);
    case 'ssh':
      return ssh(w);
    case 'kubectl':
      return kubectl(w);
    case 'docker':
    case 'podman':
      return container(w, w[0]);
    case 'ip':
      return netns(w);
    case 'lxc':
      return lxc(w);
    default:
      return null;
  }
}

/**
 * `sudo -i`, `sudo -s`, `sudo su [-]`, `sudo bash`, `su [-] [root]`: a root shell on the same machine.
 * Not run (with stdin closed it would end at once); the prompts after it stay on the target, and
 * its `exit` leaves the root shell, not the machine.
 */
export function isRootShell(command: string): boolean {
  return /^\s*(?:sudo\s+(?:-[is]|-i\s+-u\s+root|su(?:\s+-|\s+-l)?(?:\s+root)?|(?:\/(?:usr\/)?bin\/)?(?:bash|sh))|su(?:\s+-|\s+-l)?(?:\s+root)?)\s*$/.test(command);
}

/** `exit` or `logout` alone: leaves the shell a switch entered. */
export function isShellExit(command: string): boolean {
  return /^\s*(?:exit|logout)\s*$/.test(command);
}
