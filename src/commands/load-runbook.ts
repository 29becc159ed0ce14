// Reading stage shared by every command: file → config → steps → targets.
// Anything wrong here is bad input (exit 2), found before anything runs.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config, TargetSpec } from '../config/schema.js';
import { InputError, InputErrors } from '../errors.js';
import { registerSecrets } from '../redaction.js';
import { parseRunbook } from '../markdown/parse-runbook.js';
import type { Runbook } from '../markdown/types.js';
import { resolveTargets } from '../plan/resolve-targets.js';
import { validateSteps } from '../plan/validate-steps.js';

export interface LoadedRunbook {
  runbook: Runbook;
  config: Config;
  targets: Record<string, TargetSpec>;
  /** Unknown targets and other problems that make the runbook unrunnable. */
  errors: InputError[];
}

/** Reads and parses one runbook; throws InputError when it cannot be read or parsed. */
export function loadRunbook(path: string, configFile?: string): LoadedRunbook {
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new InputError(`cannot read runbook: ${why}`, file, err.code === 'EISDIR' ? 'use `runbook check DIR` to run every runbook in a folder' : 'check the path');
  }
  const config = loadConfig(file, source, configFile);
  registerSecrets(config.redact);
  const runbook = parseRunbook(file, source, config);
  const { targets, errors } = resolveTargets(runbook, config);
  return { runbook, config, targets, errors: [...errors, ...validateSteps(runbook, config)] };
}

/** Throws all of a runbook's problems at once, so a person fixes them in one go. */
export function assertRunnable(loaded: LoadedRunbook): void {
  if (loaded.errors.length === 1) throw loaded.errors[0]!;
  if (loaded.errors.length > 1) throw new InputErrors(loaded.errors);
}
