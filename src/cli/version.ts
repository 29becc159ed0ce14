// The runner version, recorded in snapshots and shown by --version.
import { readFileSync } from 'node:fs';

/** The version from package.json. */
export function runnerVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
