// The one-to-one map of expected to actual volatile values, per class, for a
// whole run (every target shares it). A step works on a fork, so bindings of
// a step that fails are reported but never recorded; `commit` records them.
import type { Binding, BindingOrigin } from './types.js';

type PerClass = Map<string, Map<string, Binding>>;

const where = (o: BindingOrigin): string => `${o.file}:${o.line}`;

function classMap(maps: PerClass, className: string): Map<string, Binding> {
  let m = maps.get(className);
  if (!m) maps.set(className, (m = new Map()));
  return m;
}

export class BindingTable {
  /** expected → binding, and actual → binding, per class: made here, not in the parent. */
  private readonly forward: PerClass = new Map();
  private readonly reverse: PerClass = new Map();
  private readonly order: Binding[] = [];
  private substituter: { re: RegExp; map: Map<string, Binding> } | null = null;

  constructor(private readonly parent?: BindingTable) {}

  // Looks a value up here, then in the tables this one was forked from.
  private find(reverse: boolean, className: string, value: string): Binding | undefined {
    for (let t: BindingTable | undefined = this; t; t = t.parent) {
      const b = (reverse ? t.reverse : t.forward).get(className)?.get(value);
      if (b) return b;
    }
    return undefined;
  }

  // The problem with binding expected ↔ actual; `bound` when it is bound already, null when free.
  private check(className: string, expected: string, actual: string): string | null | 'bound' {
    const had = this.find(false, className, expected);
    if (had) return had.actual === actual ? 'bound' : `${expected} was ${had.actual} at ${where(had.origin)}, here it is ${actual}`;
    const taken = this.find(true, className, actual);
    if (taken) return `${actual} is already bound to ${taken.expected} at ${where(taken.origin)}, here ${expected} would map to it`;
    return null;
  }

  /** What binding expected ↔ actual would break, or null if it agrees (bound already, or free on both sides). */
  conflict(className: string, expected: string, actual: string): string | null {
    const c = this.check(className, expected, actual);
    return c === 'bound' ? null : c;
  }

  /** Binds expected ↔ actual; null when consistent, else what is broken, with both places. */
  bind(className: string, expected: string, actual: string, origin: BindingOrigin): string | null {
    const c = this.check(className, expected, actual);
    if (c !== null) return c === 'bound' ? null : c;
    const b: Binding = { className, expected, actual, origin };
    classMap(this.forward, className).set(expected, b);
    classMap(this.reverse, className).set(actual, b);
    this.order.push(b);
    this.substituter = null;
    return null;
  }

  /** A table that reads through to this one and records nothing here until `commit`. */
  fork(): BindingTable {
    return new BindingTable(this);
  }

  /** Records this fork's bindings in the table it was forked from. */
  commit(): void {
    if (!this.parent) return;
    for (const b of this.order) this.parent.bind(b.className, b.expected, b.actual, b.origin);
  }

  /** Bindings made in this table (not its parent's), in the order made. */
  ownEntries(): Binding[] {
    return [...this.order];
  }

  /** Every binding, the parent's first, in the order made. */
  entries(): Binding[] {
    return [...(this.parent?.entries() ?? []), ...this.order];
  }

  // One regex for all bound values, longest first, so one pass replaces each whole token once.
  private compileSubstituter(): { re: RegExp; map: Map<string, Binding> } | null {
    const map = new Map<string, Binding>();
    for (const b of this.entries()) if (b.expected !== b.actual && !map.has(b.expected)) map.set(b.expected, b);
    if (map.size === 0) return null;
    const alts = [...map.keys()].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    // A whole token: not inside a longer word or number (`10.43.0.1` never inside `10.43.0.10` or `110.43.0.1`).
    return { re: new RegExp(`(?<![\\w]|\\w\\.)(?:${alts.join('|')})(?!\\w)`, 'g'), map };
  }

  /** The command with every bound expected value replaced by its actual value, and what was replaced. */
  substitute(command: string): { command: string; substitutions: { from: string; to: string; className: string }[] } {
    this.substituter ??= this.compileSubstituter();
    const s = this.substituter;
    if (!s) return { command, substitutions: [] };
    const substitutions: { from: string; to: string; className: string }[] = [];
    const out = command.replace(s.re, (from) => {
      const b = s.map.get(from)!;
      if (!substitutions.some((x) => x.from === from)) substitutions.push({ from, to: b.actual, className: b.className });
      return b.actual;
    });
    return { command: out, substitutions };
  }
}
