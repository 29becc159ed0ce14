// The one-to-one map of expected to actual volatile values, per class, for a
// whole run (every target shares it). A step works on a fork, so bindings of
// a step that fails are reported but never recorded; `commit` records them.
// Stored compactly: per class two maps from a value to a binding's index, and
// one array per field, because a 100,000-line step makes ~200,000 bindings and
// an object (or Map entry) per binding is most of a large step's time.
// `Binding` objects are built only when someone asks for them (`entries`).
import type { Binding, BindingOrigin } from './types.js';
import { hashOf, ValueIndex } from './value-index.js';

/** expected → index, and actual → index, of the bindings of one class made in one table. */
interface ClassMaps {
  forward: ValueIndex;
  reverse: ValueIndex;
}

export class BindingTable {
  private readonly maps = new Map<string, ClassMaps>();
  private readonly classNames: string[] = [];
  private readonly expectedValues: string[] = [];
  private readonly actualValues: string[] = [];
  private readonly files: string[] = [];
  private readonly lines: number[] = [];
  // undefined until compiled; null when no binding changes a value.
  private substituter: { re: RegExp; map: Map<string, Binding> } | null | undefined;
  /** The table the last `lookup` found its binding in. */
  private hit: BindingTable = this;
  /** Hashes of the expected and actual value of the last `check`. */
  private expectedHash = 0;
  private actualHash = 0;
  /** The class looked up last, and its maps: a block binds one class after another, many times. */
  private lastClass: string | undefined;
  private lastMaps: ClassMaps | undefined;

  constructor(private readonly parent?: BindingTable) {}

  /** Bindings made in this table (not its parent's). */
  get size(): number {
    return this.classNames.length;
  }

  // The maps of a class in this table (made if `make`).
  private mapsOf(className: string, make: boolean): ClassMaps | undefined {
    if (className === this.lastClass && this.lastMaps) return this.lastMaps;
    let m = this.maps.get(className);
    if (!m && make) this.maps.set(className, (m = { forward: new ValueIndex(this.expectedValues), reverse: new ValueIndex(this.actualValues) }));
    if (m) {
      this.lastClass = className;
      this.lastMaps = m;
    }
    return m;
  }

  // Index of the binding of `value` (hash `h`; expected or actual side) here or in a table this one
  // was forked from, -1 when none; `hit` is then the table holding it.
  private lookup(reverse: boolean, className: string, value: string, h: number): number {
    for (let t: BindingTable | undefined = this; t; t = t.parent) {
      if (t.classNames.length === 0) continue;
      const m = t.mapsOf(className, false);
      const i = m ? (reverse ? m.reverse : m.forward).find(value, h) : -1;
      if (i >= 0) {
        this.hit = t;
        return i;
      }
    }
    return -1;
  }

  private where(t: BindingTable, i: number): string {
    return `${t.files[i]}:${t.lines[i]}`;
  }

  // The problem with binding expected ↔ actual; `bound` when it is bound already, null when free.
  private check(className: string, expected: string, actual: string): string | null | 'bound' {
    const he = (this.expectedHash = hashOf(expected));
    const had = this.lookup(false, className, expected, he);
    if (had >= 0) {
      const t = this.hit;
      return t.actualValues[had] === actual ? 'bound' : `${expected} was ${t.actualValues[had]} at ${this.where(t, had)}, here it is ${actual}`;
    }
    const taken = this.lookup(true, className, actual, (this.actualHash = hashOf(actual)));
    if (taken >= 0) return `${actual} is already bound to ${this.hit.expectedValues[taken]} at ${this.where(this.hit, taken)}, here ${expected} would map to it`;
    return null;
  }

  /** What binding expected ↔ actual would break, or null if it agrees (bound already, or free on both sides). */
  conflict(className: string, expected: string, actual: string): string | null {
    const c = this.check(className, expected, actual);
    return c === 'bound' ? null : c;
  }

  /** Binds expected ↔ actual; null when consistent, else what is broken, with both places. */
  bind(className: string, expected: string, actual: string, origin: BindingOrigin): string | null {
    return this.bindAt(className, expected, actual, origin.file, origin.line);
  }

  /** `bind` with the origin as two arguments, so a large step allocates no origin objects. */
  bindAt(className: string, expected: string, actual: string, file: string, line: number): string | null {
    const c = this.check(className, expected, actual);
    if (c !== null) return c === 'bound' ? null : c;
    const m = this.mapsOf(className, true)!;
    const i = this.classNames.length;
    m.forward.add(this.expectedHash, i);
    m.reverse.add(this.actualHash, i);
    this.classNames.push(className);
    this.expectedValues.push(expected);
    this.actualValues.push(actual);
    this.files.push(file);
    this.lines.push(line);
    this.substituter = undefined;
    return null;
  }

  /** Makes room for `count` more bindings of a class (a large step knows how many values it has). */
  reserve(className: string, count: number): void {
    const m = this.mapsOf(className, true)!;
    m.forward.reserve(count);
    m.reverse.reserve(count);
  }

  /** A table that reads through to this one and records nothing here until `commit`. */
  fork(): BindingTable {
    return new BindingTable(this);
  }

  /** Records this fork's bindings in the table it was forked from. */
  commit(): void {
    if (!this.parent) return;
    for (let i = 0; i < this.classNames.length; i++) {
      this.parent.bindAt(this.classNames[i]!, this.expectedValues[i]!, this.actualValues[i]!, this.files[i]!, this.lines[i]!);
    }
  }

  /** Bindings made in this table (not its parent's), in the order made. */
  ownEntries(): Binding[] {
    const out: Binding[] = new Array(this.classNames.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = { className: this.classNames[i]!, expected: this.expectedValues[i]!, actual: this.actualValues[i]!, origin: { file: this.files[i]!, line: this.lines[i]! } };
    }
    return out;
  }

  /** Every binding, the parent's first, in the order made. */
  entries(): Binding[] {
    return [...(this.parent?.entries() ?? []), ...this.ownEntries()];
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
    if (this.substituter === undefined) this.substituter = this.compileSubstituter();
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
