// The config's defaults and its duration syntax, without the schema library:
// a run with no config at all must not load zod or the YAML parser (startup is a budget).

export const DEFAULT_TIMEOUT_MS = 60_000;

/** The built-in volatile classes, by name: annotations accept them, the matcher defines each (its list must match). */
export const VOLATILE_CLASS_NAMES = ['ipv4', 'ipv6', 'port', 'mac', 'hex', 'k8s-name', 'kube-chain', 'veth', 'uuid', 'age', 'time'] as const;
export type VolatileClassName = (typeof VOLATILE_CLASS_NAMES)[number];
export const DEFAULT_OUTPUT_CAP = 16 * 1024 * 1024;

/**
 * Lines a transcript never shows but an unattended run prints: `kubectl exec -it`
 * and `docker exec -t` warn that stdin is not a terminal, since runbook closes it.
 */
export const DEFAULT_IGNORE_OUTPUT = [/^Unable to use a TTY - input is not a terminal or the right kind of file$/];

/** A duration such as `30s`, `2m`, `500ms`, `1h`, or a number of seconds, in milliseconds. */
export function parseDuration(v: number | string): number {
  if (typeof v === 'number') return v * 1000;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new Error(`not a duration: ${v}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!;
}

