/**
 * Kronecker OMP (N-way OMP; Caiafa & Cichocki 2013), the greedy baseline of KroSBL.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { DenseInput } from '../../formats/dense.js';
import { type CMat, type CVec, cpinv, fromCVec, selectColumns, toCMat, toCVec } from '../../linalg/dense/complex.js';
import { kronApply } from '../../linalg/dense/kron-matvec.js';
import { norm2, residualNorm2 } from './common.js';
import { readOptions } from '../../core/options.js';

/** Options of {@link kroOmp}. */
export interface KroOMPOptions {
  /** Atoms to select per factor: one number for all factors or one per factor (required). */
  sparsity: number | number[];
  /** Stop when ‖y − Hx‖ / ‖y‖ ≤ tol (default 0: only the sparsity stops). */
  tol?: number;
  /** Complex data (interleaved re/im rows and y), as in {@link kroSbl}. Default false. */
  complex?: boolean;
}

/** Result of {@link kroOmp}. */
export interface KroOMPResult {
  /** Coefficients (length Π Nᵢ; interleaved complex with `complex`). */
  x: Float64Array;
  /** Selected atoms of each factor, in the order they were chosen. */
  supports: Int32Array[];
  /** Global (Kronecker-order) indices of the coefficient block, ascending. */
  support: Int32Array;
  /** True when every factor reached its sparsity or the residual fell below tol. */
  converged: boolean;
  /** Selection steps. */
  iterations: number;
  /** Relative residual ‖y − Hx‖/‖y‖ after each step. */
  history: number[];
}

/**
 * Kronecker orthogonal matching pursuit (N-way OMP, Caiafa & Cichocki 2013): greedy recovery of
 * a block-sparse x from y = (H₁ ⊗ … ⊗ H_I)·x, selecting atoms factor by factor.
 *
 * Each step correlates the residual with every Kronecker atom at once, c = (⊗Hᵢᴴ)·r (one vec-trick
 * product), takes the multi-index (j₁, …, j_I) of max |c| and adds each jᵢ to factor i's support
 * (until it holds `sparsity[i]` atoms); the coefficients on S₁ × … × S_I are the least-squares
 * solution ⊗(Hᵢ[:, Sᵢ])⁺·y (the pseudo-inverse of a Kronecker product is the Kronecker product of
 * the pseudo-inverses). O(Π Nᵢ·Σ Mᵢ) per step plus small SVDs.
 *
 * @param factors - the dictionaries H₁ … H_I (Mᵢ x Nᵢ; interleaved complex rows with `complex`)
 * @param y - measurements of length Π Mᵢ (2·Π Mᵢ interleaved with `complex`)
 * @param options - {@link KroOMPOptions}
 * @returns `{ x, supports, support, converged, iterations, history }`
 * @throws {@link ShapeError} when Π Mᵢ differs from y's length; {@link ArgumentError} on an empty
 *   factor list or factor, NaN/Infinity, a missing or out-of-range `sparsity`, an unknown option.
 *
 * @example
 * ```ts
 * import { kroOmp, kronMatvec } from 'sparsity';
 * const H1 = [[1, 0, 1], [0, 1, 1]];
 * const H2 = [[1, 2, 0], [0, 1, 1], [1, 0, 1]];
 * const x = new Float64Array(9);
 * x[5] = 2; // atom (1, 2)
 * const r = kroOmp([H1, H2], kronMatvec([H1, H2], x), { sparsity: 1 });
 * Array.from(r.support); // => [5]
 * Math.round(r.x[5] * 1e10) / 1e10; // => 2
 * ```
 */
export function kroOmp(factors: readonly DenseInput[], y: VectorLike, options: KroOMPOptions): KroOMPResult {
  options = readOptions('kroOmp', options, ['sparsity', 'tol', 'complex']);
  const complex = !!options.complex;
  if (!Array.isArray(factors) || factors.length === 0) throw new ArgumentError('factors', factors, 'a non-empty array of dictionaries');
  const F = factors.map((A, i) => toCMat(A, `factors[${i}]`, complex));
  const I = F.length;
  F.forEach((A, i) => {
    if (A.rows === 0 || A.cols === 0) throw new ArgumentError(`factors[${i}]`, `a ${A.rows} x ${A.cols} matrix`, 'a dictionary with at least one row and one column');
  });
  const sizes = F.map((A) => A.cols);
  const s = options.sparsity;
  const sparsity = typeof s === 'number'
    ? sizes.map((n, i) => checkPositiveInt(`sparsity (factor ${i})`, s, n))
    : Array.isArray(s) && s.length === I ? s.map((v, i) => checkPositiveInt(`sparsity[${i}]`, v, sizes[i]!)) : (() => { throw new ArgumentError('sparsity', s, `a positive integer or an array of ${I} of them`); })();
  const tol = options.tol === undefined ? 0 : checkNumber('tol', options.tol, 0);
  const yv = toCVec(y, 'y', complex);
  const M = F.reduce((p, A) => p * A.rows, 1);
  if (yv.re.length !== M) throw new ShapeError('kroOmp', [M, sizes.reduce((p, n) => p * n, 1)], complex ? 2 * yv.re.length : yv.re.length);
  const ynorm = Math.sqrt(norm2(yv));
  const supports: number[][] = sizes.map(() => []);
  let r: CVec = { re: Float64Array.from(yv.re), im: yv.im ? Float64Array.from(yv.im) : null };
  let coef: CVec = { re: new Float64Array(0), im: null };
  const history: number[] = [];
  let converged = ynorm === 0;
  let iterations = 0;
  while (!converged) {
    const c = kronApply(F, r, true);
    let best = 0;
    let bestVal = -1;
    for (let n = 0; n < c.re.length; n++) {
      const v = c.re[n]! ** 2 + (c.im ? c.im[n]! ** 2 : 0);
      if (v > bestVal) { bestVal = v; best = n; }
    }
    let added = false;
    for (let i = I - 1, rem = best; i >= 0; i--) {
      const j = rem % sizes[i]!;
      rem = Math.floor(rem / sizes[i]!);
      if (!supports[i]!.includes(j) && supports[i]!.length < sparsity[i]!) {
        supports[i]!.push(j);
        added = true;
      }
    }
    if (!added) break;
    iterations++;
    const sub: CMat[] = F.map((A, i) => selectColumns(A, supports[i]!));
    coef = kronApply(sub.map(cpinv), yv, false);
    const fit = kronApply(sub, coef, false);
    const rel = ynorm > 0 ? Math.sqrt(residualNorm2(yv, fit)) / ynorm : 0;
    r = { re: yv.re.map((v, m) => v - fit.re[m]!), im: yv.im || fit.im ? yv.re.map((_, m) => (yv.im ? yv.im[m]! : 0) - (fit.im ? fit.im[m]! : 0)) : null };
    history.push(rel);
    if (rel <= tol || supports.every((S, i) => S.length === sparsity[i])) converged = true;
  }
  // Scatter the coefficient block (ordered by selection) into x.
  const N = sizes.reduce((p, n) => p * n, 1);
  const x: CVec = { re: new Float64Array(N), im: complex ? new Float64Array(N) : null };
  const dims = supports.map((S) => S.length);
  const total = dims.reduce((p, d) => p * d, 1);
  const global = new Int32Array(total);
  for (let t = 0; t < total; t++) {
    let g = 0;
    let stride = total;
    let rem = t;
    for (let i = 0; i < I; i++) {
      stride /= dims[i]!;
      const k = Math.floor(rem / stride);
      rem -= k * stride;
      g = g * sizes[i]! + supports[i]![k]!;
    }
    global[t] = g;
    x.re[g] = coef.re[t] ?? 0;
    if (x.im) x.im[g] = coef.im ? coef.im[t]! : 0;
  }
  return { x: fromCVec(x, complex), supports: supports.map((S) => Int32Array.from(S)), support: global.sort(), converged, iterations, history };
}
