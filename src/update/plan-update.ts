// Plans `runbook update` for one runbook: the line edits of every drifted step
// plus rebinding edits everywhere outside the frontmatter, as one Patch.
//
// Design notes:
// - New output lines are written as the actual output (already the fresh
//   values), so they are not rebound again: with swapped values (A→B, B→A)
//   rebinding them would corrupt them. Rebinding applies to every byte that
//   stays: prose, commands, diagrams and the expected lines that still match.
// - Rebinding skips the YAML frontmatter (configuration, not a transcript).
// - Values of variables named under `redact:` are masked in all new text.
// - Output lines that would read as syntax (prompt, fence, `[N]`, a rule
//   suffix, a comment) are written escaped with ` (esc)` (guard-line.ts).
// - A run that was interrupted plans nothing.
// - A kept line whose value this step bound differently from the rest of the
//   run is rewritten with its actual line (see conflicts.ts).
// - A command that ran is written as it ran: the values substituted into it
//   then, and no others (its recorded output came from exactly that command),
//   so the document converges even when a later step rebinds the same value.
import type { RunbookResult } from '../run/types.js';
import { sortEdits } from './apply-patch.js';
import { conflictingLines, rewriteConflicts } from './conflicts.js';
import { exitEdit } from './exit-edits.js';
import { frontmatterEnd } from './frontmatter.js';
import { guardLine } from './guard-line.js';
import { detectEol } from './line-ending.js';
import { resolveClasses } from '../match/volatile-classes.js';
import type { VolatileClass } from '../match/types.js';
import { indexLines } from '../markdown/source-lines.js';
import { lineStartOf } from './line-ending.js';
import { rebindEdits, rebindingTable, type RebindTable } from './rebind.js';
import { redactor } from './redact.js';
import { isRewritable, outputEdits } from './step-edits.js';
import type { Edit, Patch, UpdateOptions } from './types.js';

/** The edits that regenerate a runbook from its run: drifted output rewritten, bound values rebound. */
export function planUpdate(result: RunbookResult, options: UpdateOptions): Patch {
  const { runbook } = result;
  const file = runbook.file;
  if (result.interrupted) return { file, edits: [] };
  const source = runbook.source;
  const eol = detectEol(source);
  const redact = redactor(options.redact, options.env);
  const syntax = { ...(options.prompts ? { prompts: options.prompts } : {}), ...(options.comments ? { comments: options.comments } : {}) };
  const clean = (line: string): string => guardLine(redact(line), syntax);
  // a drifted step's own bindings count too: its matching lines are kept, so they must be rebound
  const extra = result.results.flatMap((r) => (r.outcome.status === 'drifted' && r.verdict ? r.verdict.newBindings : []));
  const table = rebindingTable(result.bindings, extra);
  // A fresh value that holds a secret is never rebound: its mask written into a command would
  // run as the mask. The document keeps its own value there (the run substitutes the real one).
  for (const byValue of table.values()) for (const [k, v] of byValue) if (k !== v && redact(v) !== v) byValue.set(k, k);
  const classes = options.classes ?? resolveClasses({ volatile: {}, normalize: [] });
  const lineEdits: Edit[] = [];
  for (const r of result.results) {
    if (!isRewritable(r)) continue;
    const ops = rewriteConflicts(r.verdict?.ops ?? [], conflictingLines(r, table, classes));
    for (const e of outputEdits(source, r, eol, clean, ops)) lineEdits.push(e);
    const exit = exitEdit(source, r, eol);
    if (exit) lineEdits.push(exit);
  }
  const asRun = commandsAsRun(result, redact, classes);
  const rebinds = rebindEdits(source, table, classes, frontmatterEnd(source)).filter((e) => !overlapsAny(e, lineEdits) && !within(asRun.regions, e));
  for (const e of asRun.edits) if (!overlapsAny(e, lineEdits)) lineEdits.push(e);
  return { file, edits: sortEdits([...lineEdits, ...rebinds]) };
}

// The command text of each step that ran (prompt line to its first output line), written with the
// substitutions it ran with: a value it ran with unbound keeps the document's text there.
// Regions come in document order (steps do).
function commandsAsRun(result: RunbookResult, redact: (s: string) => string, classes: VolatileClass[]): { regions: [number, number][]; edits: Edit[] } {
  const source = result.runbook.source;
  const regions: [number, number][] = [];
  const edits: Edit[] = [];
  // No step substituted or bound anything: no command can differ from how it ran.
  if (!result.results.some((r) => (r.execution && r.substitutions.length > 0) || r.verdict?.newBindings.length)) return { regions, edits };
  const lines = indexLines(source);
  for (const r of result.results) {
    const step = r.step;
    if (!r.execution || step.kind === 'file') continue;
    const start = lines[step.line - 1]?.start ?? source.length;
    const end = step.expected?.[0] ? lineStartOf(source, step.expected[0].start) : step.exitLine ? lineStartOf(source, step.exitLine.start) : step.insertAt;
    if (end <= start) continue;
    regions.push([start, end]);
    if (r.substitutions.length === 0) continue;
    const ran: RebindTable = new Map();
    for (const sub of r.substitutions) {
      // A secret substituted in is written back as the document had it.
      if (redact(sub.to) !== sub.to) continue;
      let byValue = ran.get(sub.className);
      if (!byValue) ran.set(sub.className, (byValue = new Map()));
      byValue.set(sub.from, sub.to);
    }
    for (const e of rebindEdits(source, ran, classes, start, end)) edits.push(e);
  }
  return { regions, edits };
}

// Whether an edit lies inside one of the (sorted, disjoint) regions: a binary search.
function within(regions: [number, number][], e: Edit): boolean {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = regions[mid]!;
    if (e.start < a) hi = mid - 1;
    else if (e.start >= b) lo = mid + 1;
    else return e.end <= b;
  }
  return false;
}

/** Whether an edit touches a line edit's replaced range (insertions replace nothing). */
function overlapsAny(e: Edit, edits: Edit[]): boolean {
  return edits.some((l) => l.end > l.start && e.start < l.end && l.start < e.end);
}
