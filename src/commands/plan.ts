// `runbook plan FILE…`: what would run, where, and what is checked — running nothing.
import { EXIT } from '../cli/exit-codes.js';
import { buildPlan } from '../plan/build-plan.js';
import { renderPlanJson, renderPlanText } from '../plan/render-plan.js';
import { InputError } from '../errors.js';
import { loadRunbook } from './load-runbook.js';

export interface PlanCommandOptions {
  config?: string;
  reporter?: string;
}

/** Prints the plan of each runbook; exit 2 if any plan is invalid (unknown targets). */
export async function planCommand(files: string[], options: PlanCommandOptions): Promise<number> {
  const reporter = options.reporter ?? 'plain';
  if (!['plain', 'pretty', 'json'].includes(reporter)) {
    throw new InputError(`plan has no reporter '${reporter}'`, '--reporter', 'use plain (the default) or json');
  }
  const plans = files.map((f) => {
    const loaded = loadRunbook(f, options.config);
    return { plan: buildPlan(loaded.runbook, loaded.config), errors: loaded.errors };
  });
  if (reporter === 'json') process.stdout.write(`${renderPlanJson(plans.map((p) => p.plan))}\n`);
  else for (const { plan } of plans) process.stdout.write(`${renderPlanText(plan, { errors: false })}\n`);
  const errors = plans.flatMap((p) => p.errors);
  for (const e of errors) process.stderr.write(`${e.format()}\n`);
  return errors.length > 0 ? EXIT.badInput : EXIT.ok;
}
