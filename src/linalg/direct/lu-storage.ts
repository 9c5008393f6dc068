/**
 * Storage helpers of the LU factorizations' compressed-column factors.
 *
 * @module
 * @internal
 */

/**
 * Remove exact zeros from compressed columns in place (keeping each column's diagonal entry, first in L and last in U); returns the new nnz.
 * @internal
 */
export function dropZeros(n: number, ptr: Int32Array, idx: Int32Array, val: Float64Array, diagFirst: boolean): number {
  let q = 0;
  let start = 0;
  for (let j = 0; j < n; j++) {
    const end = ptr[j + 1]!;
    for (let p = start; p < end; p++) {
      const keep = val[p] !== 0 || (diagFirst ? p === start : p === end - 1);
      if (!keep) continue;
      idx[q] = idx[p]!;
      val[q++] = val[p]!;
    }
    start = end;
    ptr[j + 1] = q;
  }
  return q;
}

/** `a`, or a copy at least twice as long when it is shorter than `need`. @internal */
export function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}
