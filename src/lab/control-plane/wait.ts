// `kubectl wait --for=condition=Ready pod/NAME` and `kubectl rollout status
// deployment/NAME`: what a runbook written for a fresh cluster types after
// `kubectl run` or `kubectl apply`. On the lab the objects are ready as soon as
// they are listed, so these answer at once in kubectl's words; a condition that
// does not hold (a pod whose command ended) is waited for until --timeout, as
// kubectl does, and then fails as kubectl fails.
import { parseDuration } from '../../config/defaults.js';
import { buildCluster, type Cluster } from './cluster.js';
import { flagOn, flagValue, type ParsedArgs } from './flags.js';
import { type Io, KubectlError, kindFor } from './get.js';
import { readState } from './state.js';

// What a word names, by get.ts' kinds and their aliases: a pod, a deployment, or something else.
const kindOf = (word: string) => {
  const { resource } = kindFor(word);
  return resource === 'pods' ? 'pod' : resource === 'deployments' ? 'deploy' : null;
};

interface Target {
  /** As kubectl prints it: `pod/test-pod`, `deployment.apps/nginx-deployment`. */
  shown: string;
  holds: (c: Cluster) => boolean | 'gone';
}

// The objects `wait` names: `TYPE/NAME…`, or `TYPE NAME…`, or `TYPE -l k=v` / `--all`.
function targets(c: Cluster, p: ParsedArgs, condition: string, namespace: string): Target[] {
  const [first, ...rest] = p.positional;
  if (first === undefined) throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const words = first.includes('/') ? [first, ...rest] : rest.length > 0 ? rest.map((n) => `${first}/${n}`) : [];
  const named = words.map((w) => {
    const [k, name] = w.split('/', 2) as [string, string];
    const kind = kindOf(k);
    if (!kind) throw new KubectlError(`error: runbook lab: the kubectl stand-in waits for pods and deployments, not "${k}"`);
    return { kind, name };
  });
  if (named.length === 0) {
    const kind = kindOf(first);
    if (!kind) throw new KubectlError(`error: runbook lab: the kubectl stand-in waits for pods and deployments, not "${first}"`);
    const selector = flagValue(p, 'selector');
    if (!selector && !flagOn(p, 'all')) throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const [key, value] = (selector ?? '').split('=', 2) as [string, string | undefined];
    const items = kind === 'pod' ? c.pods : c.deployments;
    const labelsOf = (i: (typeof items)[number]) => ('labels' in i ? i.labels : i.selector);
    const chosen = items.filter((x) => x.namespace === namespace && (!selector || labelsOf(x)[key] === value)).map((x) => x.name).sort();
    for (const name of chosen) named.push({ kind, name });
    if (named.length === 0) throw new KubectlError('error: no matching resources found');
  }
  const cond = condition.toLowerCase();
  return named.map(({ kind, name }) => {
    if (kind === 'pod') {
      return {
        shown: `pod/${name}`,
        holds: (cl: Cluster) => {
          const pod = cl.pods.find((x) => x.name === name && x.namespace === namespace);
          if (!pod) return 'gone';
          return cond === 'ready' || cond === 'containersready' ? pod.ready : cond === 'initialized' || cond === 'podscheduled' ? true : false;
        },
      };
    }
    return {
      shown: `deployment.apps/${name}`,
      holds: (cl: Cluster) => {
        const d = cl.deployments.find((x) => x.name === name && x.namespace === namespace);
        if (!d) return 'gone';
        return cond === 'available' || cond === 'progressing' ? d.ready === d.replicas : false;
      },
    };
  });
}

/** `kubectl wait --for=condition=C TYPE/NAME… [--timeout=30s]`. */
export async function kubectlWait(c: Cluster, p: ParsedArgs, namespace: string, io: Io): Promise<number> {
  const forWhat = flagValue(p, 'for');
  const m = /^condition=([^=]+)(?:=True)?$/i.exec(forWhat ?? '');
  if (!m) throw new KubectlError(`error: runbook lab: the kubectl stand-in waits for --for=condition=NAME, not ${forWhat === undefined ? 'nothing' : `--for=${forWhat}`}`);
  const timeout = parseDuration(flagValue(p, 'timeout') ?? '30s');
  const list = targets(c, p, m[1]!, namespace);
  const deadline = Date.now() + timeout;
  let code = 0;
  for (const t of list) {
    for (let cluster = c; ; ) {
      const holds = t.holds(cluster);
      if (holds === 'gone') {
        const [kind, name] = t.shown.split('/') as [string, string];
        io.err(`Error from server (NotFound): ${kind === 'pod' ? 'pods' : 'deployments.apps'} "${name}" not found\n`);
        code = 1;
        break;
      }
      if (holds) {
        io.out(`${t.shown} condition met\n`);
        break;
      }
      if (Date.now() >= deadline) {
        io.err(`error: timed out waiting for the condition on ${t.shown.replace('/', 's/')}\n`);
        code = 1;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
      const state = readState();
      if (!state) return 1;
      cluster = buildCluster(state);
    }
  }
  return code;
}

/** `kubectl rollout status deployment/NAME`: the lab's deployments are rolled out as soon as they are listed. */
export function kubectlRolloutStatus(c: Cluster, p: ParsedArgs, namespace: string, io: Io): number {
  const [sub, first, second] = p.positional;
  if (sub !== 'status') throw new KubectlError(`error: runbook lab: the kubectl stand-in has rollout status only, not rollout ${sub ?? ''}`.trimEnd());
  const [kind, name] = first?.includes('/') ? (first.split('/', 2) as [string, string]) : [first ?? '', second ?? ''];
  if (kindOf(kind) !== 'deploy') throw new KubectlError(`error: runbook lab: the kubectl stand-in follows the rollout of deployments, not "${kind}"`);
  const d = c.deployments.find((x) => x.name === name && x.namespace === namespace);
  if (!d) throw new KubectlError(`Error from server (NotFound): deployments.apps "${name}" not found`);
  io.out(`deployment "${name}" successfully rolled out\n`);
  return 0;
}
