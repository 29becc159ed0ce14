#!/usr/bin/env node
// Entry point. `--version` is answered before anything else is loaded, since
// startup time is a budget; every other command loads the program lazily.
import { readFileSync } from 'node:fs';

declare const __RUNBOOK_VERSION__: string | undefined;

// The bundle has the version built in; the tsc build reads it from package.json.
function runnerVersionFast(): string {
  if (typeof __RUNBOOK_VERSION__ === 'string') return __RUNBOOK_VERSION__;
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${runnerVersionFast()}\n`);
} else if (argv[0] === 'lab' && (argv[1] === 'kubectl' || argv[1] === 'multipass')) {
  // The lab's stand-ins (/run/runbook-lab/bin/kubectl runs `runbook lab kubectl …`) start many
  // times per runbook: straight to their code, without the command-line program or redaction.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const { runStandIn } = await import('./lab/control-plane/index.js');
  process.exitCode = await runStandIn(argv[1], argv.slice(2));
} else {
  // A reader that goes away (`runbook run … | head`) or a full disk (`>/dev/full`) must not
  // kill the run before its teardown: what cannot be written is dropped, the run goes on.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  // Every byte the tool prints passes the redaction of `redact:` values.
  const { redactStream } = await import('./redaction.js');
  redactStream(process.stdout);
  redactStream(process.stderr);
  const { main } = await import('./cli/program.js');
  process.exitCode = await main(argv);
}
