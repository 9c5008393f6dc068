/**
 * An indexed binary max-heap over items 0..m−1 keyed by a score, for the greedy selection rules:
 * after a block update only the scores of the items whose gradient entries changed are rekeyed
 * (O(log m) each), so a pick costs O(log m) instead of a scan over all items.
 *
 * Ties are broken by the smaller index, so the top is exactly the item a left-to-right scan that
 * keeps the first strict maximum would return.
 *
 * @module
 * @internal
 */

/** Indexed max-heap with rekeying. @internal */
export class IndexedMaxHeap {
  /** Score of each item. */
  readonly key: Float64Array;
  /** heap[h]: the item at heap slot h. */
  private readonly heap: Int32Array;
  /** pos[i]: the heap slot of item i, or −1 when popped. */
  private readonly pos: Int32Array;
  private size: number;

  /** A heap of all items 0..scores.length−1 with the given scores (copied), built in O(m). */
  constructor(scores: Float64Array) {
    const m = scores.length;
    this.key = scores.slice();
    this.heap = Int32Array.from({ length: m }, (_, i) => i);
    this.pos = Int32Array.from({ length: m }, (_, i) => i);
    this.size = m;
    this.rebuild();
  }

  /** Number of items in the heap. */
  get length(): number {
    return this.size;
  }

  /** Restore the heap order after arbitrary changes of `key` (all items present): O(m). */
  rebuild(): void {
    for (let h = (this.size >> 1) - 1; h >= 0; h--) this.down(h);
  }

  /** The item of largest score (smallest index among ties); −1 when empty. */
  top(): number {
    return this.size > 0 ? this.heap[0]! : -1;
  }

  /** Remove and return the top item. */
  pop(): number {
    const t = this.heap[0]!;
    this.size--;
    this.pos[t] = -1;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return t;
  }

  /** Put a popped item back with score s. */
  push(i: number, s: number): void {
    this.key[i] = s;
    const h = this.size++;
    this.heap[h] = i;
    this.pos[i] = h;
    this.up(h);
  }

  /** Change the score of a present item. O(log m). */
  update(i: number, s: number): void {
    const old = this.key[i]!;
    this.key[i] = s;
    const h = this.pos[i]!;
    if (h < 0) return;
    if (s > old) this.up(h);
    else if (s < old) this.down(h);
  }

  /** Whether item a belongs above item b. */
  private above(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka > kb || (ka === kb && a < b);
  }

  private up(h: number): void {
    const heap = this.heap;
    const i = heap[h]!;
    while (h > 0) {
      const parent = (h - 1) >> 1;
      const q = heap[parent]!;
      if (!this.above(i, q)) break;
      heap[h] = q;
      this.pos[q] = h;
      h = parent;
    }
    heap[h] = i;
    this.pos[i] = h;
  }

  private down(h: number): void {
    const heap = this.heap;
    const n = this.size;
    const i = heap[h]!;
    for (;;) {
      let c = 2 * h + 1;
      if (c >= n) break;
      if (c + 1 < n && this.above(heap[c + 1]!, heap[c]!)) c++;
      const q = heap[c]!;
      if (!this.above(q, i)) break;
      heap[h] = q;
      this.pos[q] = h;
      h = c;
    }
    heap[h] = i;
    this.pos[i] = h;
  }
}
