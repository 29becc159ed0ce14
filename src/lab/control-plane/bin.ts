// The stand-ins `lab up` installs in /run/runbook-lab/bin: two-line shell
// wrappers around `runbook lab kubectl|multipass …` (the logic is TypeScript,
// in this folder), plus a `sudo` for machines that lack one. Each script says
// in its header what it stands in for and why, since whoever finds it on PATH
// (`type kubectl`) deserves to know it is not the real tool.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from '../../sessions/quote.js';
import { LAB_BIN_DIR } from './state.js';

const HEADERS: Record<'kubectl' | 'multipass', string[]> = {
  kubectl: [
    'STAND-IN for kubectl, installed by `runbook lab up`, removed by `runbook lab down`.',
    "runbook's embedded lab builds a k3s cluster's networking from network namespaces,",
    'but runs no Kubernetes API server: its control plane is simulated. This answers',
    "the cheat sheet's kubectl commands (get, describe, exec, run, logs, delete, apply, wait) in",
    "kubectl's own formats, from the lab's state: the variant's topology, the pods that",
    '`kubectl run` added, and the namespaces and processes that exist right now.',
    '`kubectl exec POD -- CMD` really runs CMD in the pod: in its network namespace rbl-POD.',
    'See docs/lab.md, "The control plane".',
  ],
  multipass: [
    'STAND-IN for multipass (Canonical\'s VM manager), installed by `runbook lab up`,',
    'removed by `runbook lab down`. The lab\'s "VMs" vm1..vm3 are network namespaces',
    '(rbl-vm1..rbl-vm3) on this machine, not virtual machines. This answers',
    '`multipass list|info|exec|shell` in multipass\'s own formats, from the lab:',
    'addresses are read live from each namespace, and `exec`/`shell` run there.',
    'See docs/lab.md, "The control plane".',
  ],
};

const SUDO = [
  '#!/bin/sh',
  '# STAND-IN for sudo, installed by `runbook lab up`, removed by `runbook lab down`.',
  "# The lab needs root, so whoever runs its commands is root already: the cheat sheet's",
  '# `sudo CMD` runs CMD as it is, and keeps PATH (a real sudo\'s secure_path would drop',
  '# this folder, and `sudo kubectl` would miss the kubectl stand-in). Options that',
  '# change nothing for root are accepted; another user (-u NAME) is refused.',
  'shell=',
  'while [ $# -gt 0 ]; do',
  '  case $1 in',
  '    -u|-g) case $2 in root|0|\\#0) shift 2 ;; *) echo "sudo (runbook lab stand-in): only root is supported, not $1 $2" >&2; exit 1 ;; esac ;;',
  '    -i|-s|--login|--shell) shell=1; shift ;;',
  '    --) shift; break ;;',
  '    -*) shift ;;',
  '    *) break ;;',
  '  esac',
  'done',
  'if [ $# -eq 0 ]; then',
  '  if [ -n "$shell" ]; then exec "${SHELL:-/bin/bash}"; fi',
  '  echo "usage: sudo [-u root] command [args...] (runbook lab stand-in)" >&2; exit 1',
  'fi',
  'exec env -- "$@"',
  '',
].join('\n');

/** The wrapper script of one stand-in. */
export function standInScript(tool: 'kubectl' | 'multipass', node: string, cli: string): string {
  return ['#!/bin/sh', ...HEADERS[tool].map((l) => `# ${l}`), `exec ${shellQuote(node)} ${shellQuote(cli)} lab ${tool} "$@"`, ''].join('\n');
}

/** Writes the stand-ins into LAB_BIN_DIR (mode 0755). */
export function installStandIns(node: string, cli: string): void {
  mkdirSync(LAB_BIN_DIR, { recursive: true });
  const files: Record<string, string> = {
    kubectl: standInScript('kubectl', node, cli),
    multipass: standInScript('multipass', node, cli),
    sudo: SUDO,
  };
  for (const [name, text] of Object.entries(files)) {
    const path = join(LAB_BIN_DIR, name);
    writeFileSync(path, text);
    chmodSync(path, 0o755);
  }
}
