// GitHub Actions: plain lines plus `::error file=…,line=…::` annotations on
// the drifted markdown lines, so a pull request shows them in place.
import { isFailure, outcomeMessage, type Reporter, type ReporterOptions, type StepResult } from '../run/types.js';
import { outcomeHead } from './describe-step.js';
import { plainReporter } from './plain.js';

// Workflow commands need %, CR and LF escaped in data, and also , and : in properties.
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Markdown lines where the step drifted: the first removed expected line of each hunk, else the command's line. */
function driftLines(r: StepResult): { line: number; message: string }[] {
  const v = r.verdict;
  const expected = r.step.expected;
  const out: { line: number; message: string }[] = [];
  if (v && expected) {
    for (const op of v.ops) {
      if (op.op === 'removed') {
        const e = expected[op.e0]!;
        out.push({ line: e.line, message: `expected: ${e.text}` });
      } else if (op.op === 'added' && out.length === 0) {
        out.push({ line: r.step.line, message: `unexpected output: ${v.actualLines[op.a0] ?? ''}` });
      }
    }
  }
  if (out.length === 0) out.push({ line: r.step.line, message: outcomeMessage(r.outcome) ?? 'step failed' });
  return out;
}

/** Plain output with GitHub annotations for each failure. */
export function githubReporter(options: ReporterOptions): Reporter {
  const plain = plainReporter(options);
  return {
    ...plain,
    onStepEnd(r) {
      plain.onStepEnd?.(r);
      if (!isFailure(r.outcome)) return;
      // Drift and errors are errors of the check; the target's one report is too, the steps it blocked are warnings.
      const level = r.outcome.status === 'blocked' && r.outcome.reportedAt ? 'warning' : 'error';
      const message = outcomeMessage(r.outcome);
      for (const d of driftLines(r)) {
        const title = `runbook: ${outcomeHead(r.outcome)}: ${r.step.target}: ${r.commandRun.split('\n')[0]}`;
        options.write(`::${level} file=${escProp(r.step.file)},line=${d.line},title=${escProp(title)}::${escData(`${d.message}${message && message !== d.message ? `\n${message}` : ''}`)}\n`);
      }
    },
  };
}
