// Reads a report written by `--reporter json` back into the result objects
// every reporter renders from, so `merge-reports` can join the reports of the
// shards of a check and print them as plain, pretty, json, junit or github.
//
// The rebuilt results carry what the JSON records and nothing more: a step has
// its place, target, command as run, outcome, expected lines and exit status,
// what it printed and, for a mismatch, the alignment of expected to actual
// lines. What no reporter reads (source offsets, headings, the runbook's text)
// is left empty.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { ExpectedLine, Runbook, Step } from '../markdown/types.js';
import type { Verdict } from '../match/types.js';
import type { Execution } from '../sessions/types.js';
import type { DriftKind, ErrorKind, RunbookResult, Shard, StepOutcome, StepResult, Totals } from '../run/types.js';
import { countTotals } from './totals.js';

const WRITE = 'give reports written by `runbook check --reporter json --output FILE` (of this version of runbook)';

const count = z.number().int().nonnegative();
const line = z.number().int().positive();

const alignOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('same'), e0: count, e1: count, a0: count, a1: count }),
  z.object({ op: z.literal('removed'), e0: count, e1: count }),
  z.object({ op: z.literal('added'), a0: count, a1: count }),
]);

const stepSchema = z.object({
  file: z.string(),
  line,
  id: z.string().nullable(),
  target: z.string(),
  status: z.enum(['passed', 'drifted', 'errored', 'blocked', 'skipped']),
  kind: z.string().nullable(),
  message: z.string().nullable(),
  command: z.string(),
  substitutions: z.array(z.object({ from: z.string(), to: z.string(), className: z.string() })),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  attempts: count,
  truncated: z.boolean(),
  output: z.string().nullable(),
  diff: z.array(z.string()),
  expectedExit: z.union([z.number().int(), z.literal('any')]),
  expected: z.array(z.object({ line, text: z.string() })).nullable(),
  mismatch: z.object({ ops: z.array(alignOp), actualLines: z.array(z.string()) }).nullable(),
  reportedAt: z.string().nullable(),
});

const totalsSchema = z.object({ passed: count, failed: count, skipped: count, drifted: count, errored: count, blocked: count });

const reportSchema = z.object({
  shard: z
    .object({ index: z.number().int().positive(), total: z.number().int().positive() })
    .refine((s) => s.index <= s.total, 'a shard K/N has 1 ≤ K ≤ N')
    .nullable(),
  runbooks: z.array(
    z.object({
      file: z.string(),
      interrupted: z.boolean(),
      durationMs: z.number().nonnegative(),
      steps: z.array(stepSchema),
      bindings: z.array(z.object({ class: z.string(), expected: z.string(), actual: z.string(), file: z.string(), line })),
    }),
  ),
  totals: totalsSchema,
  summary: z.string(),
});

type StepJson = z.infer<typeof stepSchema>;

/** A JSON report read back: the shard it was (null when unsharded) and its runbooks' results. */
export interface ReadReport {
  /** The report file, as given. */
  file: string;
  shard: Shard | null;
  results: RunbookResult[];
}

const ERROR_KINDS: readonly ErrorKind[] = ['transport', 'shell-not-started', 'shell-ended', 'timed-out', 'truncated', 'interrupted'];
const DRIFT_KINDS: readonly DriftKind[] = ['values-rebound', 'structure-changed'];

// The outcome from status, kind and message; null when they do not go together.
function outcomeOf(s: StepJson): StepOutcome | null {
  switch (s.status) {
    case 'passed':
      return { status: 'passed' };
    case 'skipped':
      return { status: 'skipped', reason: s.message ?? '' };
    case 'drifted':
      if (!DRIFT_KINDS.includes(s.kind as DriftKind)) return null;
      return { status: 'drifted', drift: s.kind as DriftKind, ...(s.message !== null ? { message: s.message } : {}) };
    case 'errored':
      if (!ERROR_KINDS.includes(s.kind as ErrorKind)) return null;
      return { status: 'errored', kind: s.kind as ErrorKind, message: s.message ?? '' };
    case 'blocked':
      return { status: 'blocked', message: s.message ?? '', ...(s.reportedAt !== null ? { reportedAt: s.reportedAt } : {}) };
  }
}

function stepResultOf(s: StepJson, index: number, where: string, file: string): StepResult {
  const outcome = outcomeOf(s);
  if (!outcome) throw new InputError(`not a runbook JSON report: at ${where}, status '${s.status}' cannot have kind '${s.kind}'`, file, WRITE);
  const expected: ExpectedLine[] | null = s.expected ? s.expected.map((e) => ({ line: e.line, text: e.text, start: 0, end: 0 })) : null;
  const step: Step = {
    index,
    // Not recorded, and no reporter shows them: the step's kind, how its target was chosen, its place in the source.
    kind: 'command',
    targetSource: 'default',
    insertAt: 0,
    linePrefix: '',
    headings: [],
    file: s.file,
    line: s.line,
    target: s.target,
    command: s.command,
    expected,
    exit: s.expectedExit,
    annotations: s.id !== null ? { id: s.id } : {},
  };
  const execution: Execution | undefined =
    s.output === null
      ? undefined
      : {
          output: s.output,
          exitCode: s.exitCode,
          durationMs: s.durationMs ?? 0,
          timedOut: outcome.status === 'errored' && outcome.kind === 'timed-out',
          stopped: false,
          interrupted: outcome.status === 'errored' && outcome.kind === 'interrupted',
          truncated: s.truncated,
          noFinalNewline: false,
        };
  const verdict: Verdict | undefined = s.mismatch ? { ok: false, ops: s.mismatch.ops, actualLines: s.mismatch.actualLines, problems: [], newBindings: [] } : undefined;
  return {
    step,
    outcome,
    commandRun: s.command,
    substitutions: s.substitutions,
    attempts: s.attempts,
    ...(execution ? { execution } : {}),
    ...(verdict ? { verdict } : {}),
  };
}

const sameTotals = (a: Totals, b: Totals) => (Object.keys(a) as (keyof Totals)[]).every((k) => a[k] === b[k]);

/** Validates a report's text and rebuilds its results; throws an InputError naming the file when it is not a runbook JSON report. */
export function parseJsonReport(file: string, text: string): ReadReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not a runbook JSON report: not valid JSON (${(err as Error).message})`, file, WRITE);
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new InputError(`not a runbook JSON report: at ${where}: ${issue.message}`, file, WRITE);
  }
  const doc = parsed.data;
  const results: RunbookResult[] = doc.runbooks.map((r, i) => {
    const steps = r.steps.map((s, j) => stepResultOf(s, j, `runbooks.${i}.steps.${j}`, file));
    const runbook: Runbook = { file: r.file, source: '', steps: steps.map((s) => s.step), ignored: [], mentions: [], warnings: [] };
    return {
      runbook,
      results: steps,
      bindings: r.bindings.map((b) => ({ className: b.class, expected: b.expected, actual: b.actual, origin: { file: b.file, line: b.line } })),
      interrupted: r.interrupted,
      durationMs: r.durationMs,
    };
  });
  if (!sameTotals(countTotals(results), doc.totals)) {
    throw new InputError('not a runbook JSON report: its totals do not add up to its steps (was it edited?)', file, WRITE);
  }
  return { file, shard: doc.shard, results };
}

/** Reads one JSON report; throws an InputError naming the file when it cannot be read or is not a runbook JSON report. */
export function readJsonReport(file: string): ReadReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such report file' : `cannot read the report (${code ?? String(err)})`, file, WRITE);
  }
  return parseJsonReport(file, text);
}
