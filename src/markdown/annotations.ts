// Annotations are `key=value` and bare `flag` words, from `<!-- runbook: … -->`
// above a fence or after the language in its info string. A misspelt key is an
// error, not a silent no-op: a `timout=5s` that does nothing would hang a run.
import { parseDuration, VOLATILE_CLASS_NAMES } from '../config/defaults.js';
import { InputError } from '../errors.js';
import type { Annotations } from './types.js';

const FLAGS = ['skip', 'run', 'unordered', 'ordered', 'exact', 'output', 'teardown'] as const;
const DURATIONS = { timeout: 'timeoutMs', retry: 'retryMs', interval: 'intervalMs', 'stop-after': 'stopAfterMs' } as const;
const VALUES = ['on', 'exit', 'file', 'id'] as const;
const MODES = ['bind', 'any', 'off'] as const;

/** Built-in volatile value classes (PRODUCT §4); config `normalize:` adds more. */
export const VOLATILE_CLASSES: readonly string[] = VOLATILE_CLASS_NAMES;

/** Every key an annotation may use, for the "known keys" part of an error. */
export function knownAnnotationKeys(classes: string[]): string[] {
  return [...VALUES, ...FLAGS, ...Object.keys(DURATIONS), ...classes.map((c) => `${c}=bind|any|off`)];
}

/** The annotation text of `<!-- runbook: … -->`, or null for any other HTML. */
export function readAnnotationComment(html: string): string | null {
  const m = /^\s*<!--\s*runbook:([\s\S]*?)-->\s*$/.exec(html);
  return m ? m[1]!.trim() : null;
}

// Splits on whitespace, keeping `key="a b"` and `key='a b'` together.
export function tokenizeAnnotations(text: string): { key: string; value: string | null }[] {
  const tokens: { key: string; value: string | null }[] = [];
  const re = /([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S*)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const value = m[2] ?? m[3] ?? m[4] ?? null;
    tokens.push({ key: m[1]!, value });
  }
  return tokens;
}

/** True for a bare flag word (`output`, `skip`, `run`…) written where the language goes: ```` ```output ````. */
export function isAnnotationFlag(word: string): boolean {
  return (FLAGS as readonly string[]).includes(word);
}

// Edit distance with transpositions (timout → timeout, retyr → retry), stopping early past `max`.
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

// Words docs sites put in info strings that happen to be near one of our keys.
const DOCS_WORDS = new Set(['title', 'name', 'lang', 'copy', 'class', 'lines', 'linenos', 'linenums', 'caption', 'open', 'hide', 'live', 'exec']);

/** The known key an unknown word is likely a typo of, if any. */
export function likelyTypo(word: string, classes: string[]): string | undefined {
  const w = word.toLowerCase();
  if (DOCS_WORDS.has(w) || w.length < 4) return undefined;
  const keys = [...VALUES, ...FLAGS, ...Object.keys(DURATIONS), ...classes];
  const max = w.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestD = max + 1;
  for (const k of keys) {
    const dd = distance(w, k, max);
    if (dd > 0 && dd < bestD) [best, bestD] = [k, dd];
  }
  return best;
}

/** scrut's inline `{timeout: 1s, skip: true}` config, split from the other info-string words. */
export function splitInlineConfig(meta: string): { rest: string; config: [string, string][] } {
  const start = meta.indexOf('{');
  if (start < 0) return { rest: meta, config: [] };
  let depth = 0;
  let end = -1;
  for (let i = start; i < meta.length; i++) {
    if (meta[i] === '{') depth++;
    else if (meta[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0) return { rest: meta, config: [] };
  const body = meta.slice(start + 1, end);
  const config: [string, string][] = [];
  // Top-level `key: value` pairs; nested maps and quoted values are kept whole.
  let part = '';
  depth = 0;
  let quote = '';
  const flush = () => {
    const m = /^\s*([\w-]+)\s*:\s*([\s\S]*?)\s*$/.exec(part);
    if (m) config.push([m[1]!, m[2]!.replace(/^(["'])([\s\S]*)\1$/, '$2')]);
    part = '';
  };
  for (const c of body) {
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      flush();
      continue;
    }
    part += c;
  }
  flush();
  return { rest: `${meta.slice(0, start)} ${meta.slice(end + 1)}`.trim(), config };
}

// scrut's durations: `3s`, `1m 30s`, `500ms`.
function scrutDuration(v: string): number {
  const parts = v.trim().split(/\s+/);
  return parts.reduce((sum, p) => sum + parseDuration(p), 0);
}

/** Applies scrut's inline config keys that mean an annotation; returns the keys that mean nothing here. */
export function applyInlineConfig(config: [string, string][], where: string, into: Annotations): string[] {
  const ignored: string[] = [];
  for (const [key, value] of config) {
    const bad = (fix: string) => new InputError(`inline config ${key}: ${value} is not valid`, where, fix);
    if (key === 'timeout') {
      try {
        into.timeoutMs = scrutDuration(value);
      } catch {
        throw bad('write a duration such as 3s or 1m 30s');
      }
      if (into.timeoutMs === 0) throw bad('write a duration longer than zero');
    } else if (key === 'skip') {
      if (value !== 'true' && value !== 'false') throw bad('write skip: true or skip: false');
      into.skip = value === 'true';
    } else if (key === 'exit' || key === 'expected_exit' || key === 'expected-exit' || key === 'exit_code') {
      if (!/^\d{1,3}$/.test(value) || Number(value) > 255) throw bad('write an exit status from 0 to 255');
      into.exit = Number(value);
    } else ignored.push(`${key}: ${value}`);
  }
  return ignored;
}

/**
 * Parses annotation words into `into`; `where` is file:line for errors. With
 * `ignored` (info strings, shared with docs sites) an unknown word is
 * collected there instead of being an error — unless it is a likely typo of
 * one of our keys, which is an error with "did you mean".
 */
export function parseAnnotations(text: string, where: string, classes: string[], into: Annotations = {}, ignored?: string[]): Annotations {
  const known = () => `known keys: ${knownAnnotationKeys(classes).join(', ')}`;
  for (const { key, value } of tokenizeAnnotations(text)) {
    const bad = (what: string, fix: string) => new InputError(`annotation ${key}${value === null ? '' : `=${value}`}: ${what}`, where, fix);
    if ((FLAGS as readonly string[]).includes(key)) {
      if (value !== null && !['true', 'false'].includes(value)) throw bad('is a flag and takes no value', `write just \`${key}\``);
      into[key as (typeof FLAGS)[number]] = value !== 'false';
    } else if (key in DURATIONS) {
      if (!value) throw bad('needs a duration', `write e.g. \`${key}=30s\` (units ms, s, m, h)`);
      let ms: number;
      try {
        ms = parseDuration(value);
      } catch {
        throw bad('is not a duration', `write e.g. \`${key}=30s\` (units ms, s, m, h)`);
      }
      // A zero timeout or stop-after would interrupt every command before it starts.
      if (ms === 0 && key !== 'retry') throw bad('must be longer than zero', `write e.g. \`${key}=30s\`${key === 'timeout' ? ', or leave it out for the default' : ''}`);
      into[DURATIONS[key as keyof typeof DURATIONS]] = ms;
    } else if (key === 'exit') {
      if (value === 'any') into.exit = 'any';
      else if (value !== null && /^\d{1,3}$/.test(value) && Number(value) <= 255) into.exit = Number(value);
      else throw bad('is not an exit status', 'write `exit=N` with N from 0 to 255, or `exit=any`');
    } else if ((VALUES as readonly string[]).includes(key)) {
      if (!value) throw bad('needs a value', `write \`${key}=VALUE\``);
      into[key as 'on' | 'file' | 'id'] = value;
    } else if (classes.includes(key)) {
      if (!value || !(MODES as readonly string[]).includes(value)) throw bad('is not a mode', `write \`${key}=bind\`, \`${key}=any\` or \`${key}=off\``);
      into.modes = { ...into.modes, [key]: value as (typeof MODES)[number] };
    } else {
      const typo = likelyTypo(key, classes);
      if (typo) throw new InputError(`unknown annotation key '${key}': did you mean '${typo}'?`, where, `write \`${typo}${value === null ? '' : `=${value}`}\`; ${known()}`);
      if (!ignored) throw new InputError(`unknown annotation key '${key}'`, where, known());
      ignored.push(value === null ? key : `${key}=${value}`);
    }
  }
  return into;
}
