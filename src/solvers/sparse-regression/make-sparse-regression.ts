/**
 * Seeded synthetic sparse-regression problems with a uniformly random support, on the designs that
 * separate the methods: isotropic, AR(1) and constant correlation, decoy columns (sums of other
 * columns), ill-conditioned (a rotated spectrum), and spread column scales.
 *
 * @module
 */
import { checkNumber, checkPositiveInt } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';
import { toNdarray, type NdArray } from '../../formats/dense.js';
import { gemm } from '../../linalg/dense/gemm.js';
import { matvecDense } from '../../linalg/dense/matvec.js';
import { choleskyDense } from '../../linalg/dense/cholesky.js';
import { solveTriangularVecInPlace } from '../../linalg/dense/triangular.js';
import { qrDense, qrFree, qrQDense } from '../../linalg/dense/qr.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** The correlation structures {@link makeSparseRegression} can draw. */
export type SyntheticDesign = 'isotropic' | 'ar1' | 'constant' | 'decoy' | 'illConditioned' | 'bandedPrecision';

/** Options of {@link makeSparseRegression}. */
export interface MakeSparseRegressionOptions {
  /** Samples (rows). */
  n: number;
  /** Features (columns). */
  d: number;
  /** Nonzero coefficients, 1 ≤ k ≤ d; the support is uniformly random. */
  k: number;
  /** Row distribution. Default `'isotropic'` (i.i.d. N(0, 1)). */
  design?: SyntheticDesign;
  /** Correlation ρ for `'ar1'` (Σᵢⱼ = ρ^|i−j|) and `'constant'` (Σᵢⱼ = ρ off the diagonal); for `'bandedPrecision'` the precision's off-diagonal band is −ρ/(2·bandwidth). Default 0.5. */
  rho?: number;
  /** Half-bandwidth b of the precision matrix of `'bandedPrecision'`. Default 3. */
  bandwidth?: number;
  /** Condition number of the population covariance's square root for `'illConditioned'`. Default 1e6. */
  conditionNumber?: number;
  /** Number of decoy columns for `'decoy'` (each the sum of two other columns). Default ⌊d/10⌋. */
  decoys?: number;
  /** Column scales log-spaced from `columnScales[0]` to `columnScales[1]` (random order). Default none. */
  columnScales?: readonly [number, number];
  /**
   * Coefficients on the support: `'normal'` N(0, 1), `'abess'` uniform in [b, 100b], b = 5√(2 ln d / n),
   * or `'ones'` all 1 (L0Learn's generators). Default `'normal'`.
   */
  coefficients?: 'normal' | 'abess' | 'ones';
  /** Noise standard deviation σ. Default 0. */
  noise?: number;
  /** Seed of every random choice. */
  seed?: Seed;
}

/** A problem made by {@link makeSparseRegression}. */
export interface SparseRegressionProblem {
  /** n x d design. */
  X: NdArray;
  /** y = X·coef + σ·ε. */
  y: Float64Array;
  /** The noiseless response X·coef. */
  yTrue: Float64Array;
  /** The true coefficients (k nonzeros). */
  coef: Float64Array;
  /** The true support, ascending. */
  support: Int32Array;
}

const KEYS = optionKeys<MakeSparseRegressionOptions>({ n: true, d: true, k: true, design: true, rho: true, bandwidth: true, conditionNumber: true, decoys: true, columnScales: true, coefficients: true, noise: true, seed: true });

/**
 * Draw a k-sparse linear regression problem y = X·w* + σε with a uniformly random support.
 *
 * Designs: `'isotropic'` X ~ N(0, I); `'ar1'` rows with Σᵢⱼ = ρ^|i−j| (an AR(1) process along the
 * features); `'constant'` Σᵢⱼ = ρ for i ≠ j; `'decoy'` isotropic, but the last `decoys` columns are
 * each the exact sum of two other columns (so plain Lasso can prefer a decoy to the true pair);
 * `'illConditioned'` X = Z·diag(s)·Qᵀ with Q a random rotation and s log-spaced from 1 to
 * 1/conditionNumber; `'bandedPrecision'` rows ~ N(0, Θ⁻¹) for the banded precision Θ with unit
 * diagonal and −ρ/(2b) on the b off-diagonals each side (diagonally dominant for ρ < 1; a Gaussian
 * graphical model of treewidth b whose covariance is dense and, as ρ → 1, strongly correlated),
 * drawn as x = L⁻ᵀz with Θ = L·Lᵀ. `columnScales` then rescales the columns. O(nd) (O(nd² + d³)
 * for `'illConditioned'` and `'bandedPrecision'`).
 *
 * @param options - {@link MakeSparseRegressionOptions}
 * @returns {@link SparseRegressionProblem}
 * @throws {@link ArgumentError} on a bad size, k outside [1, d], ρ outside its range, or a bad design name.
 *
 * @example
 * ```ts
 * import { makeSparseRegression } from 'sparsity';
 * const p = makeSparseRegression({ n: 50, d: 20, k: 3, design: 'ar1', rho: 0.9, seed: 1 });
 * p.X.shape; // => [50, 20]
 * p.support.length; // => 3
 * Array.from(p.coef).filter((v) => v !== 0).length; // => 3
 * ```
 */
export function makeSparseRegression(options: MakeSparseRegressionOptions): SparseRegressionProblem {
  if (options === undefined || options === null) throw new ArgumentError('options', options, 'an options object');
  options = readOptions('makeSparseRegression', options, KEYS);
  const n = checkPositiveInt('n', options.n);
  const d = checkPositiveInt('d', options.d);
  const k = checkPositiveInt('k', options.k, d);
  const design = options.design ?? 'isotropic';
  const rho = checkNumber('rho', options.rho ?? 0.5, design === 'ar1' ? -1 : 0, 1);
  if (design === 'ar1' && Math.abs(rho) >= 1) throw new ArgumentError('rho', rho, 'a value in (-1, 1) for AR(1)');
  const sigma = checkNumber('noise', options.noise ?? 0, 0);
  const rng = createRng(options.seed);
  const X = new Float64Array(n * d);
  rng.fillNormal(X);
  switch (design) {
    case 'isotropic':
      break;
    case 'ar1': {
      const c = Math.sqrt(1 - rho * rho);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let j = 1; j < d; j++) X[o + j] = rho * X[o + j - 1]! + c * X[o + j]!;
      }
      break;
    }
    case 'constant': {
      const a = Math.sqrt(rho);
      const c = Math.sqrt(1 - rho);
      for (let i = 0; i < n; i++) {
        const u = rng.normal();
        for (let j = 0; j < d; j++) X[i * d + j] = a * u + c * X[i * d + j]!;
      }
      break;
    }
    case 'decoy': {
      const m = options.decoys === undefined ? Math.floor(d / 10) : checkPositiveInt('decoys', options.decoys, Math.floor(d / 3));
      const base = d - m;
      if (base < 2) throw new ArgumentError('decoys', m, `fewer decoys, so that at least 2 of the ${d} columns are not decoys`);
      for (let t = 0; t < m; t++) {
        const j = base + t;
        const a = rng.integer(0, base);
        let b = rng.integer(0, base - 1);
        if (b >= a) b++;
        for (let i = 0; i < n; i++) X[i * d + j] = X[i * d + a]! + X[i * d + b]!;
      }
      break;
    }
    case 'illConditioned': {
      const kappa = checkNumber('conditionNumber', options.conditionNumber ?? 1e6, 1);
      const G = new Float64Array(d * d);
      rng.fillNormal(G);
      const F = qrDense({ rows: d, cols: d, data: G });
      const Q = qrQDense(F);
      qrFree(F);
      // Z·diag(s): scale the columns of Z, then multiply by Qᵀ.
      for (let j = 0; j < d; j++) {
        const s = d === 1 ? 1 : Math.pow(kappa, -j / (d - 1));
        for (let i = 0; i < n; i++) X[i * d + j] = X[i * d + j]! * s;
      }
      const out = new Float64Array(n * d);
      gemm(false, true, n, d, d, 1, X, 0, d, Q.data, 0, d, 0, out, 0, d);
      X.set(out);
      break;
    }
    case 'bandedPrecision': {
      if (rho >= 1) throw new ArgumentError('rho', rho, "a value in [0, 1) for 'bandedPrecision'");
      const b = checkPositiveInt('bandwidth', options.bandwidth ?? 3);
      const T = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        T[i * d + i] = 1;
        for (let j = Math.max(0, i - b); j < i; j++) T[i * d + j] = -rho / (2 * b);
      }
      const L = choleskyDense({ rows: d, cols: d, data: T });
      for (let i = 0; i < n; i++) solveTriangularVecInPlace(L, X.subarray(i * d, i * d + d), true, true);
      break;
    }
    default:
      throw new ArgumentError('design', design, "'isotropic', 'ar1', 'constant', 'decoy', 'illConditioned' or 'bandedPrecision'");
  }
  if (options.columnScales !== undefined) {
    const cs = options.columnScales;
    if (!Array.isArray(cs) || cs.length !== 2) throw new ArgumentError('columnScales', cs, 'a pair [low, high] of positive numbers');
    const lo = checkNumber('columnScales[0]', cs[0], 0, Infinity, true);
    const hi = checkNumber('columnScales[1]', cs[1], 0, Infinity, true);
    const order = rng.permutation(d);
    for (let j = 0; j < d; j++) {
      const s = d === 1 ? hi : lo * Math.pow(hi / lo, order[j]! / (d - 1));
      for (let i = 0; i < n; i++) X[i * d + j] = X[i * d + j]! * s;
    }
  }
  const supportArr = Array.from(rng.sample(d, k)).sort((a, b) => a - b);
  const support = Int32Array.from(supportArr);
  const coef = new Float64Array(d);
  const kind = options.coefficients ?? 'normal';
  if (kind !== 'normal' && kind !== 'abess' && kind !== 'ones') throw new ArgumentError('coefficients', kind, "'normal', 'abess' or 'ones'");
  const b = 5 * Math.sqrt((2 * Math.log(d)) / n);
  for (const j of supportArr) coef[j] = kind === 'normal' ? rng.normal() : kind === 'ones' ? 1 : rng.uniform(b, 100 * b);
  const A = { rows: n, cols: d, data: X };
  const yTrue = matvecDense(A, coef);
  const y = Float64Array.from(yTrue);
  for (let i = 0; i < n; i++) y[i] = y[i]! + sigma * rng.normal();
  return { X: toNdarray(A), y, yTrue, coef, support };
}
