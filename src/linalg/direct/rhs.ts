/**
 * Right-hand sides of the direct solvers: a vector, a dense matrix (one solve per column) or a
 * sparse matrix (solved column by column, the result kept sparse as SciPy's `spsolve` does).
 *
 * @module
 * @internal
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/index.js';
import { asDenseMatrix, CSCMatrix, type DenseInput, isSparse, type NdArray, type SparseMatrix, toNdarray } from '../../formats/index.js';

/** A right-hand side accepted by the direct solvers. */
export type DirectRHS = VectorLike | DenseInput | SparseMatrix;

/** True when `b` is a vector (typed array or array of numbers). @internal */
export function isVectorLike(b: unknown): b is VectorLike {
  return ArrayBuffer.isView(b) || (Array.isArray(b) && (b.length === 0 || typeof b[0] === 'number'));
}

/**
 * Apply `solveInPlace` (x ← A⁻¹x on a length-n Float64Array) to every column of `b`.
 * @internal
 */
export function solveRHS(op: string, n: number, b: unknown, solveInPlace: (x: Float64Array) => void): Float64Array | NdArray | CSCMatrix {
  if (isVectorLike(b)) {
    const x = Float64Array.from(toFloat64(b as VectorLike, 'b'));
    if (x.length !== n) throw new ShapeError(op, [n, n], x.length);
    solveInPlace(x);
    return x;
  }
  if (isSparse(b)) {
    const B = (b as SparseMatrix).toCSC();
    if (B.shape[0] !== n) throw new ShapeError(op, [n, n], B.shape, 'are not aligned');
    B.assertFiniteData('b');
    const p = B.shape[1];
    const indptr = new Int32Array(p + 1);
    const idx: number[] = [];
    const val: number[] = [];
    const x = new Float64Array(n);
    for (let j = 0; j < p; j++) {
      x.fill(0);
      for (let q = B.indptr[j]!; q < B.indptr[j + 1]!; q++) x[B.indices[q]!]! += B.data[q]!;
      solveInPlace(x);
      for (let i = 0; i < n; i++) {
        if (x[i] !== 0) {
          idx.push(i);
          val.push(x[i]!);
        }
      }
      indptr[j + 1] = idx.length;
    }
    return new CSCMatrix({ indptr, indices: Int32Array.from(idx), data: Float64Array.from(val), shape: [n, p] });
  }
  if (b === null || typeof b !== 'object') throw new ArgumentError('b', b, 'a vector, a dense matrix or a sparse matrix');
  const B = asDenseMatrix(b as DenseInput, 'b');
  if (B.rows !== n) throw new ShapeError(op, [n, n], [B.rows, B.cols], 'are not aligned');
  const p = B.cols;
  const out = new Float64Array(n * p);
  const x = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) x[i] = B.data[i * p + j]!;
    solveInPlace(x);
    for (let i = 0; i < n; i++) out[i * p + j] = x[i]!;
  }
  return toNdarray({ rows: n, cols: p, data: out });
}
