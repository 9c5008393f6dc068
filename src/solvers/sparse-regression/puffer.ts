/**
 * Row preconditioners of a regression built from the design alone: the Puffer transform
 * F = U·D⁻¹·Uᵀ of Jia & Rohe ("Preconditioning the Lasso for sign consistency", EJS 2015) and its
 * ridge-damped family F_τ = U·(D² + τ·σ₁²)^(−1/2)·Uᵀ, where X = U·D·Vᵀ is the thin SVD.
 *
 * F·X = U·D(D² + τσ₁²)^(−1/2)·Vᵀ: τ = 0 makes the columns of F·X orthonormal when n ≥ d (the rows
 * when n < d), whatever the correlation of X; larger τ moves F towards a multiple of the identity.
 * The price is noise: F·ε has covariance σ²·U(D² + τσ₁²)⁻¹Uᵀ, large along small singular values.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { nrm2At } from '../../kernels/blas1.js';
import { denseTranspose } from '../../core/dense.js';
import { eighDense } from '../../linalg/dense/eigh.js';
import { gemm } from '../../linalg/dense/gemm.js';
import { gramDense } from '../../linalg/dense/matmul.js';
import { matvecDense } from '../../linalg/dense/matvec.js';

/** A row transform F of an n x d problem, with F·X already applied. @internal */
export interface RowPreconditioner {
  /** A label for reports: 'identity', 'puffer', 'puffer(τ=1e-4)'. */
  readonly name: string;
  /** F·X (r x d, row-major; r = n for the identity, rank(X) otherwise). */
  readonly X: DenseMatrix;
  /** F·v for a length-n vector v (length r). */
  apply(v: Float64Array): Float64Array;
  /**
   * Standard deviation of each entry of F·ε per unit σ when ε ~ N(0, σ²I), the entries being
   * independent (true for the identity and the Puffer family); null means all ones.
   */
  readonly noise: Float64Array | null;
}

/** The identity transform (plain Lasso on column-normalized X). @internal */
export function identityPreconditioner(X: DenseMatrix): RowPreconditioner {
  return { name: 'identity', X, apply: (v) => Float64Array.from(v), noise: null };
}

/** The thin SVD shared by every Puffer-family preconditioner of one design. @internal */
export interface PufferBasis {
  /** Uᵀ as an r x n matrix (the nonnegligible left singular vectors). */
  Ut: DenseMatrix;
  /** Singular values kept (descending, length r). */
  s: Float64Array;
  /** Vᵀ rows kept (r x d). */
  Vt: DenseMatrix;
}

/**
 * Thin SVD of X from the eigendecomposition of its smaller Gram matrix (XXᵀ when n ≤ d, else XᵀX),
 * keeping singular values above rcond·σ₁: directions X cannot see carry only noise. Squaring the
 * spectrum resolves singular values only down to about √ε·σ₁, which is why rcond defaults to 1e-6;
 * in exchange it costs O(nd·min(n, d)) in one GEMM plus an eigh of order min(n, d), several times
 * less than a QR-based SVD.
 * @internal
 */
export function pufferBasis(X: DenseMatrix, rcond = 1e-6): PufferBasis {
  const { rows: n, cols: d, data } = X;
  const wide = n <= d;
  const m = wide ? n : d;
  // G = XXᵀ (n x n) or XᵀX (d x d).
  const G = wide ? gramDense({ rows: d, cols: n, data: denseTranspose(X).data }) : gramDense(X);
  const { values, vectors } = eighDense(G, true);
  const W = vectors!;
  const lmax = m > 0 ? Math.max(values[m - 1]!, 0) : 0;
  const keep: number[] = [];
  for (let t = m - 1; t >= 0; t--) if (values[t]! > rcond * rcond * lmax && values[t]! > 0) keep.push(t);
  const r = keep.length;
  const s = Float64Array.from(keep, (t) => Math.sqrt(values[t]!));
  // The kept eigenvectors as rows (r x m), descending.
  const E = new Float64Array(r * m);
  for (let a = 0; a < r; a++) for (let i = 0; i < m; i++) E[a * m + i] = W.data[i * m + keep[a]!]!;
  // The other factor: Vᵀ = D⁻¹·Uᵀ·X (wide) or Uᵀ = D⁻¹·Vᵀ·Xᵀ (tall).
  const other = new Float64Array(r * (wide ? d : n));
  if (wide) gemm(false, false, r, d, n, 1, E, 0, n, data, 0, d, 0, other, 0, d);
  else gemm(false, true, r, n, d, 1, E, 0, d, data, 0, d, 0, other, 0, n);
  const w = wide ? d : n;
  for (let a = 0; a < r; a++) for (let j = 0; j < w; j++) other[a * w + j] = other[a * w + j]! / s[a]!;
  return wide
    ? { Ut: { rows: r, cols: n, data: E }, s, Vt: { rows: r, cols: d, data: other } }
    : { Ut: { rows: r, cols: n, data: other }, s, Vt: { rows: r, cols: d, data: E } };
}

/**
 * F_τ = U·(D² + τσ₁²)^(−1/2)·Uᵀ from a {@link pufferBasis}, expressed in the r coordinates of Uᵀ
 * (F·X = (D² + τσ₁²)^(−1/2)·D·Vᵀ and F·y = (D² + τσ₁²)^(−1/2)·Uᵀy: the rotation U changes no
 * Lasso solution, so it is left out). τ = 0 is the Puffer transform. O(rd).
 * @internal
 */
export function pufferPreconditioner(basis: PufferBasis, tau = 0): RowPreconditioner {
  const { Ut, s, Vt } = basis;
  const r = s.length;
  const d = Vt.cols;
  const s1sq = r > 0 ? s[0]! * s[0]! : 0;
  const f = new Float64Array(r);
  for (let t = 0; t < r; t++) f[t] = 1 / Math.sqrt(s[t]! * s[t]! + tau * s1sq);
  const FX = new Float64Array(r * d);
  for (let t = 0; t < r; t++) {
    const c = f[t]! * s[t]!;
    for (let j = 0; j < d; j++) FX[t * d + j] = c * Vt.data[t * d + j]!;
  }
  return {
    name: tau === 0 ? 'puffer' : `puffer(tau=${tau})`,
    X: { rows: r, cols: d, data: FX },
    noise: f,
    apply(v) {
      const u = matvecDense(Ut, v);
      for (let t = 0; t < r; t++) u[t] = u[t]! * f[t]!;
      return u;
    },
  };
}

/**
 * Unit Euclidean column norms of X: returns the scaled copy and the norms. Columns of norm ≤ 1e-12
 * of the largest (zero, or constant before centring) are set to zero with norm 0.
 * @internal
 */
export function normalizeColumns(X: DenseMatrix): { X: DenseMatrix; norms: Float64Array } {
  const out = { rows: X.rows, cols: X.cols, data: X.data.slice() };
  return { X: out, norms: normalizeColumnsInPlace(out) };
}

/**
 * {@link normalizeColumns} overwriting X (a matrix the caller owns): returns the norms.
 * @internal
 */
export function normalizeColumnsInPlace(X: DenseMatrix): Float64Array {
  const { rows, cols, data } = X;
  // Sums of squares accumulated row by row (contiguous reads; the same order as a column-wise
  // sum); a column whose sum under- or overflows is redone by the scaled nrm2At.
  const norms = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j]!;
      norms[j] = norms[j]! + v * v;
    }
  }
  let top = 0;
  for (let j = 0; j < cols; j++) {
    const s = norms[j]!;
    norms[j] = s > 1e-290 && s < 1e290 ? Math.sqrt(s) : nrm2At(rows, data, j, cols);
    top = Math.max(top, norms[j]!);
  }
  // A centred constant column is rounding noise, not a feature: treat it as zero.
  for (let j = 0; j < cols; j++) if (norms[j]! <= 1e-12 * top) norms[j] = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] = norms[j]! > 0 ? data[o + j]! / norms[j]! : 0;
  }
  return norms;
}
