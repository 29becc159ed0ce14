// vitest globalSetup: the CLI tests run the built bundle, as users do. A bundle
// older than any source file would test yesterday's code: build it first.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const bundle = join(root, 'dist', 'bundle', 'cli.cjs');
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  process.stderr.write('build-first: the bundle is older than src/, building it (tsc + bundle)\n');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync('node', ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
}
