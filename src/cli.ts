#!/usr/bin/env node
// Entry point. `--version` is answered before anything else is loaded, since
// startup time is a budget. Every other command starts the program: in the
// bundle, from its one script compiled with a code cache (cli/load-bundle.ts);
// in the tsc build, through a plain import.
import { readFileSync } from 'node:fs';

declare const __RUNBOOK_VERSION__: string | undefined;
declare const __RUNBOOK_BUNDLE__: boolean | undefined;

// The bundle has the version built in; the tsc build reads it from package.json.
function runnerVersionFast(): string {
  if (typeof __RUNBOOK_VERSION__ === 'string') return __RUNBOOK_VERSION__;
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

// No top-level await: the bundle's bin is CommonJS (Node's ESM loader costs a short run ~4 ms).
async function run(argv: string[]): Promise<void> {
  const { start } = typeof __RUNBOOK_BUNDLE__ === 'boolean' ? (await import('./cli/load-bundle.js')).loadBundle(import.meta.url) : await import('./start.js');
  process.exitCode = await start(argv);
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${runnerVersionFast()}\n`);
} else {
  void run(argv);
}
