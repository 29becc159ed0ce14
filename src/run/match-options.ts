// How a step's output is compared: its annotations over the config. One
// function for the run and for update's convergence check, so both judge alike.
import type { Config } from '../config/schema.js';
import type { MatchOptions, VolatileClass } from '../match/types.js';
import { resolveClasses } from '../match/volatile-classes.js';
import type { Step } from '../markdown/types.js';

/** The match options of each step of one runbook; classes resolved once per set of block modes, options made once per step. */
export function matchOptionsFor(config: Config, file: string): (step: Step) => MatchOptions {
  const classCache = new Map<string, VolatileClass[]>();
  // Made from a step's annotations alone: one per annotations object (the steps of a transcript block share theirs).
  const byAnnotations = new WeakMap<Step['annotations'], MatchOptions>();
  return (step) => {
    let made = byAnnotations.get(step.annotations);
    if (!made) byAnnotations.set(step.annotations, (made = optionsOf(step)));
    return made;
  };
  function optionsOf(step: Step): MatchOptions {
    const key = step.annotations.modes ? JSON.stringify(step.annotations.modes) : '{}';
    let classes = classCache.get(key);
    if (!classes) {
      classes = resolveClasses(config, step.annotations.modes);
      classCache.set(key, classes);
    }
    return {
      exact: !!step.annotations.exact,
      unordered: !!step.annotations.unordered,
      ordered: !!step.annotations.ordered,
      classes,
      file,
      ...(config.comments ? { comments: config.comments } : {}),
    };
  }
}
