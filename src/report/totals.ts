// The one summary line every reporter ends with.
import type { RunbookResult, Totals } from '../run/types.js';

/** Counts steps by status over all runbooks. */
export function countTotals(results: RunbookResult[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) for (const s of r.results) totals[s.status]++;
  return totals;
}

/** `N passed, N failed, N skipped` — alone on the last line, for people and CI alike. */
export function summaryLine(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}
