// What run, update and check share: the flags that pick and drive steps, and
// the reporter they print through.
import { createReporter, prepareOutput, type ReportingOptions } from './reporting.js';
import type { Step } from '../markdown/types.js';
import type { Selection } from '../run/select-steps.js';
import type { Reporter } from '../run/types.js';
import { execute } from './execute.js';

export interface RunFlags extends ReportingOptions {
  config?: string;
  selection: Selection;
  bail: boolean;
  jobs: number;
  replay: boolean;
  /** Called on a second Ctrl-C, once every session is killed: the CLI exits 130 there. */
  leaveAtOnce?: () => void;
  /** Run against the embedded lab: its stand-ins (multipass, kubectl, sudo) first on PATH; the lab must be up. */
  lab?: boolean;
}

/**
 * Runs the runbooks with the flags every running command shares; returns the results and the reporter to finish.
 * `allFiles`: when `files` are one shard of a check, all the runbooks of the check (`--only` ids are looked for in them).
 */
export async function executeWithFlags(files: string[], flags: RunFlags, confirm?: (step: Step, command: string) => Promise<boolean>, allFiles?: string[]) {
  // A replay runs nothing, so it needs no lab; it skips what a run on the lab skipped.
  if (flags.lab && !flags.replay) (await import('../lab/control-plane/use-lab.js')).useLab();
  // On the lab, what the run's steps deploy (`kubectl run test-pod`, `kubectl apply -f …/nginx-svc.yaml`) starts undeployed.
  const beforeRun = flags.lab && !flags.replay ? (await import('../lab/control-plane/story.js')).startStory : undefined;
  const selection = flags.lab ? { ...flags.selection, cannotRun: (await import('../lab/control-plane/lab-skips.js')).labCannotRun } : flags.selection;
  prepareOutput(flags.output, files);
  const reporter: Reporter = await createReporter(flags);
  const outcome = await execute({
    files,
    ...(flags.config ? { configFile: flags.config } : {}),
    selection,
    bail: flags.bail,
    jobs: flags.jobs,
    replay: flags.replay,
    ...(flags.leaveAtOnce ? { leaveAtOnce: flags.leaveAtOnce } : {}),
    reporter,
    ...(confirm ? { confirm } : {}),
    ...(allFiles ? { allFiles } : {}),
    ...(beforeRun ? { beforeRun } : {}),
  });
  return { ...outcome, reporter };
}
