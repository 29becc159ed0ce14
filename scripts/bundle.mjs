#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ (the `runbook` bin). Startup time is a
// budget (PRODUCT.md §8): Node's ESM loader pays per file, and one bundle
// with a chunk per lazily loaded command starts ~40% faster than the ~150
// files tsc emits. `tsc` still type-checks and emits dist/ for the tests.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry hashes: start clean so old ones do not pile up.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
  define: { __RUNBOOK_VERSION__: JSON.stringify(version) },
  // Some dependencies still call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __rbCreateRequire } from 'node:module'; const require = __rbCreateRequire(import.meta.url);" },
});
