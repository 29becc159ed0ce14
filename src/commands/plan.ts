// `runbook plan FILE…`: what would run, where, and what is checked — running nothing.
// With --check it also starts each target's shell (and runs only `true` there).
import { EXIT } from './exit-codes.js';
import { buildPlan } from '../plan/build-plan.js';
import { planObject, renderPlanText } from '../plan/render-plan.js';
import { InputError } from '../errors.js';
import { loadRunbook, printWarnings } from './load-runbook.js';
import { probeTargets, renderProbes, type Probe } from './probe-targets.js';

export interface PlanCommandOptions {
  config?: string;
  reporter?: string;
  /** Probe every target: start its shell, run `true`, nothing of the runbook. */
  check?: boolean;
  /** Probe through the embedded lab's stand-ins (see `run --lab`). */
  lab?: boolean;
}

/** Prints the plan of each runbook; exit 2 if any plan is invalid (unknown targets); with --check, exit 1 if a target cannot be used. */
export async function planCommand(files: string[], options: PlanCommandOptions): Promise<number> {
  const reporter = options.reporter ?? 'plain';
  if (!['plain', 'pretty', 'json'].includes(reporter)) {
    throw new InputError(`plan has no reporter '${reporter}'`, '--reporter', 'use plain (the default) or json');
  }
  if (options.lab && options.check) (await import('../lab/control-plane/use-lab.js')).useLab();
  // With --lab the plan says which steps a run on the lab skips, and why (no lab needed for that).
  const cannotRun = options.lab ? (await import('../lab/control-plane/lab-skips.js')).labCannotRun : undefined;
  // And which blocks without a prompt move the lab's story (what they deploy appears before the next step).
  const story = options.lab ? await import('../lab/control-plane/story.js') : undefined;
  const plans = [];
  for (const f of files) {
    const loaded = await loadRunbook(f, options.config);
    const plan = buildPlan(loaded.runbook, loaded.config, cannotRun);
    if (story) {
      plan.ignored = plan.ignored.map((b) => {
        const ids = story.handDeploys(b);
        return ids.length === 0 ? b : { ...b, reason: `${b.reason}; on the lab, what it deploys (${ids.join(', ')}) appears before the next step` };
      });
    }
    plans.push({ loaded, plan, errors: loaded.errors });
  }
  const errors = plans.flatMap((p) => p.errors);
  // Targets are probed only for a valid plan: an unknown target is bad input, not an unusable one.
  const probes: Probe[][] = [];
  if (options.check && errors.length === 0) for (const { loaded } of plans) probes.push(await probeTargets(loaded));
  if (reporter === 'json') {
    const out = plans.map((p, i) => ({ ...planObject(p.plan), ...(probes[i] ? { targets: probes[i] } : {}) }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    plans.forEach(({ plan }, i) => {
      process.stdout.write(`${renderPlanText(plan, { errors: false })}\n`);
      if (probes[i]) process.stdout.write(`${renderProbes(plan.file, probes[i])}\n`);
    });
  }
  printWarnings(plans.flatMap((p) => p.loaded.warnings));
  for (const e of errors) process.stderr.write(`${e.format()}\n`);
  if (errors.length > 0) return EXIT.badInput;
  return probes.some((ps) => ps.some((p) => !p.usable)) ? EXIT.drift : EXIT.ok;
}
