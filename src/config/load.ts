// Finds and validates a runbook's config: frontmatter `runbook:` wins over the
// nearest runbook.config.yaml, and a file named by --config wins over the
// frontmatter (it describes the machines of this run: CI maps a cheat sheet's
// vm1 onto a container). Every problem becomes an InputError naming file:line
// and the fix.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { DEFAULT_IGNORE_OUTPUT, DEFAULT_OUTPUT_CAP, DEFAULT_TIMEOUT_MS } from './defaults.js';
import type { Layer } from './parse-layer.js';
import type { Config, ParsedConfig } from './schema.js';

export const CONFIG_FILE = 'runbook.config.yaml';

/** YAML frontmatter at the very top of a markdown file: its text and the line its body starts on. */
export function extractFrontmatter(source: string): { yaml: string; firstLine: number } | null {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(\r?\n|$)/.exec(source);
  if (!m) return null;
  return { yaml: m[1] ?? '', firstLine: 2 };
}

/** Walks up from the runbook's folder to the nearest runbook.config.yaml. */
export function findConfigFile(runbookPath: string): string | null {
  let dir = dirname(resolve(runbookPath));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function parseCap(v: ParsedConfig['output-cap']): number {
  if (v === undefined) return DEFAULT_OUTPUT_CAP;
  if (typeof v === 'number') return v;
  const m = /^(\d+)(KiB|MiB|GiB)?$/.exec(v)!;
  return Number(m[1]) * { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, '': 1 }[m[2] ?? '']!;
}

// A quantified group that itself ends in a quantifier (`(a+)+`, `(.*)*`) can take
// exponential time on a line that almost matches: such a pattern would hang the tool.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

function compileRegex(source: string, where: string, what: string): RegExp {
  if (NESTED_QUANTIFIER.test(source)) {
    throw new InputError(`${what} nests quantifiers, which can take exponential time on some lines`, where, 'remove the outer quantifier, e.g. (a+)+ → a+');
  }
  try {
    return new RegExp(source);
  } catch (e) {
    throw new InputError(`${what} is not a valid regular expression: ${(e as Error).message}`, where, 'escape special characters or fix the pattern');
  }
}

/** Merges layers (later wins, targets merged by name) and applies defaults. */
export function mergeConfig(layers: Layer[]): Config {
  const merged: Config = {
    targets: Object.create(null),
    prompts: [],
    timeoutMs: DEFAULT_TIMEOUT_MS,
    volatile: {},
    normalize: [],
    redact: [],
    ignoreOutput: [...DEFAULT_IGNORE_OUTPUT],
    outputCap: DEFAULT_OUTPUT_CAP,
    languages: { transcript: [], command: [] },
    sources: layers.map((l) => l.file),
  };
  for (const { file, value, volatileLines } of layers) {
    if (value.default !== undefined) merged.default = value.default;
    Object.assign(merged.targets, value.targets);
    if (value.prompts) merged.prompts = value.prompts.map((p) => compileRegex(p, file, `prompt pattern '${p}'`));
    if (value.comments !== undefined) merged.comments = compileRegex(value.comments, file, `comments pattern '${value.comments}'`);
    if (value.timeout !== undefined) merged.timeoutMs = value.timeout;
    Object.assign(merged.volatile, value.volatile ?? {});
    for (const [k, line] of Object.entries(volatileLines ?? {})) (merged.volatileAt ??= {})[k] = `${file}:${line}`;
    if (value.normalize) {
      for (const n of value.normalize) compileRegex(n.pattern, file, `normalize pattern '${n.pattern}'`);
      merged.normalize = value.normalize;
    }
    if (value.literal) merged.literal = value.literal;
    if (value.redact) merged.redact = [...new Set([...merged.redact, ...value.redact])];
    if (value['ignore-output']) merged.ignoreOutput.push(...value['ignore-output'].map((p) => compileRegex(p, file, `ignore-output pattern '${p}'`)));
    if (value['output-cap'] !== undefined) merged.outputCap = parseCap(value['output-cap']);
    if (value.languages?.transcript) merged.languages.transcript = value.languages.transcript.map((l) => l.toLowerCase());
    if (value.languages?.command) merged.languages.command = value.languages.command.map((l) => l.toLowerCase());
  }
  return merged;
}

/**
 * The config for one runbook, later layers winning: the nearest config file,
 * then its frontmatter; or, with `configFile` (--config), its frontmatter,
 * then that file. The YAML parser and the schema are loaded only when there
 * is config to read.
 */
export async function loadConfig(runbookPath: string, source: string, configFile?: string): Promise<Config> {
  const layers: Layer[] = [];
  const file = configFile ?? findConfigFile(runbookPath);
  // Frontmatter is other tools' too (Hugo, Jekyll, mkdocs): only a top-level `runbook:` key is ours,
  // and frontmatter without one is never parsed (a Hugo archetype's template is not YAML).
  const found = extractFrontmatter(source);
  const fm = found && /^runbook[ \t]*:/m.test(found.yaml) ? found : null;
  if (!found && /^\uFEFF?---[ \t]*\r?\n/.test(source)) {
    throw new InputError('frontmatter opened with --- is never closed', `${runbookPath}:1`, 'end the frontmatter with a line that is only ---');
  }
  if (!file && !fm) return mergeConfig([]);
  const { parseLayer } = await import('./parse-layer.js');
  let fileLayer: Layer | null = null;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read config: ${(e as Error).message}`, file, 'check the path given to --config');
    }
    fileLayer = parseLayer(file, text, 1, null);
  }
  const fmLayer = fm ? parseLayer(runbookPath, fm.yaml, fm.firstLine, 'runbook') : null;
  const order = configFile !== undefined ? [fmLayer, fileLayer] : [fileLayer, fmLayer];
  for (const layer of order) if (layer) layers.push(layer);
  return mergeConfig(layers);
}
