// The bundle starts its program from V8 code caches the build wrote (src/cli/load-bundle.ts):
// a cache is an optimisation that must never change what runs. A copy of the bundle is edited
// the way a rebuild or a patch edits it, and the CLI's output shows which code ran.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// A copy of the built bundle and a runbook with one passing step, in a fresh folder.
// `node(bin, args)` runs one of its bins there; `run(args)` runs cli.cjs and returns its stdout (exit 0 expected).
function copy() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  dirs.push(dir);
  const bundle = join(dir, 'bundle');
  cpSync(join(root, 'dist/bundle'), bundle, { recursive: true });
  writeFileSync(join(dir, 'rb.md'), '```console\n$ echo hi\nhi\n```\n');
  const node = (bin: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync('node', [join(bundle, bin), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const run = (...args: string[]): string => {
    const r = node('cli.cjs', args);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  return { bundle, node, run };
}

describe('the code caches of the bundle', () => {
  it('are written by the build for the program and the libraries a run loads', () => {
    for (const name of ['runbook.cjs', 'vendor-zod.cjs', 'vendor-yaml.cjs', 'vendor-html.cjs']) {
      expect(existsSync(join(root, 'dist/bundle', `${name}.cache`)), name).toBe(true);
    }
  });

  it('never serve code that was edited after the build, even at the same length', () => {
    const { bundle, run } = copy();
    expect(run('run', '--reporter', 'plain', 'rb.md')).toContain('1 passed, 0 failed');
    // Same length: V8 alone would take the old cache for this text (it checks the length).
    const file = join(bundle, 'runbook.cjs');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('} passed, ${', '} PASSED, ${');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    expect(run('run', '--reporter', 'plain', 'rb.md')).toContain('1 PASSED, 0 failed');
  });

  it('are not needed: a bundle without them, or with broken ones, runs the same', () => {
    const { bundle, run } = copy();
    writeFileSync(join(bundle, '..', 'runbook.config.yaml'), 'targets:\n  here: local\ndefault: here\n');
    const expected = run('run', '--reporter', 'plain', 'rb.md');
    writeFileSync(join(bundle, 'runbook.cjs.cache'), 'not a cache');
    // Headed by the right script but not V8's: V8 refuses it.
    const yaml = join(bundle, 'vendor-yaml.cjs');
    writeFileSync(`${yaml}.cache`, Buffer.concat([readFileSync(yaml), Buffer.alloc(4096, 7)]));
    expect(run('run', '--reporter', 'plain', 'rb.md')).toBe(expected);
    for (const name of ['runbook.cjs', 'vendor-yaml.cjs', 'vendor-zod.cjs']) rmSync(join(bundle, `${name}.cache`));
    expect(run('run', '--reporter', 'plain', 'rb.md')).toBe(expected);
  });

  it('leave cli.mjs, the bin\'s first name, running the same program as the bin', () => {
    const { node, run } = copy();
    const viaMjs = node('cli.mjs', ['run', '--reporter', 'plain', 'rb.md']).stdout;
    expect(viaMjs).toBe(run('run', '--reporter', 'plain', 'rb.md'));
    expect(viaMjs).toContain('1 passed, 0 failed');
  });

  it('written on request where they cannot be: the run keeps its exit code and says which cache', () => {
    const { bundle, node } = copy();
    rmSync(join(bundle, 'runbook.cjs.cache'));
    mkdirSync(join(bundle, 'runbook.cjs.cache'));
    const r = node('cli.cjs', ['run', '--reporter', 'plain', 'rb.md'], { RUNBOOK_WRITE_CODE_CACHE: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 passed, 0 failed');
    expect(r.stderr).toContain(`could not write the code cache ${join(bundle, 'runbook.cjs.cache')}`);
  });
});
