// `runbook lab up|down|status [--variant a|b]`: parses its arguments, checks
// the preconditions (root, Linux), runs the lab operation and returns the exit
// code: 0 done · 1 failed (or status: not fully up) · 2 bad usage · 130 interrupted
// (the lab is torn down before returning). Never calls process.exit.
import { LAB_BIN_DIR, readState, type RunPod } from './control-plane/state.js';
import { labDown } from './down.js';
import { LabError, LabUsageError } from './lab-error.js';
import { labStatus } from './status.js';
import { labTopology } from './topology.js';
import { labUp } from './up.js';
import type { Lab, Variant } from './types.js';

export interface LabIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: LabIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

const USAGE = 'usage: runbook lab up [--variant a|b] | runbook lab down | runbook lab status | runbook lab kubectl|multipass ARGS…';

// `--variant a|b` (default: $LAB_VARIANT, else a); down and status accept it and ignore it.
function parseVariant(args: string[], where: string): Variant {
  let value = process.env.LAB_VARIANT || 'a';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--variant') value = args[++i] ?? '';
    else if (a.startsWith('--variant=')) value = a.slice('--variant='.length);
    else throw new LabUsageError(`unknown argument '${a}'`, where, USAGE);
  }
  if (value !== 'a' && value !== 'b') {
    throw new LabUsageError(`unknown variant '${value}'`, where, "use --variant a (the cheat sheet's addresses) or --variant b");
  }
  return value;
}

function describe(lab: Lab, runPods: RunPod[] = []): string[] {
  const lines = [`lab up: variant ${lab.variant}, underlay ${lab.underlay.ip}/${lab.underlay.prefixLength} in ${lab.underlay.ns}`];
  for (const n of lab.nodes) lines.push(`  node ${n.name.padEnd(4)} netns ${n.ns.padEnd(13)} ${n.ip.padEnd(15)} pods ${n.podCidr}`);
  for (const v of lab.otherVms) lines.push(`  vm   ${v.name.padEnd(13)} netns ${v.ns} ${v.ip}  (not a cluster node)`);
  for (const p of lab.pods) lines.push(`  pod  ${p.name.padEnd(38)} ${p.ip.padEnd(11)} on ${p.node}  netns ${p.ns}`);
  for (const p of runPods) lines.push(`  pod  ${p.name.padEnd(38)} ${p.ip.padEnd(11)} on ${p.node}  netns rbl-${p.name}  (kubectl run)`);
  for (const s of lab.services) {
    const np = s.nodePort === null ? '' : `, NodePort ${s.nodePort}`;
    lines.push(`  svc  ${s.portName.padEnd(28)} ${s.clusterIP}:${s.port} -> :${s.targetPort}${np}`);
  }
  lines.push(`  bin  ${LAB_BIN_DIR}: kubectl, multipass, sudo (first on PATH with: runbook run --lab)`);
  return lines;
}

// Runs `fn`, turning Ctrl-C/SIGTERM into "tear down, then exit 130" instead of dying half-way.
async function guarded(fn: () => Promise<number>, io: LabIo): Promise<number> {
  let interrupted: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => (interrupted = sig);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await fn().catch((e: unknown) => {
      if (interrupted) return 130;
      throw e;
    });
    if (!interrupted) return code;
    io.err(`runbook lab: interrupted by ${interrupted}; tearing the lab down`);
    await labDown();
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function dispatch(sub: string | undefined, rest: string[], io: LabIo): Promise<number> {
  if (sub === 'up') {
    const variant = parseVariant(rest, 'lab up');
    const started = Date.now();
    const lab = await labUp(variant);
    describe(lab).forEach(io.out);
    io.out(`lab up in ${((Date.now() - started) / 1000).toFixed(1)}s; bring it down with: runbook lab down`);
    return 0;
  }
  if (sub === 'down') {
    parseVariant(rest, 'lab down');
    await labDown();
    io.out('lab down: no rbl- namespace left');
    return 0;
  }
  if (sub === 'status') {
    parseVariant(rest, 'lab status');
    const s = await labStatus();
    io.out(`lab ${s.state}${s.variant ? ` (variant ${s.variant})` : ''}`);
    const lines = s.state === 'up' && s.variant ? describe(labTopology(s.variant), readState()?.pods).slice(1) : s.namespaces.map((ns) => `  ${ns}`);
    for (const line of [...lines, ...s.problems.map((p) => `  problem: ${p}`)]) io.out(line);
    return s.state === 'up' ? 0 : 1;
  }
  throw new LabUsageError(sub ? `unknown action '${sub}'` : 'no action given', 'lab', USAGE);
}

// Entry point for `runbook lab …`; args are what follows `lab`.
export async function runLabCommand(args: string[], io: LabIo = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  // The stand-ins: no root check and no Ctrl-C guard (an interrupted `kubectl exec` must not tear the lab down).
  if (sub === 'kubectl' || sub === 'multipass') {
    const { runStandIn } = await import('./control-plane/index.js');
    return runStandIn(sub, rest);
  }
  if (process.platform !== 'linux') {
    io.err('runbook lab: the lab needs Linux network namespaces; run it on a Linux machine or VM');
    return 1;
  }
  if (process.getuid?.() !== 0 && sub !== undefined && ['up', 'down', 'status'].includes(sub)) {
    io.err(`runbook lab ${sub}: not root: network namespaces and iptables need root\n  run: sudo runbook lab ${args.join(' ')}`);
    return 1;
  }
  try {
    return await guarded(() => dispatch(sub, rest, io), io);
  } catch (e) {
    if (e instanceof LabError) {
      io.err(e instanceof LabUsageError ? `runbook ${e.format()}` : `runbook lab ${sub}: ${e.format()}`);
      return e instanceof LabUsageError ? 2 : 1;
    }
    throw e;
  }
}
