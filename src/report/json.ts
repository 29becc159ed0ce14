// Machine-readable results: one JSON document for the whole run.
import type { Reporter, RunbookResult, StepResult } from '../run/types.js';
import { formatDiff } from '../match/format-diff.js';
import { summaryLine } from './totals.js';

function stepJson(r: StepResult) {
  const ex = r.execution;
  return {
    file: r.step.file,
    line: r.step.line,
    id: r.step.annotations.id ?? null,
    target: r.step.target,
    status: r.status,
    command: r.commandRun,
    substitutions: r.substitutions,
    exitCode: ex ? ex.exitCode : null,
    durationMs: ex ? Math.round(ex.durationMs) : null,
    attempts: r.attempts,
    reason: r.reason ?? null,
    truncated: ex ? !!ex.truncated : false,
    output: ex ? ex.output : null,
    diff: r.verdict && !r.verdict.ok && r.step.expected ? formatDiff(r.step.expected, r.verdict, r.step.file) : [],
  };
}

/** The run as JSON: runbooks, steps, bindings and totals. */
export function jsonReporter(): Reporter {
  return {
    onRunEnd(results: RunbookResult[], totals) {
      const doc = {
        runbooks: results.map((r) => ({
          file: r.runbook.file,
          interrupted: r.interrupted,
          durationMs: Math.round(r.durationMs),
          steps: r.results.map(stepJson),
          bindings: r.bindings.map((b) => ({ class: b.className, expected: b.expected, actual: b.actual, file: b.origin.file, line: b.origin.line })),
        })),
        totals,
        summary: summaryLine(totals),
      };
      return JSON.stringify(doc, null, 2);
    },
  };
}
