// Starts the bundle's program. It is CommonJS scripts (dist/bundle/runbook.cjs
// and, loaded on first use, vendor-*.cjs for zod, yaml, execa and the html
// stack), compiled here through node:vm with the V8 code cache the build wrote
// next to each: Node 20's ESM loader keeps no code cache, and compiling the
// program on every start cost a short run more than anything it did (§8).
// A cache starts with the script it was made from, compared byte for byte, so
// it never serves other code (V8 itself checks only the script's length; a
// hash would load node:crypto, 4 ms); one that does not fit (another Node) is
// refused by V8: the script is then compiled as it would have been anyway.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// What the build lists: each vendor package, the script that exports it.
declare const __RUNBOOK_VENDORS__: Record<string, string>;

type Program = { start(argv: string[]): Promise<number> };
type Uncached = { file: string; script: Script; bytes: Buffer };

export function loadBundle(entryUrl: string): Program {
  const dir = dirname(fileURLToPath(entryUrl));
  const nodeRequire = createRequire(entryUrl);
  const exportsOf = new Map<string, unknown>();
  // The build runs a few commands with this set to write the caches: at exit, every function a
  // run compiled is in V8's cache of its script.
  const writing = process.env.RUNBOOK_WRITE_CODE_CACHE === '1';
  const uncached: Uncached[] = [];

  // A vendor package from its script, a builtin from Node.
  const requireFor = (id: string): unknown => {
    const name = __RUNBOOK_VENDORS__[id];
    return name === undefined ? nodeRequire(id) : (load(name) as Record<string, unknown>)[id];
  };

  function load(name: string): unknown {
    const done = exportsOf.get(name);
    if (done !== undefined) return done;
    const file = join(dir, name);
    const bytes = readFileSync(file);
    let cachedData: Buffer | undefined;
    try {
      const cache = readFileSync(`${file}.cache`);
      if (cache.length > bytes.length && bytes.equals(cache.subarray(0, bytes.length))) cachedData = cache.subarray(bytes.length);
    } catch {
      // No cache: compiled from the source.
    }
    // The wrapper stays on the script's first line, so its source map's lines hold.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
    if (writing && (cachedData === undefined || script.cachedDataRejected)) uncached.push({ file, script, bytes });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFor, module, file, dir);
    exportsOf.set(name, module.exports);
    return module.exports;
  }

  if (writing) {
    process.on('exit', () => {
      for (const l of uncached) {
        try {
          writeFileSync(`${l.file}.cache`, Buffer.concat([l.bytes, l.script.createCachedData()]));
        } catch (e) {
          // A read-only install keeps compiling from source; the run's exit code stays its own.
          process.stderr.write(`runbook: could not write the code cache ${l.file}.cache: ${(e as Error).message}\n`);
        }
      }
    });
  }
  return load('runbook.cjs') as Program;
}
