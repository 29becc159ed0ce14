// Machine-readable results: one JSON document for the whole run. It can be
// read back (read-json-report.ts): `merge-reports` joins the reports of the
// shards of a check and renders them in any reporter, so each step keeps what
// the other reporters show (expected lines and exit status, the alignment of
// a mismatch), not only the formatted diff.
import { outcomeKind, outcomeMessage, type Reporter, type ReporterOptions, type RunbookResult, type StepResult } from '../run/types.js';
import { formatDiff } from '../match/format-diff.js';
import { summaryLine } from './totals.js';

function stepJson(r: StepResult) {
  const ex = r.execution;
  return {
    file: r.step.file,
    line: r.step.line,
    id: r.step.annotations.id ?? null,
    target: r.step.target,
    status: r.outcome.status,
    // The error kind of an errored step, the drift kind of a drifted one.
    kind: outcomeKind(r.outcome),
    message: outcomeMessage(r.outcome) ?? null,
    command: r.commandRun,
    substitutions: r.substitutions,
    exitCode: ex ? ex.exitCode : null,
    durationMs: ex ? Math.round(ex.durationMs) : null,
    attempts: r.attempts,
    truncated: ex ? !!ex.truncated : false,
    output: ex ? ex.output : null,
    diff: r.verdict && !r.verdict.ok && r.step.expected ? formatDiff(r.step.expected, r.verdict, r.step.file) : [],
    // The exit status the document expects (a number or "any").
    expectedExit: r.step.exit,
    // The expected output lines as written, with their markdown lines; null when the output is not compared.
    expected: r.step.expected ? r.step.expected.map((e) => ({ line: e.line, text: e.text })) : null,
    // How the output failed to match: the alignment of expected to actual lines, and the actual lines; null when it matched or was not compared.
    mismatch: r.verdict && !r.verdict.ok ? { ops: r.verdict.ops, actualLines: r.verdict.actualLines } : null,
    // A blocked step that points at its target's one report: where that report is.
    reportedAt: r.outcome.status === 'blocked' ? (r.outcome.reportedAt ?? null) : null,
  };
}

/** The run as JSON: the shard (null when the check was not sharded), runbooks, steps, bindings and totals. */
export function jsonReporter(options?: ReporterOptions): Reporter {
  return {
    onRunEnd(results: RunbookResult[], totals) {
      const doc = {
        shard: options?.shard ? { index: options.shard.index, total: options.shard.total } : null,
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
