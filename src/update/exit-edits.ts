// The cram-style `[N]` line that says which exit status a command ends with.
// When the status changed: a `[N]` line is rewritten (or removed when the
// status is now 0); a transcript command with no `[N]` line and no `exit=`
// annotation that now fails gets one after its output, as cram writes it.
import type { StepResult } from '../run/types.js';
import { lineStartOf, nextLineStart } from './line-ending.js';
import { fullPrefix, roomForOutput } from './step-edits.js';
import type { Edit } from './types.js';

/** The edit that makes the step's exit-status line agree with the status it ended with, if any. */
export function exitEdit(source: string, r: StepResult, eol: string): Edit | null {
  const { step } = r;
  const code = r.execution?.exitCode;
  // stop-after interrupts on purpose: the status it ends with means nothing
  if (r.execution?.stopped) return null;
  if (code === null || code === undefined || step.exit === 'any' || step.exit === code) return null;
  if (step.exitLine) {
    const line = step.exitLine;
    if (code === 0) return { start: lineStartOf(source, line.start), end: nextLineStart(source, line.end), text: '' };
    return { start: line.start, end: line.end, text: `[${code}]` };
  }
  if (step.annotations.exit !== undefined || step.kind !== 'command' || step.expected === null) return null;
  const last = step.expected[step.expected.length - 1];
  const at = last ? nextLineStart(source, last.end) : roomForOutput(source, step);
  const prefix = last ? fullPrefix(source, last, step) : step.linePrefix;
  const lead = at > 0 && source[at - 1] !== '\n' ? eol : '';
  return { start: at, end: at, text: `${lead}${prefix}[${code}]${eol}` };
}
