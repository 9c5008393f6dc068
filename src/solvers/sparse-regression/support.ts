/**
 * Supports of sparse vectors: the k largest entries in magnitude (hard thresholding) and the
 * nonzero pattern.
 *
 * @module
 */

/**
 * Indices of the k entries of v largest in magnitude, ascending; ties go to the lower index so the
 * choice is deterministic. O(d log d).
 * @internal
 */
export function topK(v: Float64Array, k: number): Int32Array {
  const d = v.length;
  const kk = Math.min(k, d);
  const idx = new Int32Array(d);
  for (let j = 0; j < d; j++) idx[j] = j;
  idx.sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!) || a - b);
  return idx.slice(0, kk).sort();
}

/** Ascending indices of the nonzero entries of v. @internal */
export function nonzeros(v: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) out.push(j);
  return Int32Array.from(out);
}

/** v with every entry outside S set to zero (a new array). @internal */
export function restrict(v: Float64Array, S: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  for (let t = 0; t < S.length; t++) out[S[t]!] = v[S[t]!]!;
  return out;
}

/** Ascending union of two ascending index sets. @internal */
export function union(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const s = new Set<number>();
  for (let t = 0; t < a.length; t++) s.add(a[t]!);
  for (let t = 0; t < b.length; t++) s.add(b[t]!);
  return Int32Array.from([...s].sort((x, y) => x - y));
}

/** True when two ascending index sets are equal. @internal */
export function sameSupport(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) if (a[t] !== b[t]) return false;
  return true;
}
