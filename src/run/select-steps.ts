// Decides, before anything runs, which steps the flags leave in: --only,
// --section and --from narrow the run; skip= and teardown are the author's.
import { InputError } from '../errors.js';
import type { Runbook, Step } from '../markdown/types.js';

export interface Selection {
  /** Step ids (`id=NAME`) to run; empty runs all. */
  only: string[];
  /** Run only steps under a heading containing this text (case-insensitive). */
  section?: string;
  /** Start at this markdown line, or at the first step under this heading. */
  from?: string;
  /** Nothing of this runbook is selected (its --only ids are all in other runbooks of the run). */
  none?: boolean;
  /** Why a step cannot run where this run goes (`--lab`: what one machine cannot have), or null. */
  cannotRun?: (step: Step) => string | null;
}

/** Why a step is not run, or null when it runs. */
export type SelectionReason = string | null;

const matchesHeading = (step: Step, text: string) =>
  step.headings.some((h) => h.toLowerCase().includes(text.toLowerCase()));

/** For each step, null if selected, else the reason it is skipped. Throws when a flag selects nothing. */
export function selectSteps(runbook: Runbook, selection: Selection): SelectionReason[] {
  const { steps, file } = runbook;
  if (selection.none) {
    const why = selection.only.length > 0 ? 'not in --only' : selection.section !== undefined ? 'not in --section' : `before --from ${selection.from}`;
    return steps.map(() => why);
  }
  let fromIndex = 0;
  if (selection.from !== undefined) {
    const line = /^\d+$/.test(selection.from) ? Number(selection.from) : null;
    fromIndex = steps.findIndex((s) => (line !== null ? s.line >= line : matchesHeading(s, selection.from!)));
    if (fromIndex < 0) {
      throw new InputError(`--from ${selection.from} matches no step`, file, 'give a line number of a step or the text of a heading above one (see `runbook plan`)');
    }
  }
  for (const id of selection.only) {
    if (!steps.some((s) => s.annotations.id === id)) {
      throw new InputError(`--only ${id}: no step has id=${id}`, file, `annotate a block with <!-- runbook: id=${id} --> or pick an id shown by \`runbook plan\``);
    }
  }
  if (selection.section !== undefined && !steps.some((s) => matchesHeading(s, selection.section!))) {
    throw new InputError(`--section ${selection.section}: no heading above any step contains that text`, file, 'pick a heading shown by `runbook plan`');
  }
  return steps.map((step, i) => {
    if (step.unrunnable) return step.unrunnable;
    if (step.annotations.skip && !step.annotations.teardown) return 'skip annotation';
    // Before teardown: a teardown that cannot run there would only fail.
    const cannot = selection.cannotRun?.(step);
    if (cannot) return cannot;
    if (step.annotations.teardown) return null;
    if (i < fromIndex) return `before --from ${selection.from}`;
    if (selection.only.length > 0 && !selection.only.includes(step.annotations.id ?? '')) return 'not in --only';
    if (selection.section !== undefined && !matchesHeading(step, selection.section)) return 'not in --section';
    return null;
  });
}
