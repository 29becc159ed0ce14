// The runner version, recorded in snapshots and shown by --version.
import { readFileSync } from 'node:fs';

declare const __RUNBOOK_VERSION__: string | undefined;

/** The version: built into the bundle, else read from package.json. */
export function runnerVersion(): string {
  if (typeof __RUNBOOK_VERSION__ === 'string') return __RUNBOOK_VERSION__;
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
