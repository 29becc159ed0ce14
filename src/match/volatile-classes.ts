// Volatile value classes: values that differ on every cluster. A class is a
// regex for one value; the registry below is keyed by the name users type in
// `volatile: { ipv4: off }` and `<!-- runbook: ipv4=any -->`. Its key order is
// the priority order when two classes could claim the same text (a clock time
// before an IPv6 address, a MAC before IPv6, a uuid before a hex id).
import { InputError } from '../errors.js';
import type { VolatileClassName } from '../config/defaults.js';
import type { Config, Mode } from '../config/schema.js';
import { DEFAULT_LITERAL, literalGuards } from './literal-addresses.js';
import type { VolatileClass } from './types.js';

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Address = `${octet}(?:\\.${octet}){3}`;
const h16 = '[0-9a-fA-F]{1,4}';
const month = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const weekday = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
// Kubernetes' SafeEncodeString alphabet (no vowels, no 0/1/3): generated name suffixes use only these.
const k8s = '[bcdfghjklmnpqrstvwxz2456789]';
// The ipv4 and ipv6 patterns for a list of literal addresses (config `literal:`), which they never match.
const ipv6Body = `(?:${h16}(?::${h16}){7}|${h16}(?::${h16}){0,6}::(?:${h16}(?::${h16}){0,6})?|::${h16}(?::${h16}){0,6})(?![\\w:])`;
function addressPatterns(literal: readonly string[]): { ipv4: string; ipv6: string } {
  const guard = literalGuards(literal);
  return { ipv4: `(?<![\\d.])${guard.ipv4}${ipv4Address}(?!\\d)`, ipv6: `(?<![\\w:.])${guard.ipv6}${ipv6Body}` };
}
const defaultAddresses = addressPatterns(DEFAULT_LITERAL);

interface Builtin {
  pattern: string;
  mode: Mode;
}

/** Built-in classes, in priority order: pattern and default mode (one for each of VOLATILE_CLASS_NAMES, checked by the compiler). */
export const builtinClasses: Record<string, Builtin> = {
  // `Tue Jun 11 01:57:04 2024`, ISO-8601 dates/times, clock times with fractions `13:09:28.510565`.
  time: {
    pattern:
      `${weekday} +${month} +\\d{1,2} +\\d{2}:\\d{2}:\\d{2}(?: +[A-Z]{3,5})? +\\d{4}` +
      `|\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?` +
      `|(?<![\\d:])\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?![\\d:])`,
    mode: 'any',
  },
  uuid: {
    pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}',
    mode: 'bind',
  },
  // Only the hash is volatile: `KUBE-SVC-` stays literal, so a SVC chain never matches a SEP chain.
  // The SVC and EXT chains of one service share a hash, and so share one binding.
  'kube-chain': { pattern: '(?<=KUBE-(?:SVC|SEP|EXT|FW|XLB)-)[A-Z2-7]{16}(?![A-Za-z0-9])', mode: 'bind' },
  veth: { pattern: 'veth[0-9a-f]{8}', mode: 'bind' },
  mac: { pattern: '(?<![\\w:])(?:(?:[0-9a-f]{2}:){5}[0-9a-f]{2}|(?:[0-9A-F]{2}:){5}[0-9A-F]{2})(?![\\w:])', mode: 'bind' },
  // Eight groups, or a `::` with at least one group: never a clock time (13:09:28) nor a MAC (six groups, no `::`).
  ipv6: { pattern: defaultAddresses.ipv6, mode: 'bind' },
  // The address only: `/16` prefix lengths and service ports (`:80`, `.53`) stay literal, since they mean something.
  // Addresses with a meaning (0.0.0.0, loopback, netmasks, multicast, link-local) are left out: see literal-addresses.ts.
  ipv4: { pattern: defaultAddresses.ipv4, mode: 'bind' },
  // An ephemeral source port after an address (tcpdump's `10.42.1.4.60609`, or `:60609`): Linux picks
  // these from 32768–60999 for every new connection, so a user expects any such port to match any other.
  // Ports below 32768 (service ports, NodePorts 30000–32767) stay literal.
  port: {
    // Digits first, then the (costly) look back for the address: checked only where a 5-digit number follows `.`/`:`.
    pattern: `(?<=[.:])(?:3276[89]|327[7-9]\\d|32[89]\\d\\d|3[3-9]\\d{3}|[45]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d\\d|655[0-2]\\d|6553[0-5])(?!\\d)(?<=(?<![\\d.])${ipv4Address}[.:]\\d{5})`,
    mode: 'any',
  },
  // Container ids, hashes: 12+ hex digits with at least one letter and one digit (so `80`, `0x0`, `33333333349` are not ids).
  hex: {
    pattern: '(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\\d)[0-9a-f]{12,}|(?=[0-9A-F]*[A-F])(?=[0-9A-F]*\\d)[0-9A-F]{12,}',
    mode: 'bind',
  },
  // The generated suffix of a pod / ReplicaSet / DaemonSet name, after a literal `name-`:
  // `7c79c4bf97-gk7cj` in `nginx-deployment-7c79c4bf97-gk7cj`. StatefulSet ordinals (`web-0`) are left alone.
  'k8s-name': {
    pattern: `(?<=[a-z0-9]-)(?=[a-z0-9-]*[bcdfghjklmnpqrstvwxz])(?:${k8s}{6,10}-${k8s}{5}|${k8s}{6,10}|${k8s}{5})(?![\\w-])`,
    mode: 'bind',
  },
  // kubectl ages: `20s`, `4m35s`, `22h`, `3d4h`, `2y10d`.
  age: { pattern: '(?<![\\w.])(?:\\d+y(?:\\d+d)?|\\d+d(?:\\d+h)?|\\d+h(?:\\d+m)?|\\d+m(?:\\d+s)?|\\d+s)(?![\\w.])', mode: 'any' },
} satisfies Record<VolatileClassName, Builtin>;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Does the line hold a run of at least `min` hex digits? Any such run covers one of every min-th character: only those are looked around. */
export function hasHexRun(line: string, min: number): boolean {
  for (let i = min - 1; i < line.length; i += min) {
    if (!isHex(line.charCodeAt(i))) continue;
    let from = i;
    while (from > 0 && isHex(line.charCodeAt(from - 1))) from--;
    let to = i + 1;
    while (to < line.length && to - from < min && isHex(line.charCodeAt(to))) to++;
    if (to - from >= min) return true;
  }
  return false;
}

// A run of 8 hex digits (a uuid starts with one; an id of 12 holds one), remembered for the line
// last asked about: the uuid and hex checks of one line ask in turn.
let run8Line: string | undefined;
let run8 = false;
function hexRun8(line: string): boolean {
  if (line !== run8Line) {
    run8Line = line;
    run8 = hasHexRun(line, 8);
  }
  return run8;
}

// At least two colons (a clock time, a MAC, an IPv6 address).
const twoColons = (l: string): boolean => l.indexOf(':', l.indexOf(':') + 1) > 0;

/**
 * What a line holds whenever it holds a value of a built-in class (never a
 * false "no"), one regex per class: the classes of a block combine theirs into
 * one regex (src/match/tokenize.ts), so a line with no value at all (most
 * lines) costs one native scan. A property test holds each to its quick check.
 */
const pre = {
  time: /:[\s\S]*:|-\d\d-/,
  uuid: /-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-/,
  'kube-chain': /KUBE-/,
  veth: /veth/,
  mac: /:[0-9a-fA-F]{2}:/,
  ipv6: /::|:[0-9a-fA-F]{1,4}:/,
  ipv4: /\.\d{1,3}\.\d{1,3}\./,
  port: /\.\d{1,3}\.\d{1,3}[.:]\d{5}/,
  hex: /[0-9a-fA-F]{12}/,
  'k8s-name': /-[bcdfghjklmnpqrstvwxz2456789]{5}/,
  age: /\d[ydhms]/,
} satisfies Record<VolatileClassName, RegExp>;
export const prefilters: Record<string, RegExp> = pre;

/**
 * Cheap tests that a line may hold a value of a built-in class, so a line the
 * block's prefilter lets through does not pay every class regex. Each holds
 * for any line with a value of its class; most are the class's prefilter, a
 * regex that starts with a literal character, which the regex engine finds fast.
 */
export const quickChecks: Record<string, (line: string) => boolean> = {
  time: (l) => twoColons(l) || /-\d\d-/.test(l),
  uuid: (l) => hexRun8(l) && pre.uuid.test(l),
  'kube-chain': (l) => l.includes('KUBE-'),
  veth: (l) => l.includes('veth'),
  mac: (l) => twoColons(l) && pre.mac.test(l),
  ipv6: (l) => twoColons(l) && pre.ipv6.test(l),
  ipv4: (l) => pre.ipv4.test(l),
  port: (l) => pre.port.test(l),
  hex: (l) => hexRun8(l) && hasHexRun(l, 12),
  'k8s-name': (l) => pre['k8s-name'].test(l),
  age: (l) => pre.age.test(l),
};

/**
 * Faster scans for classes whose pattern starts with a look-behind: the value
 * is the last group of the scan's match, and is then confirmed by the class
 * pattern itself at that position, so the result is the same.
 */
export const scans: Record<string, string> = {
  'kube-chain': 'KUBE-(?:SVC|SEP|EXT|FW|XLB)-([A-Z2-7]{16})',
  port: '[.:](\\d{5})',
  'k8s-name': `[a-z0-9]-(${k8s}{5,10}(?:-${k8s}{5})?)`,
};

/** ipv4/ipv6 patterns built for a config's `literal:` list. */
const literalVariants = new Set<string>();

/** The quick check, prefilter and scan of a class, if it is a built-in one used as built. */
export function speedups(cls: VolatileClass): { check?: (line: string) => boolean; prefilter?: string; scan?: string } {
  const builtin = builtinClasses[cls.name];
  if (!builtin || (builtin.pattern !== cls.pattern && !literalVariants.has(cls.pattern))) return {};
  return { check: quickChecks[cls.name], prefilter: prefilters[cls.name]?.source, scan: scans[cls.name] };
}

// Checks that a custom class pattern compiles, so a typo stops the run before anything runs.
function checkPattern(name: string, pattern: string): void {
  try {
    new RegExp(pattern);
  } catch (err) {
    throw new InputError(
      `normalize: the pattern of class "${name}" is not a valid regex: ${(err as Error).message}`,
      undefined,
      'fix the pattern (a JavaScript regex for one value, e.g. pod-[a-z0-9]{5})',
    );
  }
}

// A mode override naming a class that does not exist is a typo: say so, at its line when known, rather than ignore it.
function checkKnown(modes: Record<string, Mode>, known: Set<string>, what: string, at: Record<string, string> = {}): void {
  for (const name of Object.keys(modes)) {
    if (!known.has(name)) {
      throw new InputError(`${what}: unknown volatile class "${name}"`, at[name], `use one of: ${[...known].join(', ')}`);
    }
  }
}

/** The classes in effect for a block, in priority order (custom classes first); `off` classes left out. */
export function resolveClasses(config: Pick<Config, 'volatile' | 'normalize' | 'literal' | 'volatileAt'>, blockModes?: Record<string, Mode>): VolatileClass[] {
  const custom = config.normalize ?? [];
  for (const c of custom) checkPattern(c.name, c.pattern);
  const addresses = config.literal ? addressPatterns(config.literal) : defaultAddresses;
  // A pattern only differing from the built-in one by its literal addresses keeps the built-in speedups (the guard only narrows).
  literalVariants.add(addresses.ipv4).add(addresses.ipv6);
  const patternOf = (name: string, pattern: string): string => (name === 'ipv4' ? addresses.ipv4 : name === 'ipv6' ? addresses.ipv6 : pattern);
  const all: VolatileClass[] = [
    ...custom.map((c) => ({ name: c.name, pattern: c.pattern, mode: c.mode ?? 'bind' })),
    ...Object.entries(builtinClasses)
      .filter(([name]) => !custom.some((c) => c.name === name))
      .map(([name, c]) => ({ name, pattern: patternOf(name, c.pattern), mode: c.mode })),
  ];
  const known = new Set(all.map((c) => c.name));
  const runModes = config.volatile ?? {};
  checkKnown(runModes, known, 'config volatile', config.volatileAt);
  if (blockModes) checkKnown(blockModes, known, 'annotation');
  return all
    .map((c) => ({ ...c, mode: blockModes?.[c.name] ?? runModes[c.name] ?? c.mode }))
    .filter((c) => c.mode !== 'off');
}
