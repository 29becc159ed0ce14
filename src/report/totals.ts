// The one summary line every reporter ends with.
import { isFailure, type RunbookResult, type Totals } from '../run/types.js';

/** Counts steps by outcome over all runbooks; drifted, errored and blocked steps are also counted as failed. */
export function countTotals(results: RunbookResult[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, drifted: 0, errored: 0, blocked: 0 };
  for (const r of results) {
    for (const s of r.results) {
      totals[s.outcome.status]++;
      if (isFailure(s.outcome)) totals.failed++;
    }
  }
  return totals;
}

/** `N passed, N failed, N skipped` — alone on the last line, for people and CI alike. */
export function summaryLine(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

/** The failures named apart (`failed: 2 drifted, 1 errored`), for the line above the summary; empty when none failed. */
export function failureBreakdown(totals: Totals): string {
  const parts = (['drifted', 'errored', 'blocked'] as const).filter((k) => totals[k] > 0).map((k) => `${totals[k]} ${k}`);
  return parts.length > 0 ? `failed: ${parts.join(', ')}` : '';
}
