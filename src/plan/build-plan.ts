// The plan: what would run, where, and what is checked, without running
// anything. `runbook plan` prints it; the errors make it exit 2.
import type { Config, TargetSpec } from '../config/schema.js';
import type { InputError } from '../errors.js';
import type { IgnoredBlock, Runbook, Step } from '../markdown/types.js';
import { describeTransport } from './describe-transport.js';
import { resolveTargets } from './resolve-targets.js';

/** One row of the plan's step table. */
export interface PlanStep {
  index: number;
  kind: Step['kind'];
  file: string;
  line: number;
  target: string;
  /** How the target is reached, e.g. `multipass vm1`; `unknown` when it is not defined. */
  transport: string;
  /** The command as written (file steps: empty; see checks). */
  command: string;
  /** What is checked and how the step runs: `output (3 lines)`, `exit 0`, `not compared`, `writes PATH`, `retry 2m`… */
  checks: string[];
  id?: string;
  headings: string[];
}

export interface Plan {
  file: string;
  steps: PlanStep[];
  ignored: IgnoredBlock[];
  targets: Record<string, TargetSpec>;
  /** Unknown targets and other problems: a plan with errors must not run (exit 2). */
  errors: InputError[];
}

/** A duration as a person writes it: 2m, 30s, 500ms. */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

// The words in the plan's "checks" column for one step.
export function describeChecks(step: Step, cannotRun?: (step: Step) => string | null): string[] {
  const a = step.annotations;
  const checks: string[] = [];
  if (step.kind === 'file') checks.push(`writes ${step.filePath}`);
  else {
    if (step.expected === null) checks.push('not compared');
    else if (step.expected.length === 0) checks.push('no output');
    else checks.push(`output (${step.expected.length} line${step.expected.length === 1 ? '' : 's'})`);
    checks.push(step.exit === 'any' ? 'any exit' : `exit ${step.exit}`);
  }
  if (a.skip) checks.push('skip');
  if (step.unrunnable) checks.push('not run: not complete');
  const cannot = a.skip ? null : cannotRun?.(step);
  if (cannot) checks.push(`skipped on the lab: ${cannot}`);
  if (a.ordered) checks.push('ordered');
  if (a.teardown) checks.push('teardown');
  if (a.unordered) checks.push('unordered');
  if (a.exact) checks.push('exact');
  if (a.retryMs !== undefined) checks.push(`retry ${formatDuration(a.retryMs)}`);
  if (a.intervalMs !== undefined) checks.push(`interval ${formatDuration(a.intervalMs)}`);
  if (a.stopAfterMs !== undefined) checks.push(`stop-after ${formatDuration(a.stopAfterMs)}`);
  if (a.timeoutMs !== undefined) checks.push(`timeout ${formatDuration(a.timeoutMs)}`);
  for (const [cls, mode] of Object.entries(a.modes ?? {})) checks.push(`${cls}=${mode}`);
  return checks;
}

/** The plan of one parsed runbook under its config; `cannotRun` says which steps the run will skip where it goes (`--lab`). */
export function buildPlan(runbook: Runbook, config: Config, cannotRun?: (step: Step) => string | null): Plan {
  const { targets, errors } = resolveTargets(runbook, config);
  const steps = runbook.steps.map((s): PlanStep => {
    const row: PlanStep = {
      index: s.index,
      kind: s.kind,
      file: s.file,
      line: s.line,
      target: s.target,
      transport: describeTransport(s.target, targets),
      command: s.command,
      checks: describeChecks(s, cannotRun),
      headings: s.headings,
    };
    if (s.annotations.id) row.id = s.annotations.id;
    return row;
  });
  return { file: runbook.file, steps, ignored: runbook.ignored, targets, errors };
}
