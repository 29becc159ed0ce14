#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ (the `runbook` bin). Startup time is a
// budget (PRODUCT.md §8), and what a short run pays for is loading code:
// - cli.cjs, the bin (CommonJS: Node's ESM loader costs ~4 ms): answers
//   --version alone, else starts the program (src/cli/load-bundle.ts); cli.mjs,
//   its first name, imports it;
// - runbook.cjs, the program: one CommonJS script, its modules initialised on
//   first import, compiled with a V8 code cache (Node 20's ESM loader keeps none);
// - vendor-*.cjs: the libraries a run may not need (zod, yaml, execa, the html
//   stack), loaded on first require, each with its own cache.
// The caches are written by running the bundle on a small runbook (the functions
// a run compiles are what V8 caches), each headed by a copy of its script.
// `tsc` still type-checks and emits dist/ for the tests.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = 'dist/bundle';

// The libraries left out of runbook.cjs, by the script that exports them.
const VENDORS = {
  zod: 'vendor-zod.cjs',
  yaml: 'vendor-yaml.cjs',
  execa: 'vendor-execa.cjs',
  hastscript: 'vendor-html.cjs',
  'rehype-stringify': 'vendor-html.cjs',
  'remark-parse': 'vendor-html.cjs',
  'remark-rehype': 'vendor-html.cjs',
  unified: 'vendor-html.cjs',
};
// The program's ESM `import x from 'pkg'` becomes `require('pkg')` taken whole (Node's interop):
// for these, what the vendor script exports is the package's default export.
const DEFAULT_IMPORTED = new Set(['rehype-stringify', 'remark-parse', 'remark-rehype']);

// Start clean: nothing of an earlier build (an old cache beside a new script) stays.
rmSync(out, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', minifyWhitespace: true, minifySyntax: true, sourcemap: true, logLevel: 'warning' };
// import.meta.url in CommonJS: the script's own file URL (src/lab/up.ts finds the package from it).
const cjs = {
  ...common,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { __RUNBOOK_VERSION__: JSON.stringify(version), 'import.meta.url': '__rbUrl' },
  banner: { js: 'const __rbUrl=require("node:url").pathToFileURL(__filename).href;' },
};

await build({ ...cjs, entryPoints: ['src/start.ts'], outfile: `${out}/runbook.cjs`, external: Object.keys(VENDORS) });
for (const name of new Set(Object.values(VENDORS))) {
  const ids = Object.keys(VENDORS).filter((id) => VENDORS[id] === name);
  const contents = `module.exports = {${ids.map((id) => `${JSON.stringify(id)}: require(${JSON.stringify(id)})${DEFAULT_IMPORTED.has(id) ? '.default' : ''}`).join(', ')}};`;
  await build({ ...cjs, stdin: { contents, resolveDir: '.', sourcefile: name.replace(/\.cjs$/, '.js') }, outfile: `${out}/${name}` });
}
await build({
  ...cjs,
  entryPoints: ['src/cli.ts'],
  outfile: `${out}/cli.cjs`,
  define: { ...cjs.define, __RUNBOOK_BUNDLE__: 'true', __RUNBOOK_VENDORS__: JSON.stringify(VENDORS) },
  // The tsc build's import of the program: dead code here, never bundled.
  plugins: [{ name: 'no-start', setup: (b) => b.onResolve({ filter: /^\.\/start\.js$/ }, (a) => ({ path: a.path, external: true })) }],
});
if (readFileSync(`${out}/cli.cjs`, 'utf8').includes('start.js')) throw new Error('bundle: the program was bundled into the bin');
chmodSync(`${out}/cli.cjs`, 0o755);
// The bin's first name, for scripts that still call it: Node's ESM loader, then the same program.
writeFileSync(`${out}/cli.mjs`, "#!/usr/bin/env node\n// The same program as cli.cjs (the bin), ~4 ms slower to start: Node's ESM loader.\nimport './cli.cjs';\n", { mode: 0o755 });

// The caches, from two runs of the bundle: a config, frontmatter-free runbook with a passing and a
// drifting step (the program, zod, yaml), and its html report.
const work = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
try {
  writeFileSync(join(work, 'runbook.config.yaml'), 'default: here\ntargets:\n  here: local\n');
  writeFileSync(join(work, 'rb.md'), '# cache\n\n```console\n$ echo one\none\n$ printf "%s\\n" two 3\ntwo\n4\n```\n');
  const cli = join(process.cwd(), out, 'cli.cjs');
  const env = { ...process.env, RUNBOOK_WRITE_CODE_CACHE: '1', NO_COLOR: '1' };
  for (const args of [['run', 'rb.md'], ['run', '--reporter', 'html', '--output', 'report.html', 'rb.md']]) {
    try {
      execFileSync(process.execPath, [cli, ...args], { cwd: work, env, stdio: 'pipe' });
    } catch (e) {
      // The drifting step exits 1; anything else is a broken bundle.
      if (e.status !== 1) throw new Error(`bundle: runbook ${args.join(' ')} exited ${e.status}:\n${e.stderr}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Every script the two runs load has its cache (execa's is the lab's alone; the bin is Node's to load).
const built = readdirSync(out);
for (const name of built.filter((n) => n.endsWith('.cjs') && n !== 'vendor-execa.cjs' && n !== 'cli.cjs')) {
  if (!built.includes(`${name}.cache`)) throw new Error(`bundle: no code cache was written for ${name}`);
}
