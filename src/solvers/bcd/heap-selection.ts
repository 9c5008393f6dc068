/**
 * Greedy selection (GS, GSL, GSQ) through a max-heap keyed by the rule's score: after a block
 * update only the blocks (or, for variable blocks, the coordinates) whose gradient entries changed
 * are rescored and rekeyed, so a pick costs O(changed · log B) instead of a scan of all n entries.
 * Where updates are sparse (sparse A, graph quadratics) that is far less than O(n); where most
 * entries change, the heap is rebuilt in O(B), no worse than the scan.
 *
 * The picks are exactly those of the linear scans in `selection.ts` (same scores, ties to the
 * smaller index).
 *
 * @module
 * @internal
 */
import { IndexedMaxHeap } from './max-heap.js';
import { type BcdSelection, type BlockInfo, blockScore, coordinateScore, maxBlockLength } from './selection.js';

/** The set of gradient entries changed since the last pick, filled by the model's moves. @internal */
export class ChangeSet {
  readonly list: Int32Array;
  readonly mark: Uint8Array;
  count = 0;

  constructor(n: number) {
    this.list = new Int32Array(n);
    this.mark = new Uint8Array(n);
  }

  /** Record entry i (once). */
  add(i: number): void {
    if (this.mark[i] === 0) {
      this.mark[i] = 1;
      this.list[this.count++] = i;
    }
  }

  /** Forget every entry. */
  clear(): void {
    for (let k = 0; k < this.count; k++) this.mark[this.list[k]!] = 0;
    this.count = 0;
  }
}

/** Heap-based greedy picks for a fixed partition or for variable blocks. @internal */
export class HeapSelector {
  /** Entries changed since the last pick (the driver hands it to the model's moves). */
  readonly changes: ChangeSet;
  private heap: IndexedMaxHeap | null = null;
  /** owner[i]: the block holding coordinate i (fixed partitions), −1 for none. */
  private readonly owner: Int32Array | null;
  private readonly gb: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private round = 0;
  private picks = 0;
  private rebuilds = 0;

  constructor(
    private readonly rule: BcdSelection, private readonly blocks: Int32Array[] | null, private readonly info: BlockInfo,
    private readonly L: Float64Array,
  ) {
    const n = L.length;
    this.changes = new ChangeSet(n);
    if (blocks) {
      this.owner = new Int32Array(n).fill(-1);
      blocks.forEach((blk, b) => blk.forEach((i) => (this.owner![i] = b)));
      this.gb = new Float64Array(maxBlockLength(blocks));
      this.stamp = new Int32Array(blocks.length).fill(-1);
      this.touched = new Int32Array(blocks.length);
    } else {
      this.owner = null;
      this.gb = new Float64Array(0);
      this.stamp = new Int32Array(0);
      this.touched = new Int32Array(0);
    }
  }

  private score(item: number, G: Float64Array): number {
    if (this.blocks) return blockScore(this.rule, item, this.blocks[item]!, this.info, G, this.gb);
    return coordinateScore(this.rule, G[item]!, this.L[item]!);
  }

  /** Bring the heap's keys up to date with G (the changed entries only, or everything the first time). */
  private refresh(G: Float64Array): IndexedMaxHeap {
    const m = this.blocks ? this.blocks.length : this.L.length;
    const ch = this.changes;
    if (!this.heap) {
      const s = new Float64Array(m);
      for (let b = 0; b < m; b++) s[b] = this.score(b, G);
      this.heap = new IndexedMaxHeap(s);
      ch.clear();
      return this.heap;
    }
    const heap = this.heap;
    let items: Int32Array = ch.list;
    let count = ch.count;
    if (this.owner) {
      // The distinct blocks holding a changed entry.
      this.round++;
      count = 0;
      for (let k = 0; k < ch.count; k++) {
        const b = this.owner[ch.list[k]!]!;
        if (b >= 0 && this.stamp[b] !== this.round) {
          this.stamp[b] = this.round;
          this.touched[count++] = b;
        }
      }
      items = this.touched;
    }
    this.picks++;
    if (count > m >> 2) {
      this.rebuilds++;
      for (let b = 0; b < m; b++) heap.key[b] = this.score(b, G);
      heap.rebuild();
    } else {
      for (let k = 0; k < count; k++) heap.update(items[k]!, this.score(items[k]!, G));
    }
    ch.clear();
    return heap;
  }

  /**
   * False once most picks (over at least 8) changed more than a quarter of 256 or more items: the
   * updates are dense, the change tracking is pure overhead, and the driver falls back to the scan
   * (the picks are the same either way; below 256 items either costs little).
   */
  pays(): boolean {
    const m = this.blocks ? this.blocks.length : this.L.length;
    return this.picks < 8 || m < 256 || 2 * this.rebuilds <= this.picks;
  }

  /** The block of largest score (fixed partitions). */
  pickBlock(G: Float64Array): number {
    return this.refresh(G).top();
  }

  /** The k coordinates of largest score, best first (variable blocks). */
  pickCoordinates(G: Float64Array, k: number): Int32Array {
    const heap = this.refresh(G);
    k = Math.min(k, heap.length);
    const out = new Int32Array(k);
    for (let a = 0; a < k; a++) out[a] = heap.pop();
    for (let a = 0; a < k; a++) heap.push(out[a]!, heap.key[out[a]!]!);
    return out;
  }
}
