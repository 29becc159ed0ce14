#!/usr/bin/env node
// Entry point. `--version` is answered before anything else is loaded, since
// startup time is a budget; every other command loads the program lazily.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  // A reader that goes away (`runbook run … | head`) must not kill the run before its teardown.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  const { main } = await import('./cli/program.js');
  process.exitCode = await main(argv);
}
