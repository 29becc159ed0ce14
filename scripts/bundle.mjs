#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ (the `runbook` bin). Startup time is a
// budget (PRODUCT.md §8): Node's ESM loader pays per file, and one bundle
// with a chunk per lazily loaded command starts ~40% faster than the ~150
// files tsc emits. `tsc` still type-checks and emits dist/ for the tests.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Node's builtins through require() rather than ESM import: an ESM import of a builtin builds a
// namespace of all its exports (node:crypto's touches its lazy getters), 2–3 ms a run in all. The
// statements esbuild writes are rewritten in place, on their own line, so the source maps hold;
// a chunk that never calls require() loses the banner's createRequire (~0.15 ms a chunk).
const BANNER = "import { createRequire as __rbCreateRequire } from 'node:module'; const require = __rbCreateRequire(import.meta.url);";
// `{a as b,default as c}` from id: `const{a:b}=require(id),c=require(id);` (a builtin's default export is the module).
function required(list, id) {
  const names = list.split(',').map((n) => n.trim()).filter(Boolean);
  const whole = names.filter((n) => n.startsWith('default as ')).map((n) => `${n.slice('default as '.length)}=require("${id}")`);
  const parts = names.filter((n) => !n.startsWith('default as ')).map((n) => n.replace(/^(\S+) as (\S+)$/, '$1:$2'));
  return `const ${[...(parts.length > 0 ? [`{${parts.join(',')}}=require("${id}")`] : []), ...whole].join(',')};`;
}
for (const name of readdirSync('dist/bundle')) {
  if (!name.endsWith('.mjs')) continue;
  const path = `dist/bundle/${name}`;
  let text = readFileSync(path, 'utf8')
    .replace(/import\{([^}]*)\}from"(node:[^"]+)";/g, (_, list, id) => required(list, id))
    .replace(/import ([\w$]+) from"(node:[^"]+)";/g, (_, local, id) => `const ${local}=require("${id}");`)
    .replace(/import\*as ([\w$]+) from"(node:[^"]+)";/g, (_, local, id) => `const ${local}=require("${id}");`);
  if (/from\s*["']node:(?!module')/.test(text)) throw new Error(`${path}: an import of a builtin was left as ESM`);
  if (!/\brequire\b/.test(text.replace(BANNER, ''))) text = text.replace(BANNER, '');
  writeFileSync(path, text);
}
