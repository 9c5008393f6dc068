/**
 * A few eigenpairs of a large symmetric operator by thick-restart Lanczos with full
 * reorthogonalization (Wu & Simon, 2000), the restarted-Lanczos counterpart of ARPACK's `eigsh`.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { type IterativeResult, optionKeys, readOptions } from '../../core/options.js';
import { createRng, type Seed } from '../../core/rng.js';
import { type NdArray, toNdarray } from '../../formats/dense.js';
import { axpyAt, dotAt, gemvRowsNSub, gemvRowsT, nrm2At } from '../../kernels/blas1.js';
import { eighDense } from '../dense/eigh.js';
import { gemm } from '../dense/gemm.js';
import { gemvRowsWasm } from '../../kernels/dense/gemm.js';
import { allocF64, discardF64 } from '../../kernels/runtime/memory.js';
import { optCallback, optMaxIter, optTol } from './common.js';
import { checkSymmetric } from './symmetry.js';
import { type LinearOperator, type OperatorSource, type PreconditionerSource, applyInto, toOperator } from './linear-operator.js';
import { shiftInvertOperator } from './shift-invert.js';
import { withResidency } from '../../kernels/index.js';

const EPS = 2.220446049250313e-16;
const EPS23 = EPS ** (2 / 3);

type Which = 'LM' | 'LA' | 'SA' | 'SM';

/** What {@link eigsh} passes to `onIteration` after each restart cycle. */
export interface EigshIterationInfo {
  /** Restart cycles done. */
  iteration: number;
  /** Products with A so far. */
  matvecs: number;
  /** Current Ritz values of the wanted eigenvalues (ascending). */
  values: Float64Array;
  /** Their residual estimates ‖A·v − θ·v‖. */
  residualNorms: Float64Array;
  /** How many of the k wanted pairs satisfy the tolerance. */
  nconv: number;
}

/** Options of {@link eigsh}. */
export interface EigshOptions {
  /**
   * `'LM'` largest magnitude (default), `'LA'` largest algebraic, `'SA'` smallest algebraic,
   * `'SM'` smallest magnitude. With `sigma` these apply to ν = 1/(λ − σ), as in ARPACK's
   * shift-invert mode: `'LM'` gives the eigenvalues nearest σ.
   */
  which?: 'LM' | 'LA' | 'SA' | 'SM';
  /**
   * Shift-invert mode: find eigenvalues near σ by running Lanczos on (A − σI)⁻¹, applied through
   * `OPinv` or else a sparse factorization of A − σI made once (A must then be a sparse or dense
   * matrix, not only an operator).
   */
  sigma?: number;
  /** x ↦ (A − σI)⁻¹·x for shift-invert mode (SciPy's `OPinv`): a LinearOperator, matrix or function. Requires `sigma`. */
  OPinv?: PreconditionerSource;
  /** Relative accuracy of the Ritz values: ‖A·v − θv‖ ≤ tol·max(|θ|, ε^{2/3}); 0 (default) means machine precision, as ARPACK. */
  tol?: number;
  /** Restart cycles allowed (default max(100, 10·n / ncv)). */
  maxIter?: number;
  /** Basis size (Lanczos vectors per cycle): default min(n, max(2k + 1, 20)), as SciPy. */
  ncv?: number;
  /** Starting vector (default: seeded random). */
  v0?: VectorLike;
  /** Seed of the random starting vector. */
  seed?: Seed;
  /** Called after each restart cycle; return `false` to stop. */
  onIteration?: (info: EigshIterationInfo) => boolean | void;
}

/** Result of {@link eigsh}. */
export interface EigshResult extends IterativeResult<'converged' | 'maxIter' | 'stopped', number> {
  /** The k eigenvalues, ascending (as SciPy returns them). */
  values: Float64Array;
  /** n x k: column i is the unit eigenvector of values[i]. */
  vectors: NdArray;
  /** All k pairs met the tolerance. */
  converged: boolean;
  /** Number of converged pairs among the k. */
  nconv: number;
  /** Restart cycles done. */
  iterations: number;
  /** Products with A. */
  matvecs: number;
  /** Residual estimates ‖A·vᵢ − λᵢvᵢ‖ of the returned pairs (with `sigma`: ‖OPinv·vᵢ − νᵢvᵢ‖, νᵢ = 1/(λᵢ − σ)). */
  residualNorms: Float64Array;
  /** Largest residual estimate among the wanted pairs after each cycle. */
  history: number[];
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Why it stopped: `'converged'` (all k pairs), `'maxIter'` (restart cycles spent) or `'stopped'` (onIteration). */
  reason: 'converged' | 'maxIter' | 'stopped';
}

/** Indices of the `count` best Ritz values under `which`, best first. */
function select(theta: Float64Array, count: number, which: Which): number[] {
  const idx = Array.from(theta, (_, i) => i);
  if (which === 'LA') idx.sort((a, b) => theta[b]! - theta[a]!);
  else if (which === 'SA') idx.sort((a, b) => theta[a]! - theta[b]!);
  else if (which === 'SM') idx.sort((a, b) => Math.abs(theta[a]!) - Math.abs(theta[b]!));
  else idx.sort((a, b) => Math.abs(theta[b]!) - Math.abs(theta[a]!));
  return idx.slice(0, count);
}

const EIGSH_KEYS = optionKeys<EigshOptions>({ which: true, tol: true, maxIter: true, ncv: true, v0: true, seed: true, onIteration: true, sigma: true, OPinv: true });

/**
 * k eigenvalues and eigenvectors of a large sparse (or matrix-free) symmetric A, as
 * `scipy.sparse.linalg.eigsh`: `which` picks the largest magnitude (`'LM'`), largest algebraic
 * (`'LA'`), smallest algebraic (`'SA'`) or smallest magnitude (`'SM'`) ones; with `sigma`, the
 * ones nearest σ (shift-invert mode, ARPACK's mode 3).
 *
 * Thick-restart Lanczos: each cycle extends the basis to `ncv` vectors (one product with A per
 * vector, each new vector orthogonalized twice against the whole basis), solves the small
 * projected eigenproblem (Rayleigh–Ritz), and restarts from the best Ritz vectors plus the
 * residual direction. Converged when every wanted pair has ‖A·v − θv‖ ≤ tol·max(|θ|, ε^{2/3}).
 * Cost per cycle: ncv products with A plus O(n·ncv²).
 *
 * Interior and smallest eigenvalues converge slowly this way (`'SM'` on a Laplacian needs many
 * cycles); shift-invert runs the same iteration on (A − σI)⁻¹, whose largest eigenvalues
 * ν = 1/(λ − σ) belong to the λ nearest σ and are well separated, so a few cycles suffice. Each
 * product is then a solve, through `OPinv` or a sparse factorization of A − σI made once.
 *
 * @param A - n x n symmetric: sparse, dense, or LinearOperator (only `matvec` is used)
 * @param k - number of eigenpairs, 1 ≤ k < n
 * @param options - {@link EigshOptions}
 * @returns {@link EigshResult}; non-convergence gives `converged: false` with the best estimates
 * @throws {@link ShapeError} when A is not square or v0 / OPinv have the wrong size;
 *   {@link ArgumentError} on a bad k or option, an unknown option key, `OPinv` without `sigma`,
 *   `sigma` without `OPinv` for an A given only as an operator, or A − σI singular (σ is an
 *   eigenvalue: the factorization names the column), or when A is not symmetric (a randomized test
 *   uᵀAv = vᵀAu with two fixed random vectors, two products with A: without it Lanczos would
 *   return a different wrong answer for each seed).
 *
 * @example
 * ```ts
 * import { eigsh, csr } from 'sparsity';
 * // Path graph Laplacian on 4 nodes: eigenvalues 2 - 2cos(jπ/4).
 * const L = csr([[1, -1, 0, 0], [-1, 2, -1, 0], [0, -1, 2, -1], [0, 0, -1, 1]]);
 * const r = eigsh(L, 1, { which: 'LA', seed: 0 });
 * r.converged; // => true
 * Math.round(r.values[0] * 1e10) / 1e10; // => 3.4142135624
 * // Shift-invert: the eigenvalue nearest 1.5, through a sparse factorization of L − 1.5·I.
 * Math.round(eigsh(L, 1, { sigma: 1.5, seed: 0 }).values[0] * 1e10) / 1e10; // => 2
 * // Or with a user-supplied OPinv = (D − σI)⁻¹: for diagonal D, (D − σI)⁻¹ is diagonal too.
 * const D = csr([[1, 0, 0], [0, 2, 0], [0, 0, 4]]);
 * const OPinv = (x: Float64Array) => Float64Array.from([x[0] / (1 - 2.1), x[1] / (2 - 2.1), x[2] / (4 - 2.1)]);
 * Math.round(eigsh(D, 1, { sigma: 2.1, OPinv, seed: 0 }).values[0] * 1e10) / 1e10; // => 2
 * ```
 */
export function eigsh(A: OperatorSource, k: number, options?: EigshOptions): EigshResult {
  const checked = readOptions('eigsh', options, EIGSH_KEYS);
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveEigsh(A, k, checked));
}

function solveEigsh(A: OperatorSource, k: number, options: EigshOptions): EigshResult {
  const A0 = toOperator(A);
  const [n, nc] = A0.shape;
  if (n !== nc) throw new ShapeError('eigsh', A0.shape, A0.shape, 'is not square');
  checkPositiveInt('k', k, Math.max(1, n - 1));
  if (n < 2) throw new ArgumentError('A', `a ${n} x ${n} matrix`, 'a matrix of order at least 2 (k < n)');
  const which = options.which ?? 'LM';
  if (which !== 'LM' && which !== 'LA' && which !== 'SA' && which !== 'SM') throw new ArgumentError('which', which, "'LM', 'LA', 'SA' or 'SM'");
  const sigma = options.sigma === undefined ? undefined : checkNumber('sigma', options.sigma);
  if (options.OPinv !== undefined && sigma === undefined) throw new ArgumentError('OPinv', options.OPinv, 'no OPinv without sigma (shift-invert mode)');
  // Shift-invert: Lanczos on (A − σI)⁻¹, whose eigenvalues ν = 1/(λ − σ) are mapped back at the end.
  const lam = (t: number): number => (sigma === undefined ? t : sigma + 1 / t);
  const tol = optTol('tol', options.tol, 0) || EPS;
  const ncv = options.ncv === undefined ? Math.min(n, Math.max(2 * k + 1, 20)) : checkPositiveInt('ncv', options.ncv, n);
  if (ncv <= k) throw new ArgumentError('ncv', ncv, `an integer in (k, n] = (${k}, ${n}]`);
  const maxIter = optMaxIter(options.maxIter, Math.max(100, Math.ceil((10 * n) / ncv)));
  const onIteration = optCallback<EigshIterationInfo>(options.onIteration);
  checkSymmetric(A0, 'eigsh');

  // Basis: rows of V (ncv + 1 vectors of length n), T: the projected matrix (ncv x ncv).
  const m = ncv;
  // In WASM memory when the SIMD kernels are on (the Gram–Schmidt products then run there).
  const V = allocF64((m + 1) * n);
  const Y = allocF64(m * n); // restart work block: the kept Ritz vectors
  // The operator Lanczos runs on: A, or the shift-invert factorization's solve (its WASM memory
  // freed on the way out).
  let shifted: ReturnType<typeof shiftInvertOperator> | null = null;
  let op: typeof A0 | LinearOperator = A0;
  try {
    if (sigma !== undefined) op = (shifted = shiftInvertOperator(A, n, sigma, options.OPinv)).op;
    return lanczos();
  } finally {
    discardF64(Y);
    discardF64(V);
    shifted?.release();
  }

  function lanczos(): EigshResult {
    const T = new Float64Array(m * m);
    const h = new Float64Array(m + 1);
    let v0: Float64Array;
    if (options.v0 !== undefined) {
      v0 = Float64Array.from(toFloat64(options.v0, 'v0'));
      if (v0.length !== n) throw new ShapeError('eigsh v0', n, v0.length);
    } else {
      v0 = createRng(options.seed).fillUniform(new Float64Array(n), -1, 1);
    }
    const rng = createRng(options.seed === undefined ? undefined : `${String(options.seed)}/restart`);
    let nrm = nrm2At(n, v0, 0);
    if (nrm === 0) {
      rng.fillUniform(v0, -1, 1);
      nrm = nrm2At(n, v0, 0);
    }
    for (let i = 0; i < n; i++) V[i] = v0[i]! / nrm;

    /**
     * Orthogonalize w (V row j) against rows 0..j−1 by classical Gram–Schmidt, repeated while the
     * norm drops below 1/√2 of its value before the pass (DGKS, as ARPACK), at most three passes.
     * `before` is ‖w‖ on entry (after the local three-term step). Returns the final norm; the
     * component along row j − 1 removed by the passes is added to `h[j - 1]` for the caller.
     */
    const orthogonalize = (j: number, before: number): number => {
      const wo = j * n;
      let after = before;
      let hj = 0;
      for (let pass = 0; pass < 3; pass++) {
        if (!gemvRowsWasm(true, j, n, V, 0, wo, h)) gemvRowsT(j, n, V, V, wo, h);
        if (!gemvRowsWasm(false, j, n, V, 0, wo, h)) gemvRowsNSub(j, n, V, h, V, wo);
        hj += h[j - 1]!;
        after = nrm2At(n, V, wo);
        if (after > Math.SQRT1_2 * before) break;
        before = after;
      }
      h[j - 1] = hj;
      return after;
    };

    let kk = 0; // vectors kept from the previous cycle
    let beta = 0; // coupling of the last basis vector to the next
    let matvecs = 0;
    let iterations = 0;
    const history: number[] = [];
    let theta: Float64Array = new Float64Array(0);
    let S: Float64Array = new Float64Array(0);
    let scale = 0; // running estimate of ‖A‖ from the projected entries
    let wanted: number[] = [];
    let resid = new Float64Array(k);
    let nconv = 0;
    let stopped = false;
    let start = 0;
    for (;;) {
      // Extend the basis from `start` to m vectors.
      for (let j = start; j < m; j++) {
        const wo = (j + 1) * n;
        applyInto(op, V.subarray(j * n, wo), V.subarray(wo, wo + n));
        matvecs++;
        let alpha = dotAt(n, V, j * n, V, wo);
        // Local Lanczos step: w −= α·v_j + (β_{j−1}·v_{j−1}, or the arrowhead couplings after a restart).
        axpyAt(n, -alpha, V, j * n, V, wo);
        if (j === kk) {
          for (let i = 0; i < kk; i++) axpyAt(n, -T[i * m + kk]!, V, i * n, V, wo);
        } else if (j > 0) {
          axpyAt(n, -T[(j - 1) * m + j]!, V, (j - 1) * n, V, wo);
        }
        // Full reorthogonalization against the whole basis; its tiny correction along v_j refines α.
        let b = orthogonalize(j + 1, nrm2At(n, V, wo));
        alpha += h[j]!;
        T[j * m + j] = alpha;
        scale = Math.max(scale, Math.abs(alpha));
        // Invariant subspace: continue with a random vector orthogonal to the basis (coupling 0).
        if (b <= 10 * EPS * Math.max(scale, Number.MIN_VALUE)) {
          b = 0;
          for (let attempt = 0; attempt < 3 && b === 0; attempt++) {
            rng.fillUniform(V.subarray(wo, wo + n), -1, 1);
            const r0 = nrm2At(n, V, wo);
            const r1 = orthogonalize(j + 1, r0);
            if (r1 > 1e-8 * r0) b = r1;
          }
          if (b > 0) for (let i = 0; i < n; i++) V[wo + i] = V[wo + i]! / b;
          else V.fill(0, wo, wo + n);
          b = 0;
        } else {
          scale = Math.max(scale, b);
          for (let i = 0; i < n; i++) V[wo + i] = V[wo + i]! / b;
        }
        if (j + 1 < m) {
          T[j * m + j + 1] = b;
          T[(j + 1) * m + j] = b;
        }
        beta = b;
      }
      iterations++;
      // Rayleigh–Ritz on T.
      const eig = eighDense({ rows: m, cols: m, data: T.slice() }, true);
      theta = eig.values;
      S = eig.vectors!.data; // column i = eigenvector i
      wanted = select(theta, k, which);
      let worst = 0;
      nconv = 0;
      resid = new Float64Array(k);
      for (let t = 0; t < k; t++) {
        const i = wanted[t]!;
        const r = Math.abs(beta * S[(m - 1) * m + i]!);
        resid[t] = r;
        if (r <= tol * Math.max(Math.abs(theta[i]!), EPS23)) nconv++;
        worst = Math.max(worst, r);
      }
      history.push(worst);
      if (onIteration) {
        const order = [...wanted].sort((a, b) => lam(theta[a]!) - lam(theta[b]!));
        const info: EigshIterationInfo = {
          iteration: iterations, matvecs, nconv,
          values: Float64Array.from(order, (i) => lam(theta[i]!)),
          residualNorms: Float64Array.from(order, (i) => resid[wanted.indexOf(i)]!),
        };
        if (onIteration(info) === false && nconv < k) {
          stopped = true;
          break;
        }
      }
      if (nconv >= k || iterations >= maxIter) break;
      // Thick restart: keep the best kk Ritz vectors, then the residual direction v_m.
      // Keep the k wanted Ritz vectors plus a third of the rest (measured on bcspwr10: fewer keeps
      // restart too often, more keeps add little per cycle).
      kk = Math.min(m - 2, k + Math.max(1, Math.floor((m - k) / 3)));
      kk = Math.max(kk, Math.min(k, m - 1));
      const keep = select(theta, kk, which);
      // New basis rows: Y = S[:, keep]ᵀ · V[0..m) (kk x n), via the matmul kernel.
      const Sk = new Float64Array(kk * m);
      for (let t = 0; t < kk; t++) for (let r = 0; r < m; r++) Sk[t * m + r] = S[r * m + keep[t]!]!;
      gemm(false, false, kk, n, m, 1, Sk, 0, m, V, 0, n, 0, Y, 0, n);
      // Rows 0..kk−1 ← Ritz vectors, row kk ← the residual direction v_m; later rows are rewritten
      // as the basis grows, so they need no clearing.
      V.set(Y.subarray(0, kk * n), 0);
      V.copyWithin(kk * n, m * n, (m + 1) * n);
      T.fill(0);
      for (let t = 0; t < kk; t++) {
        T[t * m + t] = theta[keep[t]!]!;
        const c = beta * S[(m - 1) * m + keep[t]!]!;
        T[t * m + kk] = c;
        T[kk * m + t] = c;
      }
      start = kk;
    }
    // Ritz vectors of the wanted pairs, ascending.
    const order = [...wanted].sort((a, b) => lam(theta[a]!) - lam(theta[b]!));
    const values = Float64Array.from(order, (i) => lam(theta[i]!));
    const Sk = new Float64Array(k * m);
    for (let t = 0; t < k; t++) for (let r = 0; r < m; r++) Sk[t * m + r] = S[r * m + order[t]!]!;
    // vectors (n x k) = V[0..m)ᵀ · Skᵀ
    const X = new Float64Array(n * k);
    gemm(true, true, n, k, m, 1, V, 0, n, Sk, 0, m, 0, X, 0, k);
    const residualNorms = Float64Array.from(order, (i) => resid[wanted.indexOf(i)]!);
    return {
      values, vectors: toNdarray({ rows: n, cols: k, data: X }), converged: nconv >= k, nconv,
      iterations, matvecs, residualNorms, history, stopped,
      reason: nconv >= k ? 'converged' : stopped ? 'stopped' : 'maxIter',
    };
  }
}
