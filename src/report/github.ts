// GitHub Actions: plain lines plus `::error file=…,line=…::` annotations on
// the drifted markdown lines, so a pull request shows them in place.
import type { Reporter, ReporterOptions, StepResult } from '../run/types.js';
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
  if (out.length === 0) out.push({ line: r.step.line, message: r.reason ?? 'step failed' });
  return out;
}

/** Plain output with GitHub annotations for each failure. */
export function githubReporter(options: ReporterOptions): Reporter {
  const plain = plainReporter(options);
  return {
    ...plain,
    onStepEnd(r) {
      plain.onStepEnd?.(r);
      if (r.status !== 'failed') return;
      for (const d of driftLines(r)) {
        const title = `runbook: ${r.step.target}: ${r.commandRun.split('\n')[0]}`;
        options.write(`::error file=${escProp(r.step.file)},line=${d.line},title=${escProp(title)}::${escData(`${d.message}${r.reason ? `\n${r.reason}` : ''}`)}\n`);
      }
    },
  };
}
