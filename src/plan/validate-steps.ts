// Problems that would otherwise surface only when a step is reached — an
// invalid `(re)` line, an unknown volatile class in a block — found before
// anything runs, so a run never stops half way on bad input.
import type { Config } from '../config/schema.js';
import { InputError } from '../errors.js';
import { compileLine } from '../match/compile-line.js';
import { resolveClasses } from '../match/volatile-classes.js';
import type { Runbook } from '../markdown/types.js';

/** Every bad-input problem in the steps' expected output and annotations. */
export function validateSteps(runbook: Runbook, config: Config): InputError[] {
  const errors: InputError[] = [];
  const byModes = new Map<string, ReturnType<typeof resolveClasses>>();
  for (const step of runbook.steps) {
    let classes: ReturnType<typeof resolveClasses>;
    try {
      const key = JSON.stringify(step.annotations.modes ?? {});
      classes = byModes.get(key) ?? resolveClasses(config, step.annotations.modes);
      byModes.set(key, classes);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(new InputError(e.message, `${step.file}:${step.line}`, e.fix));
      continue;
    }
    const options = { exact: !!step.annotations.exact, unordered: false, classes, file: step.file, ...(config.comments ? { comments: config.comments } : {}) };
    for (const line of step.expected ?? []) {
      try {
        compileLine(line, options);
      } catch (e) {
        if (e instanceof InputError) errors.push(e);
        else throw e;
      }
    }
  }
  return errors;
}
