// Words shared by the text reporters: where a step is, what ran, why it failed.
import { formatDiff } from '../match/format-diff.js';
import { outcomeMessage, type StepOutcome, type StepResult } from '../run/types.js';

/** `file:line` of a step. */
export const whereOf = (r: StepResult) => `${r.step.file}:${r.step.line}`;

/** First line of the command as run, shortened for a one-line listing. */
export function commandHead(command: string, width = 80): string {
  const nl = command.indexOf('\n');
  const head = nl < 0 ? command : `${command.slice(0, nl)} …`;
  return head.length > width ? `${head.slice(0, width - 1)}…` : head;
}

const TAIL_LINES = 20;

/** The failure block: target, command as run, exit status, reasons, and the diff with markdown lines (or what it printed). */
export function describeFailure(r: StepResult, verbose = false): string[] {
  const out: string[] = [];
  const ex = r.execution;
  out.push(`  target:  ${r.step.target}`);
  const cmd = r.commandRun.split('\n');
  out.push(`  command: ${cmd[0]}`, ...cmd.slice(1).map((l) => `           ${l}`));
  if (ex && r.outcome.status !== 'blocked') {
    const status = ex.exitCode === null ? 'none' : String(ex.exitCode);
    out.push(`  exit:    ${status}${r.step.exit !== 0 ? ` (expected ${r.step.exit})` : ''}${r.attempts > 1 ? `, after ${r.attempts} attempts` : ''}`);
  }
  out.push(`  outcome: ${outcomeHead(r.outcome)}`);
  const message = outcomeMessage(r.outcome);
  if (message) for (const item of message.split('\n').map((l) => `  ${l}`)) out.push(item);
  // A blocked step was never tried: its target's one report says why, no diff per step.
  if (r.outcome.status === 'blocked') return out;
  if (r.verdict && !r.verdict.ok && r.step.expected) {
    for (const item of formatDiff(r.step.expected, r.verdict, r.step.file).map((l: string) => `  ${l}`)) out.push(item);
  } else if (ex && ex.output.length > 0) {
    // No diff says what happened (a script, a timeout, an error): show what it printed, the tail unless -v.
    const lines = ex.output.replace(/\n$/, '').split('\n');
    const shown = verbose ? lines : lines.slice(-TAIL_LINES);
    out.push(shown.length < lines.length ? `  output (last ${shown.length} of ${lines.length} lines; -v shows all):` : '  output:');
    for (const l of shown) out.push(`  | ${l}`);
  }
  return out;
}

/** One phrase for the kind of outcome: `drifted (values rebound)`, `errored (timed-out)`, `blocked`. */
export function outcomeHead(o: StepOutcome): string {
  if (o.status === 'drifted') return `drifted (${o.drift === 'values-rebound' ? 'values rebound: only volatile values differ' : 'structure changed'})`;
  if (o.status === 'errored') return `errored (${o.kind})`;
  return o.status;
}

/** Plain-text label of a step line: every failure is FAIL (the `outcome:` line under it says which kind). */
export const LABEL = { passed: 'PASS', drifted: 'FAIL', errored: 'FAIL', blocked: 'FAIL', skipped: 'SKIP' } as const;

/** Substitutions made before the command ran (`-v`). */
export function describeSubstitutions(r: StepResult): string[] {
  return r.substitutions.map((s) => `  substituted ${s.from} → ${s.to} (${s.className})`);
}
