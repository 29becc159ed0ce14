// What a cheat sheet written for a real cluster asks of it that cannot exist
// on one machine, and so is skipped (with the reason) under `--lab` instead of
// failing: containerd's own tools, kubelet's and k3s' folders on the node, a
// manifest or installer fetched from the internet (the lab has no route out,
// and `lab up` builds its objects itself; the cheat sheet's own manifests,
// which the lab has, are the exception), a VM launched, and a tcpdump that
// waits for traffic another terminal sends. The rules read the command's
// words (quotes removed), one simple command at a time, so `echo ctr` or a
// grep for `/var/lib/kubelet` in a file name given in quotes is read as bash
// reads it, not as text.
import type { Step } from '../../markdown/types.js';
import { simpleCommands } from '../../sessions/shell-words.js';
import { isLabManifestUrl, kubectlManifests } from './story.js';

const CONTAINERD = new Set(['ctr', 'crictl', 'nerdctl']);
const NODE_FOLDERS = /^\/var\/lib\/(?:kubelet|rancher)\//;
const URL = /^https?:\/\//;
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh']);

// The command a line runs, past `sudo [opts]`, `env`, `VAR=value` and `timeout N` (which makes a wait end).
function unwrap(words: string[]): { words: string[]; bounded: boolean } {
  let w = words;
  let bounded = false;
  for (;;) {
    if (w[0] === 'sudo') {
      w = w.slice(1);
      while (w[0]?.startsWith('-')) w = ['-u', '-g', '-C', '-h', '-p', '-r', '-t', '-U'].includes(w[0]) ? w.slice(2) : w.slice(1);
    } else if (w[0] === 'env' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0] ?? '')) w = w.slice(1);
    else if (w[0] === 'timeout') {
      bounded = true;
      w = w.slice(1);
      while (w[0]?.startsWith('-')) w = w.slice(['-s', '--signal', '-k', '--kill-after'].includes(w[0]) ? 2 : 1);
      w = w.slice(1);
    } else return { words: w, bounded };
  }
}

// `kubectl [global flags] apply|create|replace|delete … -f URL`: a manifest from the internet.
function kubectlFromUrl(w: string[]): string | null {
  const m = kubectlManifests(w);
  // The cheat sheet's own manifests are the lab's (story.ts): those apply on the lab, from its copy.
  return m?.files.some((u) => URL.test(u) && !isLabManifestUrl(u))
    ? `kubectl ${m.verb} -f fetches its manifest from the internet, which the lab cannot reach (\`runbook lab up\` builds the lab's objects itself)`
    : null;
}

// A tcpdump that ends on its own: a packet count, a capture file to read, or something other than capturing.
function tcpdumpEnds(w: string[]): boolean {
  return w.some((a, i) => i > 0 && (/^-[A-Za-z]*[crD]/.test(a) && !a.startsWith('--') || /^--(?:count|version|help|list-interfaces)/.test(a) || a === '-h'));
}

/** Why this step cannot run on the lab (skipped under `--lab`), or null when it can. */
export function labCannotRun(step: Step): string | null {
  if (step.kind === 'file') return null;
  const commands = simpleCommands(step.command);
  for (const [i, c] of commands.entries()) {
    const { words: w, bounded } = unwrap(c.words);
    const tool = (w[0] ?? '').split('/').pop()!;
    if (CONTAINERD.has(tool)) return `${tool} talks to containerd, and the lab's nodes run no containers (they are network namespaces on one machine)`;
    // A path a command reads or lists (what echo or printf says of it is only text).
    const folder = tool === 'echo' || tool === 'printf' ? undefined : w.find((a) => NODE_FOLDERS.test(a));
    if (folder) return `${folder.split('/').slice(0, 4).join('/')}/ holds a real node's kubelet and k3s files; the lab's nodes share this machine's file system and have none`;
    const fromUrl = kubectlFromUrl(w);
    if (fromUrl) return fromUrl;
    if (tool === 'multipass' && w[1] === 'launch') return 'multipass launch starts a VM; the lab\'s VMs are network namespaces that `runbook lab up` builds';
    const next = commands[i + 1];
    if ((tool === 'curl' || tool === 'wget') && w.some((a) => URL.test(a)) && next?.pipedFrom && SHELLS.has(unwrap(next.words).words[0]?.split('/').pop() ?? '')) {
      return 'an installer fetched from the internet and piped to a shell: the lab cannot reach the internet, and `runbook lab up` builds the cluster itself';
    }
    if (tool === 'tcpdump' && !bounded && !step.annotations.stopAfterMs && !step.annotations.timeoutMs && !tcpdumpEnds(w)) {
      return 'tcpdump without -c waits for traffic that another terminal sends; give it -c N or a stop-after= annotation to run it';
    }
  }
  return null;
}
