// Builders for Runbook / StepResult / RunbookResult values, so update can be
// tested before the parser, matcher and engine land.
import type { ExpectedLine, Runbook, Step } from '../../../src/markdown/types.js';
import type { AlignOp, Binding, Verdict } from '../../../src/match/types.js';
import type { RunbookResult, StepResult } from '../../../src/run/types.js';
import type { Execution } from '../../../src/sessions/types.js';

/** A step with defaults for everything update does not read. */
export function makeStep(p: Partial<Step> & { index: number }): Step {
  return {
    kind: 'command',
    file: 'doc.md',
    line: 1,
    target: 'local',
    targetSource: 'local',
    command: 'true',
    expected: [],
    insertAt: 0,
    linePrefix: '',
    exit: 0,
    annotations: {},
    headings: [],
    ...p,
  };
}

/** A clean execution of `output`. */
export function makeExecution(output: string, p: Partial<Execution> = {}): Execution {
  return {
    output,
    exitCode: 0,
    durationMs: 5,
    timedOut: false,
    stopped: false,
    interrupted: false,
    truncated: false,
    noFinalNewline: output !== '' && !output.endsWith('\n'),
    ...p,
  };
}

/** A verdict from ops computed by the caller. */
export function makeVerdict(actualLines: string[], ops: AlignOp[]): Verdict {
  const ok = ops.every((o) => o.op === 'same');
  return { ok, actualLines, ops, problems: [], newBindings: [] };
}

/** A step result; failed when the verdict is not ok or the exit status differs. */
export function makeResult(step: Step, actualLines: string[], ops: AlignOp[], exitCode = 0): StepResult {
  const verdict = makeVerdict(actualLines, ops);
  const exitOk = step.exit === 'any' || step.exit === exitCode;
  const output = actualLines.map((l) => `${l}\n`).join('');
  return {
    step,
    outcome: verdict.ok && exitOk ? { status: 'passed' } : { status: 'drifted', drift: 'structure-changed' },
    commandRun: step.command,
    substitutions: [],
    execution: makeExecution(output, { exitCode }),
    verdict: { ...verdict, ok: verdict.ok },
    attempts: 1,
  };
}

/** A run of `results` on `runbook`. */
export function makeRun(runbook: Runbook, results: StepResult[], bindings: Binding[] = [], interrupted = false): RunbookResult {
  return { runbook, results, bindings, interrupted, durationMs: 10 };
}

/** A binding of one volatile value. */
export function bind(expected: string, actual: string, className = 'ipv4'): Binding {
  return { className, expected, actual, origin: { file: 'doc.md', line: 1 } };
}

export type { ExpectedLine };
