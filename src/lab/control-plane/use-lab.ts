// `runbook run|update|check|plan --lab`: run a cheat sheet written for the
// real cluster against the embedded lab, with its targets as they are. The
// lab's stand-ins go first on PATH for every shell runbook starts, so
// `multipass exec vm1 -- …` (a `{ multipass: vm1 }` target), `kubectl exec
// -i test-pod -- …` (a `{ kubectl: test-pod }` target, also through
// `via: vm1`) and the `multipass`, `kubectl` and `sudo` typed in the
// transcripts — on the host or in a VM, whose shells inherit the PATH — all
// reach the lab. The lab must be up: `--lab` never builds or tears it down,
// since that would end whatever else uses it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { LAB_BIN_DIR, readState } from './state.js';

/** Puts the stand-ins first on this process's PATH (its shells inherit it); bad input when the lab is not up. */
export function useLab(): string {
  const state = readState();
  if (!state || !existsSync(join(LAB_BIN_DIR, 'kubectl'))) {
    throw new InputError(
      `--lab: the lab is not up (no control plane in ${LAB_BIN_DIR})`,
      undefined,
      'bring it up first, as root: runbook lab up [--variant a|b]; bring it down after with: runbook lab down',
    );
  }
  const path = (process.env.PATH ?? '').split(':').filter((d) => d !== '' && d !== LAB_BIN_DIR);
  process.env.PATH = [LAB_BIN_DIR, ...path].join(':');
  return state.variant;
}
