// Rebinding: a bound expected value (the service IP the author's cluster gave)
// is replaced by its actual value everywhere in the file. Values are found
// exactly as the matcher finds them — the same volatile classes, the same
// tokenizer — so `10.43.0.1` never hits `10.43.0.10` or `110.43.0.1`, while
// tcpdump's `10.43.0.1.60609` and a pod suffix in `nginx-7c79c4bf97-gk7cj`
// are rebound. A binding of a class not in `classes` falls back to a whole
// word match (no word character may continue the value on either side).
// All values are replaced in one pass, so swapped values (A→B, B→A) do not chain.
import type { Binding, VolatileClass } from '../match/types.js';
import { tokenize } from '../match/tokenize.js';
import { escapeRegExp } from './redact.js';
import type { Edit } from './types.js';

/** Expected value → actual value, per class name (first binding wins; unchanged values included, as decisions). */
export type RebindTable = Map<string, Map<string, string>>;

/** The rebinding table of a run: its bindings, then the extra ones (failed steps), kept one to one. */
export function rebindingTable(bindings: Binding[], extra: Binding[] = []): RebindTable {
  const table: RebindTable = new Map();
  const taken = new Set<string>();
  for (const b of [...bindings, ...extra]) {
    let byValue = table.get(b.className);
    if (!byValue) table.set(b.className, (byValue = new Map()));
    const key = `${b.className}\u0000${b.actual}`;
    if (byValue.has(b.expected) || taken.has(key) || b.expected === '') continue;
    byValue.set(b.expected, b.actual);
    taken.add(key);
  }
  return table;
}

/** Edits that rebind every value in source[from, end), found as the matcher finds them. */
export function rebindEdits(source: string, table: RebindTable, classes: VolatileClass[], from = 0, end = source.length): Edit[] {
  if (![...table.values()].some((byValue) => [...byValue].some(([e, a]) => e !== a))) return [];
  const known = classes.filter((c) => table.has(c.name));
  const edits: Edit[] = known.length > 0 ? classEdits(source, table, classes, from, end) : [];
  const generic = new Map<string, string>();
  for (const [name, byValue] of table) if (!known.some((c) => c.name === name)) for (const [e, a] of byValue) if (e !== a) generic.set(e, a);
  const pattern = wordPattern(generic);
  if (pattern) {
    pattern.lastIndex = from;
    for (let m = pattern.exec(source); m && m.index + m[0].length <= end; m = pattern.exec(source)) {
      const e = { start: m.index, end: m.index + m[0].length, text: generic.get(m[0])! };
      if (!edits.some((x) => x.start < e.end && e.start < x.end)) edits.push(e);
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Values of known classes, line by line through the matcher's tokenizer. */
function classEdits(source: string, table: RebindTable, classes: VolatileClass[], from: number, end: number): Edit[] {
  const edits: Edit[] = [];
  for (let at = from; at < end; ) {
    const nl = source.indexOf('\n', at);
    const stop = nl === -1 || nl > end ? end : nl;
    let offset = at;
    for (const piece of tokenize(source.slice(at, stop), classes)) {
      const fresh = piece.cls ? table.get(piece.cls.name)?.get(piece.text) : undefined;
      if (fresh !== undefined && fresh !== piece.text) edits.push({ start: offset, end: offset + piece.text.length, text: fresh });
      offset += piece.text.length;
    }
    at = stop + 1;
  }
  return edits;
}

/** A global regex for any of the values as a whole word (longest first), or null for none. */
function wordPattern(map: Map<string, string>): RegExp | null {
  if (map.size === 0) return null;
  const alts = [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map((v) => `${/^\w/.test(v) ? '(?<!\\w)' : ''}${escapeRegExp(v)}${/\w$/.test(v) ? '(?!\\w)' : ''}`);
  return new RegExp(alts.join('|'), 'g');
}

/** A text with every bound value rebound (for commands and reports). */
export function rebindText(text: string, table: RebindTable, classes: VolatileClass[] = []): string {
  const edits = rebindEdits(text, table, classes);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
