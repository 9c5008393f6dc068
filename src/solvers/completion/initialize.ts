/**
 * Spectral initialization of alternating minimization (Jain, Netrapalli & Sanghavi 2013): the top-k
 * left singular vectors of P_Ω(M)/p, rows above the incoherence bound clipped, re-orthonormalized.
 *
 * @module
 * @internal
 */
import type { DenseMatrix, Seed } from '../../core/index.js';
import { CSRMatrix, asDenseMatrix } from '../../formats/index.js';
import { type LinearOperator, qr, randomizedSvd, sparseDense } from '../../linalg/index.js';
import type { Grouped } from './observed.js';

/** alpha·X·B for the CSR X of a grouping and a row-major B with `cols` columns (e.g. on the worker pool). @internal */
export type GroupedProduct = (g: Grouped, B: Float64Array, cols: number, alpha: number) => Float64Array;

/**
 * U₀ (m x k, orthonormal columns): randomized SVD (Halko–Martinsson–Tropp, on the sparse matrix,
 * never densified) of P_Ω(M)/p with p = |Ω|/(mn); every row whose norm exceeds 2μ·√(k/m) is
 * scaled down to that norm (JNS zero such rows; scaling keeps the direction of heavily observed
 * rows, which real data sets have), then QR. Both products run as row-wise CSR products (the
 * column grouping is the CSR of the transpose), which gather instead of scatter; `multiply`, when
 * given, runs the block products (e.g. on the worker pool). Cost
 * O(|Ω|·(k + 10)·2(powerIters + 1) + m·k²).
 * @internal
 */
export function initialU(
  byRow: Grouped, byCol: Grouped, m: number, n: number, k: number, incoherence: number, seed: Seed, powerIters: number,
  multiply: GroupedProduct | null = null,
): DenseMatrix {
  const nnz = byRow.val.length;
  // 1/p multiplies each value (alpha = 1/p in the products), so every path rounds alike.
  const alpha = 1 / (nnz / (m * n));
  const scaled = (g: Grouped, rows: number, cols: number) => {
    const data = new Float64Array(nnz);
    for (let q = 0; q < nnz; q++) data[q] = alpha * g.val[q]!;
    return new CSRMatrix({ indptr: g.ptr, indices: g.idx, data, shape: [rows, cols] });
  };
  let X: CSRMatrix | null = null;
  let Xt: CSRMatrix | null = null;
  const rowsX = () => (X ??= scaled(byRow, m, n));
  const colsX = () => (Xt ??= scaled(byCol, n, m));
  const product = (S: () => CSRMatrix, g: Grouped, rows: number) => (B: DenseMatrix): DenseMatrix =>
    ({ rows, cols: B.cols, data: multiply ? multiply(g, B.data, B.cols, alpha) : sparseDense(S(), B.data, { cols: B.cols }) });
  const op: LinearOperator = {
    shape: [m, n],
    matvec: (x) => sparseDense(rowsX(), x, { cols: 1 }),
    rmatvec: (y) => sparseDense(colsX(), y, { cols: 1 }),
    matmat: product(rowsX, byRow, m),
    rmatmat: product(colsX, byCol, n),
  };
  const { U } = randomizedSvd(op, k, { seed, powerIters });
  const u = Float64Array.from(asDenseMatrix(U).data);
  const bound = 2 * incoherence * Math.sqrt(k / m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += u[i * k + t]! ** 2;
    const norm = Math.sqrt(s);
    if (norm > bound) for (let t = 0; t < k; t++) u[i * k + t]! *= bound / norm;
  }
  const Q = qr({ rows: m, cols: k, data: u }).Q!;
  return { rows: m, cols: k, data: Float64Array.from(asDenseMatrix(Q).data) };
}
