// Problems that would otherwise surface only when a step is reached — an
// unknown volatile class in a block — found before anything runs, so a run
// never stops half way on bad input. A `(re)` line JavaScript cannot read is
// a warning, as cram treats it: the line never matches, the file still runs.
import type { Config } from '../config/schema.js';
import { InputError, Warning } from '../errors.js';
import { ExpectedBlock } from '../match/expected-block.js';
import { resolveClasses } from '../match/volatile-classes.js';
import type { Runbook } from '../markdown/types.js';

/** Every bad-input problem in the steps' expected output and annotations, and the lines that can never match. */
export function validateSteps(runbook: Runbook, config: Config): { errors: InputError[]; warnings: Warning[] } {
  const errors: InputError[] = [];
  const warnings: Warning[] = [];
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
    // Only a line with a suffix (` (re)`, ` (glob)`, …) can be invalid: most blocks have none, and are not compiled here.
    const lines = step.expected ?? [];
    if (!lines.some((l) => l.text.trimEnd().endsWith(')'))) continue;
    const options = { exact: !!step.annotations.exact, unordered: false, classes, file: step.file, ...(config.comments ? { comments: config.comments } : {}) };
    for (const invalid of new ExpectedBlock(lines, options).invalid.values()) {
      const [where, ...why] = invalid.split(': ');
      warnings.push(new Warning(`${why.join(': ')}: the line never matches`, where, 'write the regex in JavaScript syntax, or drop the " (re)" suffix to compare the line as text'));
    }
  }
  return { errors, warnings };
}
