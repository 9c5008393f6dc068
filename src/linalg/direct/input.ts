/**
 * Input checks shared by the sparse direct solvers: a square sparse matrix in canonical CSC form
 * with finite values, and user-given permutations.
 *
 * @module
 * @internal
 */
import { ArgumentError, ShapeError } from '../../core/index.js';
import { CSCMatrix, isSparse, type SparseMatrix } from '../../formats/index.js';

/**
 * A square sparse matrix as canonical CSC (sorted, no duplicates) with finite values. The input is
 * never modified: a copy is made when it is not already canonical CSC.
 * @internal
 */
export function squareCSC(fn: string, A: unknown, name = 'A'): CSCMatrix {
  if (!isSparse(A)) throw new ArgumentError(name, A, 'a sparse matrix (CSRMatrix, CSCMatrix or COOMatrix)');
  const S = A as SparseMatrix;
  const [m, n] = S.shape;
  if (m !== n) throw new ShapeError(fn, [m, n], [m, n], `(${name}) is not square`);
  let C = S instanceof CSCMatrix ? S : S.toCSC();
  if (!C.hasCanonicalFormat) C = C.sumDuplicates();
  C.assertFiniteData(name);
  return C;
}

/**
 * Validate a user permutation of 0..n-1 (new position -> old index), copied into an Int32Array.
 * @internal
 */
export function checkPermutation(name: string, p: ArrayLike<number>, n: number): Int32Array {
  if (p.length !== n) throw new ArgumentError(name, p, `a permutation of 0..${n - 1} (length ${n})`);
  const out = new Int32Array(n);
  const seen = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const v = p[k]!;
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) throw new ArgumentError(`${name}[${k}]`, v, `a permutation of 0..${n - 1} (each index once)`);
    seen[v] = 1;
    out[k] = v;
  }
  return out;
}

/** Inverse of a permutation: pinv[p[k]] = k. @internal */
export function invertPermutation(p: Int32Array): Int32Array {
  const pinv = new Int32Array(p.length);
  for (let k = 0; k < p.length; k++) pinv[p[k]!] = k;
  return pinv;
}
