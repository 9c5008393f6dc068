/**
 * The bookkeeping of the left-looking supernodal factorizations (Cholesky and the
 * diagonal-pivot LU): each factored supernode d waits in a linked list keyed by the next
 * supernode whose columns its rows reach, so when supernode s is factored its list holds exactly
 * the descendants that update it, each with the run of its rows p1..p2 that fall in s's columns.
 * The work is O(number of updates) on top of the updates themselves.
 *
 * @module
 * @internal
 */
import type { CholeskySymbolic } from './cholesky-symbolic.js';

/** Descendant lists over the supernodes of `S`. @internal */
export class DescendantLists {
  private readonly S: CholeskySymbolic;
  private readonly colToSuper: Int32Array;
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  /** ptr[d]: d's first row not yet used by an update. */
  private readonly ptr: Int32Array;

  constructor(S: CholeskySymbolic) {
    this.S = S;
    const { n, nsuper, superStart } = S;
    this.colToSuper = new Int32Array(n);
    for (let s = 0; s < nsuper; s++) this.colToSuper.fill(s, superStart[s]!, superStart[s + 1]!);
    this.head = new Int32Array(nsuper).fill(-1);
    this.next = new Int32Array(nsuper).fill(-1);
    this.ptr = new Int32Array(nsuper);
  }

  /**
   * Call `update(d, p1, p2)` for every descendant d that updates supernode s (last column l):
   * rows p1..p2-1 of d (positions in d's row list) are columns of s, rows p1.. are the rows to
   * update. Then d moves on to the list of the supernode that its row p2 falls in.
   */
  forEach(s: number, update: (d: number, p1: number, p2: number) => void): void {
    const { superStart, rowPtr, rows } = this.S;
    const l = superStart[s + 1]! - 1;
    for (let d = this.head[s]!; d !== -1;) {
      const dnext = this.next[d]!;
      const dr0 = rowPtr[d]!;
      const dh = rowPtr[d + 1]! - dr0;
      const p1 = this.ptr[d]!;
      let p2 = p1;
      while (p2 < dh && rows[dr0 + p2]! <= l) p2++;
      update(d, p1, p2);
      this.link(d, p2);
      d = dnext;
    }
  }

  /** After supernode s is factored: it waits for the first supernode below its own columns. */
  factored(s: number): void {
    this.link(s, this.S.superStart[s + 1]! - this.S.superStart[s]!);
  }

  private link(d: number, p: number): void {
    const { rowPtr, rows } = this.S;
    this.ptr[d] = p;
    if (p < rowPtr[d + 1]! - rowPtr[d]!) {
      const t = this.colToSuper[rows[rowPtr[d]! + p]!]!;
      this.next[d] = this.head[t]!;
      this.head[t] = d;
    }
  }
}
