// Command-line parsing as kubectl's (cobra/pflag) does it, for the flags the
// stand-in knows: `-n NS`, `-nNS`, `-n=NS`, `--namespace NS`,
// `--namespace=NS`, grouped short booleans (`-it`), flags before or after the
// positional arguments, and `--` ending the flags (what follows is a command).

export interface FlagSpec {
  long: string;
  short?: string;
  /** Takes a value (`-o wide`); otherwise a boolean (`-A`, `--rm`, `--stdin=false`). */
  value?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  /** Long name → values, in order (a boolean's value is `true`/`false`). */
  flags: Map<string, string[]>;
  /** The words after `--`, or null when there is no `--`. */
  rest: string[] | null;
}

/** A flag the command does not know: kubectl's own message. */
export class FlagError extends Error {}

export function parseFlags(args: string[], specs: FlagSpec[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map(), rest: null };
  const set = (spec: FlagSpec, v: string) => out.flags.set(spec.long, [...(out.flags.get(spec.long) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.rest = args.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = specs.find((s) => s.long === name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.value) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, v);
      } else set(spec, eq >= 0 ? a.slice(eq + 1) : 'true');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = specs.find((s) => s.short === c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (!spec.value) {
          set(spec, 'true');
          continue;
        }
        let v = a.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        if (v === '') {
          const next = args[++i];
          if (next === undefined) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          v = next;
        }
        set(spec, v);
        break;
      }
      continue;
    }
    out.positional.push(a);
  }
  return out;
}

/** The last value of a flag, or undefined. */
export function flagValue(p: ParsedArgs, long: string): string | undefined {
  const v = p.flags.get(long);
  return v?.[v.length - 1];
}

/** A boolean flag: given (and not `=false`). */
export function flagOn(p: ParsedArgs, long: string): boolean {
  const v = flagValue(p, long);
  return v !== undefined && v !== 'false';
}

/** Every value of a repeatable flag (`-f a.yaml -f b.yaml`), in order. */
export function flagValues(p: ParsedArgs, long: string): string[] {
  return p.flags.get(long) ?? [];
}
