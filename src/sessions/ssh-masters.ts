// Ends the ssh connections a run opened (ControlPersist keeps them alive in
// the background otherwise), each through its own `via` chain.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { TargetSpec } from '../config/schema.js';
import { argvFor, sshTargetFlags, type TransportContext } from './transports.js';

// The ssh hops (target names) that running on `target` goes through.
export function sshHops(target: string, targets: Record<string, TargetSpec>): string[] {
  const hops: string[] = [];
  const seen = new Set<string>();
  for (let name: string | undefined = target; name !== undefined && !seen.has(name); ) {
    seen.add(name);
    const spec: TargetSpec | undefined = targets[name];
    if (spec === undefined || spec === 'local') break;
    if ('ssh' in spec) hops.push(name);
    name = spec.via;
  }
  return hops;
}

// `ssh -O exit` for each hop, then removes the run's local known_hosts file.
export async function closeSshMasters(hops: Iterable<string>, targets: Record<string, TargetSpec>, ctx: TransportContext, env?: NodeJS.ProcessEnv): Promise<void> {
  const stops = [...new Set(hops)].map((name) => {
    const spec = targets[name] as Extract<TargetSpec, { ssh: string }>;
    const exit = ['ssh', ...sshTargetFlags(spec, ctx), '-O', 'exit', '--', spec.ssh];
    const argv = spec.via ? argvFor(spec.via, targets, exit, ctx) : exit;
    return new Promise<void>((resolve) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', env: env ?? process.env });
      child.once('error', () => resolve());
      child.once('close', () => resolve());
    });
  });
  await Promise.all(stops);
  rmSync(`${ctx.runPrefix}-known_hosts`, { force: true });
}
