// The exit codes of PRODUCT.md's table, decided in one place.
import type { Totals } from '../run/types.js';

export const EXIT = { ok: 0, drift: 1, badInput: 2, interrupted: 130 } as const;

/** 130 when interrupted, 1 when any step failed (or a replayed snapshot no longer fits), else 0. */
export function exitCodeFor(totals: Totals, interrupted: boolean, stale: string[] = []): number {
  if (interrupted) return EXIT.interrupted;
  for (const s of stale) process.stderr.write(`runbook: ${s}\n`);
  return totals.failed > 0 || stale.length > 0 ? EXIT.drift : EXIT.ok;
}
