// One line that says how a target is reached, for `plan` and for reports:
// `ssh ubuntu@10.65.94.199`, `kubectl test-pod -n default via vm1 (multipass vm1)`.
import type { TargetSpec } from '../config/schema.js';

// The transport of one spec, without its via chain.
function own(spec: TargetSpec): string {
  if (spec === 'local' || 'local' in spec) return 'local';
  if ('ssh' in spec) return `ssh ${spec.ssh}${spec.port ? ` -p ${spec.port}` : ''}`;
  if ('multipass' in spec) return `multipass ${spec.multipass}`;
  if ('kubectl' in spec) {
    const opts = [spec.namespace && `-n ${spec.namespace}`, spec.container && `-c ${spec.container}`, spec.context && `--context ${spec.context}`];
    return ['kubectl', spec.kubectl, ...opts.filter(Boolean)].join(' ');
  }
  if ('docker' in spec) return `docker ${spec.docker}`;
  if ('podman' in spec) return `podman ${spec.podman}`;
  if ('netns' in spec) return `netns ${spec.netns}`;
  if ('command' in spec) return `command ${spec.command.join(' ')}`;
  return 'local';
}

/** How target `name` is reached, following `via` hops; `unknown` for a name not in `targets`. */
export function describeTransport(name: string, targets: Record<string, TargetSpec>, seen: string[] = []): string {
  const spec = targets[name];
  if (spec === undefined) return 'unknown';
  if (seen.includes(name)) return `${own(spec)} (via loop)`;
  const via = spec === 'local' ? undefined : spec.via;
  if (!via) return own(spec);
  return `${own(spec)} via ${via} (${describeTransport(via, targets, [...seen, name])})`;
}
