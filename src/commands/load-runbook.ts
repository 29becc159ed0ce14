// Reading stage shared by every command: file → config → steps → targets.
// Anything wrong here is bad input (exit 2), found before anything runs.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config, TargetSpec } from '../config/schema.js';
import { InputError, InputErrors, type Warning } from '../errors.js';
import { registerSecrets } from '../redaction.js';
import { parseRunbook } from '../markdown/parse-runbook.js';
import type { Runbook } from '../markdown/types.js';
import { resolveTargets } from '../plan/resolve-targets.js';
import { unboundValues } from '../plan/unbound-values.js';
import { validateSteps } from '../plan/validate-steps.js';
import { resolveClasses } from '../match/volatile-classes.js';

export interface LoadedRunbook {
  runbook: Runbook;
  config: Config;
  targets: Record<string, TargetSpec>;
  /** Unknown targets and other problems that make the runbook unrunnable. */
  errors: InputError[];
  /** What would otherwise pass in silence: printed before the run, at its place (`check` fails on some). */
  warnings: Warning[];
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

// update rewrites the file byte for byte: text that does not round-trip (invalid
// UTF-8) or cannot reach a shell (a NUL byte) is refused before anything runs.
function decodeRunbook(bytes: Buffer, file: string): string {
  const text = bytes.toString('utf8');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('the file is not valid UTF-8', `${file}:${lineAt(text, text.indexOf('\uFFFD'))}`, 'save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new InputError('the file contains a NUL byte', `${file}:${lineAt(text, nul)}`, 'remove it: no shell can run a command that holds one');
  return text;
}

/** Reads and parses one runbook; throws InputError when it cannot be read or parsed. */
export async function loadRunbook(path: string, configFile?: string): Promise<LoadedRunbook> {
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    // A FIFO or a device (/dev/zero) would block or never end: only regular files are runbooks.
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory()) {
      throw new InputError('cannot read runbook: not a regular file', file, 'name a markdown file');
    }
    source = decodeRunbook(readFileSync(path), file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new InputError(`cannot read runbook: ${why}`, file, err.code === 'EISDIR' ? 'use `runbook check DIR` to run every runbook in a folder' : 'check the path');
  }
  const config = await loadConfig(file, source, configFile);
  // A `volatile:` key naming no class is said at its config line, before any step is looked at.
  resolveClasses(config);
  registerSecrets(config.redact);
  const runbook = parseRunbook(file, source, config);
  const { targets, errors } = resolveTargets(runbook, config);
  const checked = validateSteps(runbook, config);
  return { runbook, config, targets, errors: [...errors, ...checked.errors], warnings: [...runbook.warnings, ...checked.warnings, ...unboundValues(runbook, config)] };
}

/** Throws all of a runbook's problems at once, so a person fixes them in one go. */
export function assertRunnable(loaded: LoadedRunbook): void {
  if (loaded.errors.length === 1) throw loaded.errors[0]!;
  if (loaded.errors.length > 1) throw new InputErrors(loaded.errors);
}

/** Warnings go to stderr before anything runs, each at its place with the fix. */
export function printWarnings(warnings: Warning[]): void {
  for (const w of warnings) process.stderr.write(`runbook: warning: ${w.format()}\n`);
}
