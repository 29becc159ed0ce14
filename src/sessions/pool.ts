// The live session pool: one persistent shell per target, opened lazily,
// restarted after it died (the session does that itself), all closed at the end.
import type { TargetSpec } from '../config/schema.js';
import { DEFAULT_OUTPUT_CAP } from '../config/defaults.js';
import { InputError } from '../errors.js';
import { closeSshMasters, sshHops } from './ssh-masters.js';
import { createShellSession } from './shell-session.js';
import { argvFor, newTransportContext, shellArgv } from './transports.js';
import type { Session, SessionPool } from './types.js';

export interface SessionPoolOptions {
  /** Bytes of output kept per command (default 16 MiB). */
  outputCap?: number;
  /** Environment of the transport processes (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long each interrupt round waits (default 1000 ms). */
  graceMs?: number;
}

// Sessions for the configured targets; `local` works even when not configured.
export function createSessionPool(targets: Record<string, TargetSpec>, options: SessionPoolOptions = {}): SessionPool {
  const all: Record<string, TargetSpec> = { local: 'local', ...targets };
  const ctx = newTransportContext();
  const sessions = new Map<string, Session>();
  const hops = new Set<string>();

  return {
    session(target) {
      const open = sessions.get(target);
      if (open) return open;
      const spec = all[target];
      if (spec === undefined) {
        throw new InputError(`unknown target "${target}"`, undefined, `add it under runbook.targets, e.g. \`${target}: { ssh: user@${target} }\``);
      }
      const onTarget = (argv: string[]) => argvFor(target, all, argv, ctx);
      const session = createShellSession(target, {
        startArgv: onTarget(shellArgv(spec)),
        onTarget,
        outputCap: options.outputCap ?? DEFAULT_OUTPUT_CAP,
        env: options.env,
        graceMs: options.graceMs,
      });
      for (const h of sshHops(target, all)) hops.add(h);
      sessions.set(target, session);
      return session;
    },
    async closeAll() {
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      await closeSshMasters(hops, all, ctx, options.env);
      hops.clear();
    },
  };
}
