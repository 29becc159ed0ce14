// Finds and validates a runbook's config: frontmatter `runbook:` wins over the
// nearest runbook.config.yaml (or the file named by --config). Every problem
// becomes an InputError naming file:line and the fix.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, InputErrors } from '../errors.js';
import {
  configSchema,
  DEFAULT_IGNORE_OUTPUT,
  DEFAULT_OUTPUT_CAP,
  DEFAULT_TIMEOUT_MS,
  type Config,
  type ParsedConfig,
} from './schema.js';

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

interface Layer {
  file: string;
  value: ParsedConfig;
}

/** Validates one YAML text; `lineOffset` shifts line numbers for frontmatter; `key` selects a sub-map. */
function parseLayer(file: string, text: string, lineOffset: number, key: string | null): Layer | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? lineOffset : lineCounter.linePos(offset).line + lineOffset - 1;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new InputError(`invalid YAML: ${e.message.split('\n')[0]}`, `${file}:${lineOf(e.pos[0])}`, 'fix the YAML syntax at that line');
  }
  let data: unknown;
  try {
    // An alias bomb (aliases of aliases) would expand to gigabytes: the yaml library stops it, we name it.
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new InputError(`invalid YAML: ${(e as Error).message}`, `${file}:${lineOffset}`, 'use fewer YAML aliases (*name), or write the values out');
  }
  let base: (string | number)[] = [];
  if (key !== null) {
    if (data === null || typeof data !== 'object' || !(key in (data as object))) return null;
    data = (data as Record<string, unknown>)[key];
    base = [key];
    if (data === null) return { file, value: configSchema.parse({}) };
  }
  const result = configSchema.safeParse(data ?? {});
  if (result.success) return { file, value: result.data };
  const errors = result.error.issues.map((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const line = lineOf(nodeOffset(doc, path));
    const at = path.length > 0 ? `${path.join('.')}: ` : '';
    return new InputError(`config ${at}${describeIssue(issue)}`, `${file}:${line}`, fixFor(path, issue));
  });
  throw errors.length === 1 ? errors[0]! : new InputErrors(errors);
}

// The deepest node along `path` that exists, so a missing key still points near it.
function nodeOffset(doc: Document, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
    // A key whose value is null or scalar: find the pair's key node.
    const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents;
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === path[n - 1]);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return range[0];
    }
  }
  return undefined;
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return issue.message;
}

function fixFor(path: (string | number)[], issue: { code: string }): string {
  const where = path.filter((p) => p !== 'runbook');
  if (where[0] === 'targets') {
    return 'a target is `local` or one of {ssh: user@host}, {multipass: NAME}, {kubectl: POD, namespace: NS}, {docker: NAME}, {podman: NAME}, {netns: NAME}, {command: [prog, args…]}, each with optional via: TARGET';
  }
  if (issue.code === 'unrecognized_keys') {
    return 'known keys: default, targets, prompts, comments, timeout, volatile, normalize, literal, redact, ignore-output, output-cap, languages';
  }
  return 'see the config section of the README';
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
  for (const { file, value } of layers) {
    if (value.default !== undefined) merged.default = value.default;
    Object.assign(merged.targets, value.targets);
    if (value.prompts) merged.prompts = value.prompts.map((p) => compileRegex(p, file, `prompt pattern '${p}'`));
    if (value.comments !== undefined) merged.comments = compileRegex(value.comments, file, `comments pattern '${value.comments}'`);
    if (value.timeout !== undefined) merged.timeoutMs = value.timeout;
    Object.assign(merged.volatile, value.volatile ?? {});
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

/** The config for one runbook: config file (found or named), then its frontmatter. */
export function loadConfig(runbookPath: string, source: string, configFile?: string): Config {
  const layers: Layer[] = [];
  const file = configFile ?? findConfigFile(runbookPath);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read config: ${(e as Error).message}`, file, 'check the path given to --config');
    }
    const layer = parseLayer(file, text, 1, null);
    if (layer) layers.push(layer);
  }
  const fm = extractFrontmatter(source);
  if (!fm && /^\uFEFF?---[ \t]*\r?\n/.test(source)) {
    throw new InputError('frontmatter opened with --- is never closed', `${runbookPath}:1`, 'end the frontmatter with a line that is only ---');
  }
  if (fm) {
    const layer = parseLayer(runbookPath, fm.yaml, fm.firstLine, 'runbook');
    if (layer) layers.push(layer);
  }
  return mergeConfig(layers);
}
