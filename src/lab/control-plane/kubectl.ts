// The kubectl stand-in: `runbook lab kubectl ARGS` (what the `kubectl` script
// in the lab's bin folder runs). Parses kubectl's command line, answers from
// the simulated cluster, prints what kubectl prints, returns kubectl's exit
// status. What it cannot do (edit, apply of other manifests, …) it says so, naming itself.
import { writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { findExecutable, inNamespace, runAttached } from './attach.js';
import { buildCluster, type Cluster, K3S_VERSION, type Pod } from './cluster.js';
import { kubectlDescribe } from './describe.js';
import { type FlagSpec, FlagError, flagOn, flagValue, flagValues, parseFlags, type ParsedArgs } from './flags.js';
import { type Io, KubectlError, kubectlGet } from './get.js';
import { createRunPod, deleteRunPod, exitFile, readLog, setRunPodPid, startDetached } from './pods.js';
import { deployedAt, runWorkload, setDeployed, type Workload, WORKLOADS, workloadOfFile, workloadOfPod } from './story.js';
import { readState } from './state.js';
import { kubectlRolloutStatus, kubectlWait } from './wait.js';

const GLOBAL: FlagSpec[] = [
  { long: 'namespace', short: 'n', value: true },
  { long: 'context', value: true },
  { long: 'kubeconfig', value: true },
  { long: 'cluster', value: true },
  { long: 'user', value: true },
  { long: 'request-timeout', value: true },
  { long: 'v', short: 'v', value: true },
];

const COMMANDS: Record<string, FlagSpec[]> = {
  get: [
    { long: 'all-namespaces', short: 'A' },
    { long: 'output', short: 'o', value: true },
    { long: 'selector', short: 'l', value: true },
    { long: 'show-labels' },
    { long: 'no-headers' },
    { long: 'watch', short: 'w' },
  ],
  describe: [{ long: 'all-namespaces', short: 'A' }],
  exec: [
    { long: 'stdin', short: 'i' },
    { long: 'tty', short: 't' },
    { long: 'container', short: 'c', value: true },
    { long: 'quiet', short: 'q' },
  ],
  run: [
    { long: 'image', value: true },
    { long: 'restart', value: true },
    { long: 'stdin', short: 'i' },
    { long: 'tty', short: 't' },
    { long: 'rm' },
    { long: 'attach' },
    { long: 'command' },
    { long: 'labels', short: 'l', value: true },
    { long: 'env', value: true },
    { long: 'port', value: true },
    { long: 'quiet', short: 'q' },
    { long: 'image-pull-policy', value: true },
  ],
  logs: [
    { long: 'container', short: 'c', value: true },
    { long: 'tail', value: true },
    { long: 'follow', short: 'f' },
    { long: 'timestamps' },
    { long: 'previous', short: 'p' },
  ],
  delete: [{ long: 'now' }, { long: 'force' }, { long: 'grace-period', value: true }, { long: 'wait' }, { long: 'filename', short: 'f', value: true }],
  apply: [{ long: 'filename', short: 'f', value: true }],
  create: [{ long: 'filename', short: 'f', value: true }],
  wait: [{ long: 'for', value: true }, { long: 'timeout', value: true }, { long: 'selector', short: 'l', value: true }, { long: 'all' }],
  rollout: [{ long: 'timeout', value: true }, { long: 'watch', short: 'w' }],
  version: [{ long: 'client' }, { long: 'output', short: 'o', value: true }],
  'cluster-info': [],
};

// kubectl's own commands that the stand-in does not serve: said plainly, naming the stand-in.
const REAL_COMMANDS = [
  'annotate', 'api-resources', 'api-versions', 'attach', 'auth', 'autoscale', 'certificate', 'completion', 'config',
  'cordon', 'cp', 'debug', 'diff', 'drain', 'edit', 'events', 'explain', 'expose', 'kustomize', 'label', 'options',
  'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'scale', 'set', 'taint', 'top', 'uncordon',
];

const DOWN = 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?';

function namespaceOf(p: ParsedArgs): string {
  return flagValue(p, 'namespace') ?? 'default';
}

// A pod named as kubectl accepts it: NAME, pod/NAME, po/NAME; deploy/NAME is the deployment's first pod.
function findPod(c: Cluster, word: string, namespace: string): Pod {
  const [kind, name] = word.includes('/') ? (word.split('/', 2) as [string, string]) : ['pod', word];
  const k = kind.toLowerCase();
  let pod: Pod | undefined;
  if (['pod', 'pods', 'po'].includes(k)) pod = c.pods.find((p) => p.name === name && p.namespace === namespace);
  else if (['deploy', 'deployment', 'deployments'].includes(k)) {
    pod = c.pods.filter((p) => p.namespace === namespace && p.owner?.name.startsWith(`${name}-`)).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    if (!pod) throw new KubectlError(`Error from server (NotFound): deployments.apps "${name}" not found`);
  } else throw new KubectlError(`error: runbook lab: the kubectl stand-in finds pods and deployments, not "${kind}"`);
  if (!pod) throw new KubectlError(`Error from server (NotFound): pods "${name}" not found`);
  return pod;
}

function checkContainer(pod: Pod, p: ParsedArgs): void {
  const c = flagValue(p, 'container');
  if (c !== undefined && !pod.containers.some((x) => x.name === c)) {
    throw new KubectlError(`error: unable to upgrade connection: container not found ("${c}")`);
  }
}

const TTY_WARNING = 'Unable to use a TTY - input is not a terminal or the right kind of file';

async function exec(c: Cluster, p: ParsedArgs, io: Io): Promise<number> {
  const [target, ...extra] = p.positional;
  if (target === undefined) throw new KubectlError('error: pod, type/name or --filename must be specified');
  if (p.rest === null && extra.length > 0) {
    throw new KubectlError('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples');
  }
  const command = p.rest ?? [];
  if (command.length === 0) throw new KubectlError('error: you must specify at least one command for the container');
  const pod = findPod(c, target, namespaceOf(p));
  checkContainer(pod, p);
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
    throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${pod.phase}`);
  }
  if (pod.phase !== 'Running') throw new KubectlError(`error: unable to upgrade connection: pod does not exist`);
  const stdin = flagOn(p, 'stdin');
  // kubectl's SetupTTY: a tty needs stdin; without a terminal on stdin it warns and goes on without one.
  if (stdin && flagOn(p, 'tty') && !isatty(0) && !flagOn(p, 'quiet')) io.err(`${TTY_WARNING}\n`);
  if (!findExecutable(command[0]!)) {
    throw new KubectlError(
      `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${pod.containers[0]!.containerId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`,
    );
  }
  const { code } = await runAttached(inNamespace(pod.netns, pod.name, command), { stdin });
  if (code !== 0) io.err(`command terminated with exit code ${code}\n`);
  return code;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const term of text.split(',').filter(Boolean)) {
    const [k, v] = term.split('=', 2) as [string, string | undefined];
    if (v === undefined) throw new KubectlError(`error: invalid label spec: ${term}`);
    out[k] = v;
  }
  return out;
}

async function run(c: Cluster, p: ParsedArgs, io: Io): Promise<number> {
  const name = p.positional[0];
  if (name === undefined) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = flagValue(p, 'image');
  if (!image) throw new KubectlError('error: required flag(s) "image" not set');
  const namespace = namespaceOf(p);
  if (!c.namespaces.some((n) => n.name === namespace)) throw new KubectlError(`Error from server (NotFound): namespaces "${namespace}" not found`);
  if (!DNS_1123_LABEL.test(name) || name.length > 63) {
    throw new KubectlError(
      `The Pod "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  }
  // test-pod is the lab's own: the story deploys it (story.ts) in its own namespace; other names get a new pod.
  const story = runWorkload(name);
  if (story && namespace !== 'default') throw new KubectlError(`error: runbook lab: ${name} is the lab's own pod, in namespace default`);
  if (c.pods.some((x) => x.name === name)) {
    // Pod names are namespaces of the lab: one name across all of its namespaces.
    throw new KubectlError(`Error from server (AlreadyExists): pods "${name}" already exists`);
  }
  const restart = flagValue(p, 'restart') ?? 'Always';
  if (restart !== 'Always' && restart !== 'OnFailure' && restart !== 'Never') throw new KubectlError(`error: invalid restart policy: ${restart}`);
  const stdin = flagOn(p, 'stdin');
  const tty = flagOn(p, 'tty');
  if (tty && !stdin) throw new KubectlError('error: -i/--stdin is required for containers with -t/--tty=true');
  const attach = p.flags.has('attach') ? flagOn(p, 'attach') : stdin;
  if (flagOn(p, 'rm') && !attach) throw new KubectlError('error: --rm should only be used for attached containers');
  const labels = flagValue(p, 'labels') !== undefined ? parseLabels(flagValue(p, 'labels')!) : { run: name };
  const command = attach && (p.rest ?? []).length === 0 ? ['sh'] : (p.rest ?? []);
  const pod = story ? (await setDeployed(story.id, true), null) : await createRunPod({ name, namespace, image, command, labels, restart });
  if (!attach) {
    if (pod && pod.command.length > 0) await setRunPodPid(name, startDetached(pod));
    io.out(`pod/${name} created\n`);
    return 0;
  }
  const quiet = flagOn(p, 'quiet');
  if (tty && !isatty(0) && !quiet) io.err(`${TTY_WARNING}\n`);
  else if (tty && !quiet) io.err("If you don't see a command prompt, try pressing enter.\n");
  const { code } = await runAttached(inNamespace(`rbl-${name}`, name, command), {
    stdin,
    // Recorded while it runs (another shell's `get pods` sees it live); the lab may be gone meanwhile.
    ...(pod ? { onStart: (pid: number | undefined) => void setRunPodPid(name, pid).catch(() => undefined) } : {}),
  });
  if (pod) writeFileSync(exitFile(name), `${code}\n`);
  if (flagOn(p, 'rm')) {
    await (story ? setDeployed(story.id, false) : deleteRunPod(name));
    io.out(`pod "${name}" deleted\n`);
  }
  // kubectl waits for the exit code only when the pod is not restarted (the lab restarts nothing).
  if (restart !== 'Always' && code !== 0) {
    io.err(`pod ${namespace}/${name} terminated (Error)\n`);
    return code;
  }
  return 0;
}

async function logs(c: Cluster, p: ParsedArgs, io: Io): Promise<number> {
  const target = p.positional[0];
  if (target === undefined) throw new KubectlError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  const pod = findPod(c, target, namespaceOf(p));
  const container = flagValue(p, 'container');
  if (container !== undefined && !pod.containers.some((x) => x.name === container)) {
    throw new KubectlError(`error: container ${container} is not valid for pod ${pod.name}`);
  }
  const tail = flagValue(p, 'tail');
  const cut = (text: string) => {
    if (tail === undefined || Number(tail) < 0) return text;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.slice(Math.max(0, lines.length - Number(tail))).map((l) => `${l}\n`).join('');
  };
  let seen = readLog(pod.name);
  io.out(cut(seen));
  if (!flagOn(p, 'follow')) return 0;
  // -f: what the pod writes from now on, until it stops running (or Ctrl-C).
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = readLog(pod.name);
    if (now.length > seen.length) io.out(now.slice(seen.length));
    seen = now;
    const state = readState();
    if (!state) return 0;
    const still = buildCluster(state).pods.find((x) => x.name === pod.name);
    if (still?.phase !== 'Running') return 0;
  }
}

async function del(c: Cluster, p: ParsedArgs, io: Io): Promise<number> {
  const files = flagValues(p, 'filename');
  if (files.length > 0) return manifests(c, files, 'delete', io);
  const [first, ...rest] = p.positional;
  if (first === undefined) throw new KubectlError('error: You must provide one or more resources by argument or filename.');
  const names = first.includes('/') ? [first, ...rest] : rest.map((n) => `${first}/${n}`);
  if (names.length === 0) throw new KubectlError('error: resource(s) were provided, but no name was specified');
  let code = 0;
  for (const word of names) {
    const [kind, name] = word.split('/', 2) as [string, string];
    if (!['pod', 'pods', 'po'].includes(kind.toLowerCase())) {
      throw new KubectlError(`error: runbook lab: the kubectl stand-in deletes pods (and the lab's manifests with -f), not "${kind}"`);
    }
    const pod = c.pods.find((x) => x.name === name && x.namespace === namespaceOf(p));
    const story = workloadOfPod(name);
    const own = runWorkload(name);
    if (!pod) {
      io.err(`Error from server (NotFound): pods "${name}" not found\n`);
      code = 1;
    } else if (!pod.run && own) {
      // The story's own pod (test-pod): undeployed, so that `kubectl run` deploys it again.
      await setDeployed(own.id, false);
      io.out(`pod "${name}" deleted\n`);
    } else if (!pod.run) {
      io.err(`error: runbook lab: pod "${name}" is part of the lab (its deployment would start it again); delete its manifest with: kubectl delete -f ${story?.manifest ?? 'MANIFEST'}\n`);
      code = 1;
    } else {
      await deleteRunPod(name);
      io.out(`pod "${name}" deleted\n`);
    }
  }
  return code;
}

// `kubectl apply|create|delete -f FILE|URL`: the lab's own manifests (story.ts) deploy or undeploy their workload;
// kubectl prints one line per object, in the manifest's order.
async function manifests(c: Cluster, files: string[], verb: 'apply' | 'create' | 'delete', io: Io): Promise<number> {
  let code = 0;
  for (const file of files) {
    let w: Workload | null;
    try {
      w = workloadOfFile(file);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      io.err(missing ? `error: the path "${file}" does not exist\n` : `error: error parsing ${file}: ${(e as Error).message}\n`);
      code = 1;
      continue;
    }
    if (!w) {
      const known = WORKLOADS.filter((x) => x.manifest).map((x) => `${x.manifest} (${x.objects.map((o) => `${o.kind.toLowerCase()} ${o.name}`).join(', ')})`);
      io.err(`error: runbook lab: the kubectl stand-in ${verb === 'delete' ? 'deletes' : 'applies'} the lab's own manifests, ${known.join(' and ')}, not ${file}\n`);
      code = 1;
      continue;
    }
    const deployed = deployedAt(c.state, w.id) !== null;
    if (verb === 'delete' ? !deployed : verb === 'create' && deployed) {
      for (const o of w.objects) {
        const kind = o.resource.replace(/^[a-z]+/, '$&s'); // deployment.apps → deployments.apps
        io.err(`Error from server (${verb === 'delete' ? 'NotFound' : 'AlreadyExists'}): error when ${verb === 'delete' ? 'deleting' : 'creating'} "${file}": ${kind} "${o.name}" ${verb === 'delete' ? 'not found' : 'already exists'}\n`);
      }
      code = 1;
      continue;
    }
    if (verb === 'delete' || !deployed) await setDeployed(w.id, verb !== 'delete');
    for (const o of w.objects) {
      io.out(verb === 'delete' ? `${o.resource} "${o.name}" deleted\n` : `${o.resource}/${o.name} ${deployed ? 'unchanged' : 'created'}\n`);
    }
  }
  return code;
}

function version(p: ParsedArgs, io: Io): number {
  io.out(`Client Version: ${K3S_VERSION}\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n`);
  if (!flagOn(p, 'client')) io.out(`Server Version: ${K3S_VERSION}\n`);
  return 0;
}

function clusterInfo(io: Io): number {
  io.out(
    'Kubernetes control plane is running at https://127.0.0.1:6443\n' +
      'CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n' +
      "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
  return 0;
}

/** `kubectl ARGS` as the lab answers it; returns the exit status. */
export async function kubectl(args: string[], io: Io, now = Date.now()): Promise<number> {
  // The command is the first word that is not a global flag (or its value).
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) break;
    const spec = GLOBAL.find((g) => a === `--${g.long}` || a === `-${g.short}`);
    if (spec?.value && !a.includes('=')) i++;
  }
  const name = args[i];
  if (name === undefined || name === 'help' || args.includes('--help') || args.includes('-h')) {
    io.out('kubectl: the runbook lab stand-in (see its header: type kubectl).\nCommands: get, describe, exec, run, logs, delete, apply, create, wait, rollout status, version, cluster-info\n');
    return 0;
  }
  const specs = COMMANDS[name];
  if (!specs) {
    if (REAL_COMMANDS.includes(name)) {
      io.err(`error: runbook lab: the kubectl stand-in has no "${name}": the lab's control plane is simulated and answers get, describe, exec, run, logs, delete, wait, rollout status, and apply or create of its own manifests\n`);
      return 1;
    }
    io.err(`error: unknown command "${name}" for "kubectl"\n\nDid you mean this?\n\tget\n`);
    return 1;
  }
  let p: ParsedArgs;
  try {
    p = parseFlags([...args.slice(0, i), ...args.slice(i + 1)], [...GLOBAL, ...specs]);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    io.err(`error: ${e.message}\nSee 'kubectl ${name} --help' for usage.\n`);
    return 1;
  }
  if (name === 'version' && flagOn(p, 'client')) return version(p, io);
  const state = readState();
  if (!state) {
    io.err(`${DOWN}\n`);
    return 1;
  }
  const c = buildCluster(state);
  try {
    switch (name) {
      case 'get':
        if (flagOn(p, 'watch')) throw new KubectlError('error: runbook lab: the kubectl stand-in does not watch (-w)');
        return kubectlGet(c, p, io, now);
      case 'describe':
        return kubectlDescribe(c, p.positional, namespaceOf(p), io);
      case 'wait':
        return await kubectlWait(c, p, namespaceOf(p), io);
      case 'rollout':
        return kubectlRolloutStatus(c, p, namespaceOf(p), io);
      case 'exec':
        return await exec(c, p, io);
      case 'run':
        return await run(c, p, io);
      case 'logs':
        return await logs(c, p, io);
      case 'delete':
        return await del(c, p, io);
      case 'apply':
      case 'create': {
        const files = flagValues(p, 'filename');
        if (files.length === 0) throw new KubectlError(`error: must specify one of -f and -k`);
        return await manifests(c, files, name, io);
      }
      case 'version':
        return version(p, io);
      default:
        return clusterInfo(io);
    }
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    io.err(`${e.message}\n`);
    return e.code;
  }
}
