/**
 * Supports of sparse vectors: the k largest entries in magnitude (hard thresholding) and the
 * nonzero pattern.
 *
 * @module
 */

/**
 * Indices of the k entries of v largest in magnitude, ascending; ties go to the lower index so the
 * choice is deterministic. O(d log d) on a typed array.
 * @internal
 */
export function topK(v: Float64Array, k: number): Int32Array {
  return largestAbs(v, k).sort();
}

/**
 * The k indices j (of `among`, ascending, or of all of v) with the largest |v_j|, largest first,
 * ties to the lower index: the threshold from a sort of the magnitudes (a typed-array sort, no
 * comparator), then a comparator sort of the k chosen only. O(m log m + k log k) for m candidates.
 * @internal
 */
export function largestAbs(v: Float64Array, k: number, among?: ArrayLike<number>): Int32Array {
  const m = among ? among.length : v.length;
  const kk = Math.max(0, Math.min(k, m));
  if (kk === 0) return new Int32Array(0);
  const at = (t: number): number => (among ? among[t]! : t);
  const a = new Float64Array(m);
  for (let t = 0; t < m; t++) a[t] = Math.abs(v[at(t)]!);
  const thr = a.slice().sort()[m - kk]!;
  // Fewer than kk lie above the threshold; ties at it are taken in ascending index.
  const out: number[] = [];
  for (let t = 0; t < m; t++) if (a[t]! > thr) out.push(at(t));
  for (let t = 0; t < m && out.length < kk; t++) if (a[t] === thr) out.push(at(t));
  out.sort((x, y) => Math.abs(v[y]!) - Math.abs(v[x]!) || x - y);
  return Int32Array.from(out);
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
