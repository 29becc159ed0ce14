// Child-process tests need the sources as plain JS (dist/ may be stale while
// others edit): transpile the few modules they import into a temp folder,
// keeping src/'s layout so relative imports resolve.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..', '..', 'src');

/** Transpiles src-relative modules (`update/write-atomically.ts`, …) into `outDir`; returns outDir. */
export function transpileSources(outDir: string, modules: string[]): string {
  for (const m of modules) {
    const source = readFileSync(join(root, m), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const out = join(outDir, m.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  return outDir;
}
