/**
 * Orthogonal matching pursuit with a Cholesky factor of the selected columns' Gram matrix grown
 * one row per step (scikit-learn's `OrthogonalMatchingPursuit`).
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../../formats/dense.js';
import type { DenseMatrix } from '../../core/dense.js';
import { choSolve } from '../../linalg/index.js';
import { rmatvecDense } from '../../linalg/dense/matvec.js';
import { choleskyAppend } from '../../linalg/dense/cholesky-update.js';
import { axpy, dot } from '../../kernels/blas1.js';
import { readOptions } from '../../core/options.js';

/** Smallest positive normal double (NumPy's `finfo(float).tiny`), sklearn's degeneracy test. */
const TINY = 2.2250738585072014e-308;

/** Per-step information passed to `onIteration` of {@link omp}. */
export interface OMPIterationInfo {
  /** Number of selected columns so far. */
  iteration: number;
  /** Column chosen in this step. */
  index: number;
  /** Squared residual norm ‖y − X·coef‖² after this step. */
  residualNorm2: number;
}

/** Options of {@link omp}. */
export interface OMPOptions {
  /** Number of nonzero coefficients to select (default max(⌊n/10⌋, 1) when `tol` is not given). */
  nNonzeroCoefs?: number;
  /** Stop when the squared residual norm ‖y − X·coef‖² ≤ tol (scikit-learn's meaning); overrides `nNonzeroCoefs`. */
  tol?: number;
  /** Center X's columns and y first and return the intercept (default true, as scikit-learn). */
  fitIntercept?: boolean;
  /** Called after every selection; returning false stops (`stopped: true`). */
  onIteration?: (info: OMPIterationInfo) => boolean | void;
}

/** Result of {@link omp}. */
export interface OMPResult {
  /** Coefficients (length n), zero outside the support. */
  coef: Float64Array;
  /** Intercept (0 without `fitIntercept`). */
  intercept: number;
  /** Selected columns in the order they were chosen. */
  support: Int32Array;
  /** True when the requested sparsity or tolerance was reached (false after a degenerate column or a stop). */
  converged: boolean;
  /** Set when onIteration returned false. */
  stopped?: boolean;
  /** Number of selection steps. */
  iterations: number;
  /** Squared residual norm after each step. */
  history: number[];
}

/**
 * Orthogonal matching pursuit (Pati et al. 1993; scikit-learn's `OrthogonalMatchingPursuit`):
 * greedily select the column most correlated with the residual, then refit y on all selected
 * columns by least squares.
 *
 * Step k: j = argmax |Xᵀr|, S ← S ∪ {j}; the Cholesky factor L of X_SᵀX_S gains one row
 * (wᵀ = L⁻¹X_Sᵀxⱼ, ℓ = √(‖xⱼ‖² − ‖w‖²)); coef_S = (LLᵀ)⁻¹X_Sᵀy; r = y − X_S·coef_S. A step costs
 * O(mn + k²) (one correlation pass and two triangular solves), never refactoring. Stops at
 * `nNonzeroCoefs` columns, at ‖r‖² ≤ `tol`, or (as scikit-learn, with `converged: false`) when the
 * chosen column is already selected or linearly dependent on the selection.
 *
 * @param X - m x n dense design matrix
 * @param y - response of length m
 * @param options - {@link OMPOptions}
 * @returns `{ coef, intercept, support, converged, iterations, history }`
 * @throws {@link ShapeError} when y's length is not m; {@link ArgumentError} on NaN/Infinity, an
 *   unknown option, `nNonzeroCoefs` outside [1, n], a negative `tol`.
 *
 * @example
 * ```ts
 * import { omp } from 'sparsity';
 * const X = [[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 0]];
 * const r = omp(X, [2, 0, 0, 2], { nNonzeroCoefs: 1, fitIntercept: false });
 * Array.from(r.support); // => [0]
 * Array.from(r.coef, (v) => Math.round(v * 1e12) / 1e12); // => [2, 0, 0]
 * ```
 */
export function omp(X: DenseInput, y: VectorLike, options: OMPOptions = {}): OMPResult {
  options = readOptions('omp', options, ['nNonzeroCoefs', 'tol', 'fitIntercept', 'onIteration']);
  const A0 = asDenseMatrix(X, 'X');
  const y0 = toFloat64(y, 'y');
  const { rows: m, cols: n } = A0;
  if (y0.length !== m) throw new ShapeError('omp', [m, n], y0.length);
  if (n === 0) throw new ArgumentError('X', 'a matrix with 0 columns', 'at least one column');
  const tol = options.tol === undefined ? undefined : checkNumber('tol', options.tol, 0);
  const k = options.nNonzeroCoefs === undefined ? Math.max(Math.floor(0.1 * n), 1) : checkPositiveInt('nNonzeroCoefs', options.nNonzeroCoefs, n);
  if (options.onIteration !== undefined && typeof options.onIteration !== 'function') throw new ArgumentError('onIteration', options.onIteration, 'a function (info) => boolean | void');
  const fitIntercept = options.fitIntercept ?? true;
  // Centering (a copy: inputs are never mutated).
  const xMean = new Float64Array(n);
  let yMean = 0;
  let a = A0.data;
  let yv = y0;
  if (fitIntercept && m > 0) {
    a = A0.data.slice();
    yv = y0.slice();
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) xMean[j] = xMean[j]! + a[i * n + j]! / m;
    for (let i = 0; i < m; i++) yMean += yv[i]! / m;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! - xMean[j]!;
      yv[i] = yv[i]! - yMean;
    }
  }
  const { support, gamma, history, converged, stopped } = ompSteps(rowMajorColumns({ rows: m, cols: n, data: a }), yv, tol === undefined ? k : Math.min(m, n), tol, options.onIteration);
  const coef = new Float64Array(n);
  support.forEach((j, t) => { coef[j] = gamma[t]!; });
  let intercept = 0;
  if (fitIntercept) {
    intercept = yMean;
    for (let j = 0; j < n; j++) intercept -= xMean[j]! * coef[j]!;
  }
  const out: OMPResult = { coef, intercept, support: Int32Array.from(support), converged, iterations: support.length, history };
  if (stopped) out.stopped = true;
  return out;
}

/**
 * The columns OMP reads: Aᵀr (into `out`, length cols; A was checked for NaN/Infinity once, so the
 * per-step product skips that check) and column j as a length-rows vector that stays valid. @internal
 */
export interface OMPColumns {
  readonly rows: number;
  readonly cols: number;
  corr(r: Float64Array, out: Float64Array): Float64Array;
  column(j: number): Float64Array;
}

/** The columns of a row-major matrix; the selected ones are read as contiguous copies (the steps read them O(k) times each). @internal */
export function rowMajorColumns(A: DenseMatrix): OMPColumns {
  const { rows: m, cols: n, data: a } = A;
  return {
    rows: m, cols: n,
    corr: (r, out) => rmatvecDense(A, r, out),
    column: (j) => {
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) out[i] = a[i * n + j]!;
      return out;
    },
  };
}

/** What {@link ompSteps} selected. @internal */
export interface OMPSteps {
  support: number[];
  /** Coefficients of the support's columns, in selection order. */
  gamma: Float64Array;
  history: number[];
  converged: boolean;
  stopped: boolean;
}

/**
 * The selection steps of {@link omp} on (already centred) columns `A` and response `yv`: at most
 * `maxFeatures` selections, or until ‖r‖² ≤ `tol`; `onIteration` returning false stops. @internal
 */
export function ompSteps(A: OMPColumns, yv: Float64Array, maxFeatures: number, tol: number | undefined, onIteration?: (info: OMPIterationInfo) => boolean | void): OMPSteps {
  const { rows: m, cols: n } = A;
  const alpha = A.corr(yv, new Float64Array(n));
  const chosen: Float64Array[] = [];
  const support: number[] = [];
  const selected = new Uint8Array(n);
  const L = new Float64Array(maxFeatures * maxFeatures);
  let gamma: Float64Array = new Float64Array(0);
  let residual: Float64Array = Float64Array.from(yv);
  const history: number[] = [];
  let converged = false;
  let stopped = false;
  const c = new Float64Array(n);
  while (true) {
    A.corr(residual, c);
    let lam = 0;
    for (let j = 1; j < n; j++) if (Math.abs(c[j]!) > Math.abs(c[lam]!)) lam = j;
    if (selected[lam] || alpha[lam]! ** 2 < TINY) break;
    const s = support.length;
    // New row of L: L⁻¹·X_Sᵀx_lam, diagonal √(‖x_lam‖² − ‖L⁻¹·X_Sᵀx_lam‖²); stop when it is not above TINY.
    const xl = A.column(lam);
    const v = new Float64Array(s);
    for (let t = 0; t < s; t++) v[t] = dot(chosen[t]!, xl);
    const diag = dot(xl, xl);
    if (!choleskyAppend(L, maxFeatures, s, v, diag, TINY / diag)) break;
    chosen.push(xl);
    support.push(lam);
    selected[lam] = 1;
    const kk = support.length;
    const rhs = Float64Array.from(support, (j) => alpha[j]!);
    gamma = choSolve({ rows: kk, cols: kk, data: leading(L, maxFeatures, kk) }, rhs);
    residual = Float64Array.from(yv);
    for (let t = 0; t < kk; t++) axpy(-gamma[t]!, chosen[t]!, residual);
    const r2 = dot(residual, residual);
    history.push(r2);
    if (onIteration && onIteration({ iteration: kk, index: lam, residualNorm2: r2 }) === false) {
      stopped = true;
      break;
    }
    if (tol !== undefined ? r2 <= tol : kk === maxFeatures) {
      converged = true;
      break;
    }
    if (kk === maxFeatures) break;
  }
  return { support, gamma, history, converged, stopped };
}

/** The leading s x s block of a row-major ld x ld array, as a contiguous copy. */
function leading(L: Float64Array, ld: number, s: number): Float64Array {
  const out = new Float64Array(s * s);
  for (let i = 0; i < s; i++) for (let j = 0; j <= i; j++) out[i * s + j] = L[i * ld + j]!;
  return out;
}
