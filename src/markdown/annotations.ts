// Annotations are `key=value` and bare `flag` words, from `<!-- runbook: … -->`
// above a fence or after the language in its info string. A misspelt key is an
// error, not a silent no-op: a `timout=5s` that does nothing would hang a run.
import { parseDuration } from '../config/schema.js';
import { InputError } from '../errors.js';
import type { Annotations } from './types.js';

const FLAGS = ['skip', 'run', 'unordered', 'exact', 'output', 'teardown'] as const;
const DURATIONS = { timeout: 'timeoutMs', retry: 'retryMs', interval: 'intervalMs', 'stop-after': 'stopAfterMs' } as const;
const VALUES = ['on', 'exit', 'file', 'id'] as const;
const MODES = ['bind', 'any', 'off'] as const;

/** Built-in volatile value classes (PRODUCT §4); config `normalize:` adds more. */
export const VOLATILE_CLASSES = ['ipv4', 'ipv6', 'mac', 'hex', 'k8s-name', 'kube-chain', 'veth', 'uuid', 'age', 'time'];

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

/** True when the text uses at least one annotation key (used to tell our info-string words from other tools'). */
export function mentionsAnnotationKey(text: string, classes: string[]): boolean {
  const keys = new Set<string>([...VALUES, ...FLAGS, ...Object.keys(DURATIONS), ...classes]);
  return tokenizeAnnotations(text).some((t) => keys.has(t.key));
}

// Parses annotation words into `into`; `where` is file:line for errors.
export function parseAnnotations(text: string, where: string, classes: string[], into: Annotations = {}): Annotations {
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
      throw new InputError(`unknown annotation key '${key}'`, where, known());
    }
  }
  return into;
}
