// One layer of config (a runbook.config.yaml, or a runbook's frontmatter):
// YAML parsed with line numbers, validated by the schema, every problem an
// InputError at its file:line with the fix. Loaded only when there is config.
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, InputErrors } from '../errors.js';
import { configSchema, type ParsedConfig } from './schema.js';

export interface Layer {
  file: string;
  value: ParsedConfig;
  /** The line of each `volatile:` key, for the errors found once all layers are merged. */
  volatileLines?: Record<string, number>;
}

/** Validates one YAML text; `lineOffset` shifts line numbers for frontmatter; `key` selects a sub-map. */
export function parseLayer(file: string, text: string, lineOffset: number, key: string | null): Layer | null {
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
  if (result.success) {
    const volatileLines = Object.fromEntries(Object.keys(result.data.volatile ?? {}).map((k) => [k, lineOf(nodeOffset(doc, [...base, 'volatile', k]))]));
    return { file, value: result.data, volatileLines };
  }
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

