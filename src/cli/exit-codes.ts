// The exit codes of PRODUCT.md's table, decided in one place.
import type { Totals } from '../run/types.js';

export const EXIT = { ok: 0, drift: 1, badInput: 2, interrupted: 130 } as const;

/** 130 when interrupted, 1 when any step failed, else 0. */
export function exitCodeFor(totals: Totals, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  return totals.failed > 0 ? EXIT.drift : EXIT.ok;
}
