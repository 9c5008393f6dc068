/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp, 2011).
 *
 * @module
 */
import { checkDim, checkPositiveInt } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';
import { type NdArray, toNdarray } from '../../formats/dense.js';
import { opMatmat, opRmatmat } from '../iterative/block.js';
import { type OperatorSource, toOperator } from '../iterative/linear-operator.js';
import { gemm } from './gemm.js';
import { qrDense, qrQDense } from './qr.js';
import { svdDense } from './svd.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { withResidency } from '../../kernels/index.js';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSVDOptions {
  /** Extra random directions beyond k (default 10). */
  oversamples?: number;
  /** Power (subspace) iterations, each re-orthonormalized by QR (default 2). */
  powerIters?: number;
  /** Seed of the Gaussian test matrix (random when omitted). */
  seed?: Seed;
}

/** Result of {@link randomizedSvd}: the leading k singular triplets. */
export interface RandomizedSVDResult {
  /** m x k, orthonormal columns. */
  U: NdArray;
  /** k singular values, descending. */
  s: Float64Array;
  /** k x n, orthonormal rows. */
  Vt: NdArray;
}

/** Orthonormal basis of the columns of Y (thin Householder Q). */
function orth(Y: DenseMatrix): DenseMatrix {
  return qrQDense(qrDense(Y));
}

/**
 * The leading k singular triplets (U, s, Vᵀ) of A by the randomized range finder of Halko,
 * Martinsson & Tropp (scikit-learn's `randomized_svd`): Y = (AAᵀ)^q·A·Ω for a Gaussian Ω with
 * l = k + oversamples columns, Q = orth(Y) with QR between every product, B = Qᵀ·A, and the
 * small SVD of B. A is only touched through products with blocks of l vectors, so it may be
 * dense, sparse or a {@link LinearOperator}; AᵀA is never formed.
 *
 * Cost: (2q + 2) block products with A (O(nnz·l) each for sparse A) plus O((m + n)·l²).
 * Error: close to σ_{k+1} for matrices with decaying spectra (HMT 2011, Thm 10.6).
 *
 * @param A - m x n matrix: dense, sparse or LinearOperator (with `rmatvec`)
 * @param k - number of singular triplets, 1 ≤ k ≤ min(m, n)
 * @param options - {@link RandomizedSVDOptions}
 * @returns `{ U, s, Vt }`
 * @throws {@link ArgumentError} on a bad k or option.
 *
 * @example
 * ```ts
 * import { randomizedSvd } from 'sparsity';
 * const A = [[3, 0, 0], [0, 2, 0], [0, 0, 1], [0, 0, 0]];
 * const { s, U, Vt } = randomizedSvd(A, 2, { seed: 1 });
 * Array.from(s).map((v) => Math.round(v * 1e10) / 1e10); // => [3, 2]
 * [U.shape, Vt.shape]; // => [[4, 2], [2, 3]]
 * ```
 */
export function randomizedSvd(A: OperatorSource, k: number, options?: RandomizedSVDOptions): RandomizedSVDResult {
  const checked = readOptions('randomizedSvd', options, optionKeys<RandomizedSVDOptions>({ oversamples: true, powerIters: true, seed: true }));
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveRandomizedSvd(A, k, checked));
}

function solveRandomizedSvd(A: OperatorSource, k: number, options: RandomizedSVDOptions): RandomizedSVDResult {
  const op = toOperator(A);
  const [m, n] = op.shape;
  const kMax = Math.min(m, n);
  checkPositiveInt('k', k, Math.max(1, kMax));
  if (kMax === 0) throw new ArgumentError('k', k, 'a matrix with at least one row and column');
  const oversamples = options.oversamples === undefined ? 10 : checkDim('oversamples', options.oversamples);
  const powerIters = options.powerIters === undefined ? 2 : checkDim('powerIters', options.powerIters);
  const l = Math.min(k + oversamples, kMax);
  const rng = createRng(options.seed);
  const omega: DenseMatrix = { rows: n, cols: l, data: rng.fillNormal(new Float64Array(n * l)) };
  let Q = orth(opMatmat(op, omega));
  for (let q = 0; q < powerIters; q++) {
    const Z = orth(opRmatmat(op, Q));
    Q = orth(opMatmat(op, Z));
  }
  // Bᵀ = Aᵀ·Q (n x l); SVD of the tall Bᵀ = W·Σ·Zᵀ gives B = Z·Σ·Wᵀ.
  const Bt = opRmatmat(op, Q);
  const { U: W, s, Vt: Zt } = svdDense(Bt, true, false);
  const r = s.length; // = l
  // U = Q·Z[:, :k] (Z = Ztᵀ), Vᵀ = W[:, :k]ᵀ.
  const u = new Float64Array(m * k);
  gemm(false, true, m, k, r, 1, Q.data, 0, Q.cols, Zt!.data, 0, r, 0, u, 0, k);
  const vt = new Float64Array(k * n);
  const w = W!.data;
  for (let t = 0; t < k; t++) for (let j = 0; j < n; j++) vt[t * n + j] = w[j * r + t]!;
  return { U: toNdarray({ rows: m, cols: k, data: u }), s: s.slice(0, k), Vt: toNdarray({ rows: k, cols: n, data: vt }) };
}
