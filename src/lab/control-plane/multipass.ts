// The multipass stand-in: `runbook lab multipass ARGS`. The lab's VMs are its
// node namespaces (vm1 → rbl-vm1); `list` and `info` read each one's
// addresses live (`ip -4 addr show scope global` in the namespace, in
// interface order, as multipassd gathers them in a VM), `exec` and `shell`
// run there. Load, CPUs, memory and disk are this machine's: the "VMs" share
// its kernel and file system.
import { execFileSync } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { inNamespace, runAttached } from './attach.js';
import { MULTIPASS_IMAGE_RELEASE, NODE_OS_IMAGE, lookAtLab } from './cluster.js';
import type { Io } from './get.js';
import { labTopology } from '../topology.js';
import { readState } from './state.js';
import { humanBytes, type MultipassInfo, type MultipassInstance, multipassInfo, multipassList } from './table.js';

const FAIL = 2;

function addresses(ns: string): string[] {
  try {
    const out = execFileSync('ip', ['-n', ns, '-4', '-j', 'addr', 'show', 'scope', 'global'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const links = JSON.parse(out) as { addr_info?: { local?: string }[] }[];
    return links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local ?? '')).filter(Boolean);
  } catch {
    return [];
  }
}

// The host's VMs: the cluster's nodes and the other VMs beside them, by name as multipassd lists them.
function instances(): (MultipassInstance & { ns: string; currentRelease: string })[] {
  const state = readState();
  if (!state) return [];
  const live = lookAtLab();
  const lab = labTopology(state.variant);
  const vms = [
    ...lab.nodes.map((n) => ({ ...n, image: MULTIPASS_IMAGE_RELEASE, release: NODE_OS_IMAGE })),
    ...lab.otherVms,
  ].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return vms.map((v) => {
    const up = live.exists(v.ns);
    return { name: v.name, ns: v.ns, state: up ? 'Running' : 'Unknown', ipv4: up ? addresses(v.ns) : [], release: v.image, currentRelease: v.release };
  });
}

function info(i: MultipassInstance & { currentRelease: string }): MultipassInfo {
  const [l1, l5, l15] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  const fs = statfsSync('/');
  let available = freemem();
  try {
    available = Number(/MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024 || available;
  } catch {
    // keep freemem()
  }
  return {
    ...i,
    cpus: String(cpus().length),
    load: `${l1} ${l5} ${l15}`,
    disk: `${humanBytes((fs.blocks - fs.bfree) * fs.bsize)} out of ${humanBytes(fs.blocks * fs.bsize)}`,
    memory: `${humanBytes(totalmem() - available)} out of ${humanBytes(totalmem())}`,
  };
}

function format(args: string[]): string {
  const i = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return 'table';
  return args[i]!.includes('=') ? args[i]!.split('=')[1]! : (args[i + 1] ?? '');
}

const USAGE = 'runbook lab: the multipass stand-in answers list, info, exec, shell and version; the lab\'s VMs are network namespaces (runbook lab up|down)';

/** `multipass ARGS` as the lab answers it; returns the exit status. */
export async function multipass(args: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = args;
  if (cmd === 'list' || cmd === 'ls') {
    const list = instances();
    const f = format(rest);
    if (f === 'json') {
      const items = list.map((i) => ({ ipv4: i.ipv4, name: i.name, release: `Ubuntu ${i.release}`, state: i.state }));
      io.out(`${JSON.stringify({ list: items }, null, 4)}\n`);
    } else if (f === 'csv') {
      io.out(`Name,State,IPv4,IPv6,Release,AllIPv4\n${list.map((i) => `${i.name},${i.state},${i.ipv4[0] ?? ''},,Ubuntu ${i.release},"${i.ipv4.join(',')}"\n`).join('')}`);
    } else if (f === 'table') {
      // "No instances found." goes to stderr, as multipass says it.
      const text = multipassList(list);
      if (list.length === 0) io.err(text);
      else io.out(text);
    } else {
      io.err(`Invalid format type given.\n`);
      return 1;
    }
    return 0;
  }
  if (cmd === 'info') {
    const all = instances();
    const names = rest.filter((a) => !a.startsWith('-') && a !== format(rest));
    const wanted = rest.includes('--all') || names.length === 0 ? all : all.filter((i) => names.includes(i.name));
    const missing = names.filter((n) => !all.some((i) => i.name === n));
    if (missing.length > 0) {
      io.err(`info failed: ${missing.map((m) => `instance "${m}" does not exist`).join('\n')}\n`);
      return FAIL;
    }
    if (names.length === 0 && !rest.includes('--all')) {
      io.err('Name argument or --all is required\n');
      return 1;
    }
    io.out(multipassInfo(wanted.map(info)));
    return 0;
  }
  if (cmd === 'exec' || cmd === 'shell' || cmd === 'sh' || cmd === 'connect') {
    const name = rest[0] ?? (cmd === 'exec' ? undefined : 'primary');
    if (name === undefined) {
      io.err('Wrong number of arguments\n');
      return 1;
    }
    const vm = instances().find((i) => i.name === name);
    const what = cmd === 'exec' ? 'exec' : 'shell';
    if (!vm) {
      io.err(`${what} failed: instance "${name}" does not exist\n`);
      return FAIL;
    }
    if (vm.state !== 'Running') {
      io.err(`${what} failed: instance "${name}" is not running\n`);
      return FAIL;
    }
    let command = rest.slice(1);
    if (command[0] === '--') command = command.slice(1);
    if (cmd !== 'exec') command = ['bash', '-l'];
    if (command.length === 0) {
      io.err('Wrong number of arguments\n');
      return 1;
    }
    const { code } = await runAttached(inNamespace(vm.ns, vm.name, command), { stdin: true });
    return code;
  }
  if (cmd === 'version') {
    io.out('multipass   1.13.1\nmultipassd  1.13.1\n');
    return 0;
  }
  io.err(`${cmd === undefined ? 'no command given' : `no "${cmd}"`}: ${USAGE}\n`);
  return cmd === undefined ? 1 : FAIL;
}
