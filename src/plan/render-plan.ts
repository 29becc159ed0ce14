// The plan as a person reads it (a table) and as tools read it (JSON).
import type { Plan } from './build-plan.js';

const MAX_COMMAND = 72;

// The command column: first line, cut to fit, `…` when there is more.
function commandCell(command: string, kind: string): string {
  if (kind === 'file') return '(file)';
  const lines = command.split('\n');
  let first = lines[0]!;
  const more = lines.length > 1 ? ` … (+${lines.length - 1} line${lines.length > 2 ? 's' : ''})` : '';
  if (first.length > MAX_COMMAND) first = `${first.slice(0, MAX_COMMAND - 1)}…`;
  return first + more;
}

// Left-aligned columns two spaces apart; the last column is not padded.
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), 0));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

/** The step table, the ignored blocks and (unless `errors: false`, when the caller prints them itself) the errors, as plain text. */
export function renderPlanText(plan: Plan, options: { errors?: boolean } = {}): string {
  const out: string[] = [];
  const targets = new Set(plan.steps.map((s) => s.target));
  out.push(`${plan.file}: ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} on ${targets.size} target${targets.size === 1 ? '' : 's'}`);
  out.push('');
  if (plan.steps.length > 0) {
    const rows = [['WHERE', 'TARGET', 'TRANSPORT', 'COMMAND', 'CHECKS']];
    for (const s of plan.steps) {
      rows.push([`${s.file}:${s.line}`, s.target, s.transport, commandCell(s.command, s.kind), s.checks.join(', ')]);
    }
    for (const item of table(rows)) out.push(item);
  }
  if (plan.ignored.length > 0) {
    out.push('', `Ignored blocks (never run): ${plan.ignored.length}`);
    for (const item of table(plan.ignored.map((b) => [`${b.file}:${b.line}`, b.reason]))) out.push(item);
  }
  if (plan.errors.length > 0 && options.errors !== false) {
    out.push('', `Errors: ${plan.errors.length} (nothing would run)`);
    for (const e of plan.errors) out.push(e.format());
  }
  return `${out.join('\n')}\n`;
}

/** The plan as JSON (PRODUCT §7): steps with file, line, target, transport, command, checks; an array for several runbooks. */
export function renderPlanJson(plan: Plan | Plan[]): string {
  return `${JSON.stringify(Array.isArray(plan) ? plan.map(planObject) : planObject(plan), null, 2)}\n`;
}

/** One plan as plain data (what `renderPlanJson` prints). */
export function planObject(plan: Plan): object {
  return {
    file: plan.file,
    steps: plan.steps.map((s) => ({
      file: s.file,
      line: s.line,
      target: s.target,
      transport: s.transport,
      kind: s.kind,
      command: s.command,
      checks: s.checks,
      ...(s.id ? { id: s.id } : {}),
      headings: s.headings,
    })),
    ignored: plan.ignored.map(({ file, line, lang, reason }) => ({ file, line, lang, reason })),
    targets: plan.targets,
    errors: plan.errors.map((e) => ({ where: e.where ?? null, message: e.message, fix: e.fix ?? null })),
  };
}
