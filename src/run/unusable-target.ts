// A target whose shell cannot start is reported once, with the transport's
// words and a fix; its later steps are blocked with a pointer to that report.
import type { TargetSpec } from '../config/schema.js';
import type { Step } from '../markdown/types.js';
import type { StepOutcome } from './types.js';

/** How to make a target usable, by transport: what a user would try first. */
export function unusableFix(name: string, spec: TargetSpec | undefined): string {
  const remap = `or map "${name}" to another transport under targets: in the config`;
  if (spec === undefined || spec === 'local') return `check that bash starts on this machine (${remap})`;
  if ('ssh' in spec) return `check that \`ssh ${spec.ssh}${spec.port ? ` -p ${spec.port}` : ''} true\` works from here (host up, user, key, port), ${remap}`;
  if ('multipass' in spec) return `install multipass and start the VM (\`multipass start ${spec.multipass}\`), ${remap}`;
  if ('kubectl' in spec) return `check \`kubectl get pod ${spec.kubectl}${spec.namespace ? ` -n ${spec.namespace}` : ''}\` (kubectl installed, context, pod Running), ${remap}`;
  if ('docker' in spec) return `check \`docker inspect ${spec.docker}\` (docker installed, container running), ${remap}`;
  if ('podman' in spec) return `check \`podman inspect ${spec.podman}\` (podman installed, container running), ${remap}`;
  if ('netns' in spec) return `create the namespace (\`ip netns add ${spec.netns}\`, or \`runbook lab up\` for the lab's) and run as root, ${remap}`;
  if ('command' in spec) return `check that \`${spec.command.join(' ')} bash\` starts a shell, ${remap}`;
  return `check the target's transport, ${remap}`;
}

/** Tracks which targets proved unusable and where that was reported. */
export class UnusableTargets {
  private readonly reportedAt = new Map<string, string>();

  constructor(private readonly targets: Record<string, TargetSpec>) {}

  /**
   * Turns a step's outcome into `blocked` when its target cannot be used: the
   * first such step carries the transport's words and the fix, the others
   * point at it.
   */
  classify(step: Step, outcome: StepOutcome): StepOutcome {
    const first = outcome.status === 'errored' && outcome.kind === 'shell-not-started';
    if (!first && outcome.status !== 'blocked') return outcome;
    const where = this.reportedAt.get(step.target);
    if (first || where === undefined) {
      this.reportedAt.set(step.target, `${step.file}:${step.line}`);
      const words = outcome.message.trim();
      return { status: 'blocked', message: `target "${step.target}" cannot be used: ${words}\nfix: ${unusableFix(step.target, Object.hasOwn(this.targets, step.target) ? this.targets[step.target] : undefined)}\nits steps are not run; steps on other targets go on` };
    }
    return { status: 'blocked', message: `not run: target "${step.target}" cannot be used (reported at ${where})`, reportedAt: where };
  }
}
