// The last actual line each expected line matched, and where its values are
// in it: the binding check after the alignment reads them instead of matching
// every line a second time. Offsets, not strings, so holding them for 100,000
// lines costs a few typed arrays, not an object per line.
import type { ExpectedBlock } from './expected-block.js';

export class PairMemo {
  private readonly lastA: Int32Array;
  private readonly base: Int32Array;
  private pool: Int32Array;
  private used = 0;

  constructor(
    private readonly block: ExpectedBlock,
    private readonly raws: string[],
    private readonly texts: string[],
    /** The actual lines with escapes kept, when an `(esc)` line needs them. */
    private readonly bytes?: string[],
  ) {
    this.pool = new Int32Array(Math.max(64, 8 * block.kinds.length));
    this.lastA = new Int32Array(block.kinds.length).fill(-1);
    this.base = new Int32Array(block.kinds.length).fill(-1);
  }

  /** Does expected line e match actual line a? */
  readonly same = (e: number, a: number): boolean => {
    if (this.lastA[e] === a) return true;
    const { block } = this;
    if (!block.test(e, this.raws[a]!, this.texts[a]!, this.bytes?.[a])) return false;
    const size = 2 * block.valueCount(e);
    if (size > 0) {
      let b = this.base[e]!;
      if (b < 0) {
        if (this.used + size > this.pool.length) {
          const grown = new Int32Array(Math.max(2 * this.pool.length, this.used + size));
          grown.set(this.pool);
          this.pool = grown;
        }
        b = this.base[e] = this.used;
        this.used += size;
      }
      for (let i = 0; i < size; i++) this.pool[b + i] = block.found[i]!;
    }
    this.lastA[e] = a;
    return true;
  };

  /** Line e's i-th value in the actual line it last matched (call `same` first). */
  valueAt(e: number, i: number): string {
    const b = this.base[e]! + 2 * i;
    return this.texts[this.lastA[e]!]!.slice(this.pool[b]!, this.pool[b + 1]!);
  }
}
