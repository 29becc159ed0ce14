// string → index, for the binding table: open addressing over typed arrays,
// the strings themselves kept by the caller. A run of 100,000 lines makes
// ~200,000 bindings, each looked up twice and stored twice; a JS Map spends
// most of a step's time there (rehashing as it grows, hashing each new string
// in the runtime), this table a few typed-array reads.

/** FNV-1a of a string's UTF-16 code units. */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class ValueIndex {
  /** Per slot, the index + 1 of the value in it (0 when free) and its hash, side by side. */
  private slots = new Int32Array(32);
  private count = 0;

  /** `keys[i]` is the value stored under index i. */
  constructor(private readonly keys: string[]) {}

  /** The index stored for `key` (whose hash is `h`), or -1. */
  find(key: string, h: number): number {
    const slots = this.slots;
    const mask = slots.length - 2;
    for (let i = (h << 1) & mask; ; i = (i + 2) & mask) {
      const v = slots[i]!;
      if (v === 0) return -1;
      if (slots[i + 1] === h && this.keys[v - 1] === key) return v - 1;
    }
  }

  /** Stores `index` for a key (hash `h`) not stored yet. */
  add(h: number, index: number): void {
    if (4 * (this.count + 1) > this.slots.length) this.grow();
    put(this.slots, h, index + 1);
    this.count++;
  }

  /** Makes room for `more` values without growing on the way. */
  reserve(more: number): void {
    while (4 * (this.count + more) > this.slots.length) this.grow();
  }

  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length);
    for (let i = 0; i < this.slots.length; i += 2) if (this.slots[i] !== 0) put(slots, this.slots[i + 1]!, this.slots[i]!);
    this.slots = slots;
  }
}

// Puts value v with hash h in the first free slot from its place.
function put(slots: Int32Array, h: number, v: number): void {
  const mask = slots.length - 2;
  let i = (h << 1) & mask;
  while (slots[i] !== 0) i = (i + 2) & mask;
  slots[i] = v;
  slots[i + 1] = h;
}
