/**
 * `completeMatrix`: low-rank matrix completion by (robust) alternating minimization.
 *
 * @module
 */
import { ArgumentError, createRng, type Seed } from '../../core/index.js';
import type { COOMatrix, CSCMatrix, CSRMatrix, NdArray } from '../../formats/index.js';
import { toNdarray } from '../../formats/index.js';
import { countSketch } from '../../sketch/index.js';
import { SparseEmbedding } from '../../sketch/sparse-embedding.js';
import { type Biases, centred, fitBiases, noBiases } from './biases.js';
import { exactHalfStep } from './exact-step.js';
import { initialU } from './initialize.js';
import { degreesOf } from './batch.js';
import { completeDense, type LowRank, predictChecked, rmseOn } from './model.js';
import { emptyGroups, type Grouped, groupBy, readObserved, subset, type Triplets } from './observed.js';
import { type CglsRunner, sketchedHalfStep, type SketchedSettings } from './sketched-step.js';
import { ResidentFit } from './tasks.js';
import { readOptions, optBool, optChoice, optRange } from '../../core/options.js';
import { checkThreads, resolveThreads } from '../../kernels/runtime/threads/pool.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';

/**
 * `threads: 'auto'` uses the worker pool from this much work per half-step (|Ω|·k): below it a
 * sweep takes well under a second on one thread.
 */
const AUTO_THREAD_WORK = 2 ** 24;

/** CGLS iteration cap per problem on the first (cold) sweep of `'sketched'`. */
const COLD_MAX_ITER = 50;


/** What `onIteration` of {@link completeMatrix} receives after each sweep (a V-step then a U-step). */
export interface CompleteMatrixIterationInfo {
  /** Sweeps done (1 after the first). */
  iteration: number;
  /** RMSE over the training entries. */
  trainRmse: number;
  /** RMSE over the held-out entries (NaN without `validationFraction`). */
  validationRmse: number;
  /** CGLS iterations of the sweep summed over all problems (0 for `'exact'`). */
  innerIterations: number;
}

/** Options of {@link completeMatrix}. */
export interface CompleteMatrixOptions {
  /**
   * `'sketched'` (default): each least-squares problem solved approximately by preconditioned CGLS
   * from the previous sweep's factor (Gu et al. 2024), O(|Ω_j|·k) per iteration. `'exact'`: normal
   * equations and Cholesky, O(|Ω_j|·k²).
   */
  solver?: 'sketched' | 'exact';
  /** Most sweeps (default 50). */
  maxIter?: number;
  /**
   * Stop when the training RMSE changes by at most tol relative to its previous value, or falls
   * below tol times the RMS of the observed values; with `validationFraction`, when the held-out
   * RMSE stops improving by more than tol (default 1e-5).
   */
  tol?: number;
  /** Ridge λ ≥ 0 on both factors: each problem is min ‖A·x − b‖² + λ‖x‖² (default 0). */
  lambda?: number;
  /** Fraction in [0, 0.5] of the observed entries held out (seeded) for early stopping and the validation RMSE (default 0). */
  validationFraction?: number;
  /** Clip every prediction to `[low, high]` (e.g. `[1, 5]` for ratings). */
  clip?: [number, number] | readonly [number, number];
  /** Fit and remove a global mean and row/column offsets first (softImpute's `biScale` centring). Default false. */
  biases?: boolean;
  /**
   * Split the observed entries at random into 2·maxIter + 1 disjoint parts, one for the
   * initialization and a fresh one for each half-step, as the analysis of Jain et al. assumes
   * (needs many more samples; default false).
   */
  sampleSplitting?: boolean;
  /**
   * Power iterations of the spectral start's randomized SVD (default 1, and 3 with
   * `sampleSplitting`; 2·(powerIters + 1) products with P_Ω(M)/p). More sharpen the start's
   * subspace when few samples separate signal from sampling noise: with `sampleSplitting`, whose
   * start sees 1/(2·maxIter + 1) of the entries, 1 left the tested fit 1.26x farther from the truth
   * than 3. Without it, 1 meets every bound the tests set (noiseless recovery, noise, digits,
   * MovieLens-shaped data), and with k well above the rank the data support the fit ended nearer the truth (rank-10 data at k = 64, 10⁶ entries: error on
   * all entries 0.099 with 1 against 0.159 with 3; 10⁷ entries: 0.165 against 0.172), at half the
   * start's products.
   */
  powerIters?: number;
  /** Incoherence μ of the initialization's clipping: rows of U₀ are clipped to norm 2μ·√(k/m) (default 2). */
  incoherence?: number;
  /**
   * `'sketched'`: relative reduction of each problem's preconditioned gradient per half-step, from
   * the previous sweep's solution (default 0.1: measured to need as many sweeps as 1e-2 with
   * fewer CGLS iterations, since the outer iteration contracts more slowly than that anyway). The
   * first sweep, which has no previous solution (V starts at 0), runs to innerTol² with at least
   * 50 iterations allowed per problem.
   */
  innerTol?: number;
  /**
   * `'sketched'`: CGLS iteration cap per problem and half-step after the first sweep (default 3),
   * so such a sweep costs at most (2·innerMaxIter + 3) passes over the observed entries,
   * O(|Ω|·k). A capped step from the warm start still lowers its problem's objective, and a fixed
   * point of the capped alternation (no CGLS step moves) is one of the exact alternation. Without the cap, when k exceeds the rank
   * that the data support (e.g. rank-10 data with noise fitted at k = 64), the directions that
   * only fit noise make the shared preconditioner a poor match for the smaller side's problems
   * (measured, 200 entries per row: median cond(A·R⁻¹)² 740 at the second sweep, 1.3·10⁵ at the
   * sixth) and uncapped CGLS took 36 iterations per problem there.
   */
  innerMaxIter?: number;
  /**
   * `'sketched'`: a problem's CGLS also stops (or does not start) once its preconditioned gradient
   * is below `innerFloor` times the norm of its residual at the warm start: the solve could then
   * lower that problem's squared residual by about a fraction innerFloor² at most (with noisy data
   * and a k above the signal's rank, most late solves only fit noise, slowly). A heuristic: the
   * fit then stops short of the exact fixed point (by 1e-3 relative in training RMSE at 1e-2 in
   * the tests). Default 0 (off).
   */
  innerFloor?: number;
  /**
   * `'sketched'`: the preconditioner of each problem's CGLS. `'shared'` (default): one per half-step,
   * the Cholesky factor of the degree-weighted Gram matrix of the fixed factor (the expected Gram
   * matrix of every problem under uniform sampling, scaled to the problem's size), so no problem
   * pays a k x k factorization. `'sketch'`: the paper's per-problem R from the QR of a CountSketch
   * of the problem's matrix (O(s·k²) per problem).
   */
  preconditioner?: 'shared' | 'sketch';
  /**
   * `'sketched'`: problems with at most this many observed entries are solved exactly (normal
   * equations + Cholesky), since a k x k factorization is then cheaper than CGLS, or the shared
   * preconditioner too far from the problem's Gram matrix (default 2k).
   */
  exactBelow?: number;
  /** `'sketched'` with `preconditioner: 'sketch'`: rows of the CountSketch (default 4k); problems with no more rows than this are not sketched. */
  sketchSize?: number;
  /**
   * `'sketched'` with the shared preconditioner: threads that solve a half-step's problems (the
   * caller plus workers of the pool, sharing the WASM memory); the result is the same to the bit
   * as with one thread. A positive integer, or `'auto'` (default: the default of `setThreads`,
   * i.e. every CPU once |Ω|·k ≥ 2^24 and the pool is running). `'exact'`, `preconditioner:
   * 'sketch'` and `sampleSplitting` run on one thread.
   */
  threads?: number | 'auto';
  /** Seed of the randomized SVD, the sketches and the splits. */
  seed?: Seed;
  /** Called after every sweep; return `false` to stop. */
  onIteration?: (info: CompleteMatrixIterationInfo) => boolean | void;
}

/** Result of {@link completeMatrix}. */
export interface CompleteMatrixResult {
  /** m x k left factor (row-major ndarray). */
  U: NdArray;
  /** n x k right factor: M ≈ μ + a_i + b_j + U·Vᵀ. */
  V: NdArray;
  /** The fitted mean and row/column offsets (all zero without `biases`). */
  biases: Biases;
  /** Predicted entry (i, j) (clipped when `clip` was given). */
  predict(i: number, j: number): number;
  /** The dense m x n completion. @throws ResourceError above 2^26 entries. */
  complete(): NdArray;
  /** RMSE over the training entries at the returned factors. */
  rmse: number;
  /** RMSE over the held-out entries (null without `validationFraction`). */
  validationRmse: number | null;
  /** The stopping test was met (early stopping on the validation RMSE counts as converged). */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Sweeps done. */
  iterations: number;
  /** Per sweep: training RMSE, validation RMSE (NaN without a validation set), CGLS iterations. */
  history: { train: number[]; validation: number[]; innerIterations: number[] };
  /** Rows without any observed entry (their U rows are 0: predictions fall back to the offsets). */
  emptyRows: Int32Array;
  /** Columns without any observed entry. */
  emptyCols: Int32Array;
}

const OPTION_KEYS = [
  'solver', 'maxIter', 'tol', 'lambda', 'validationFraction', 'clip', 'biases', 'sampleSplitting', 'powerIters', 'incoherence',
  'innerTol', 'innerMaxIter', 'innerFloor', 'preconditioner', 'exactBelow', 'sketchSize', 'threads', 'seed', 'onIteration',
] as const;

function num(name: string, v: unknown, def: number, lo: number, hi: number, integer = false): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new ArgumentError(name, v, `${integer ? 'an integer' : 'a finite number'} in [${lo}, ${hi}]`);
  }
  return v;
}

/** Values of the grouped entries taken from a triplet-order array. */
function withValues(g: Grouped, values: Float64Array): Grouped {
  const val = new Float64Array(g.val.length);
  for (let q = 0; q < val.length; q++) val[q] = values[g.perm[q]!]!;
  return { ...g, val };
}

/**
 * Complete a partially observed m x n matrix with a rank-k factorization M ≈ U·Vᵀ by alternating
 * minimization (Jain, Netrapalli & Sanghavi 2013) whose least-squares steps are solved either
 * exactly or, by default, approximately with a sketching preconditioner (Gu, Song, Yin & Zhang,
 * "Low Rank Matrix Completion via Robust Alternating Minimization in Nearly Linear Time", ICLR 2024).
 *
 * Initialization: U₀ = the top-k left singular vectors of P_Ω(M)/p (randomized SVD on the sparse
 * matrix, p = |Ω|/mn), rows clipped to the incoherence bound, QR. Each sweep solves
 * V ← argmin_V ‖P_Ω(U·Vᵀ − M)‖²_F + λ‖V‖²_F, then U likewise: one independent k-variable
 * least-squares problem per column (row) over its observed entries.
 * - `'exact'`: normal equations + k x k Cholesky, O(|Ω|·k² + (m + n)·k³) per sweep.
 * - `'sketched'`: CGLS on A·R⁻¹ from the previous factor to a relative tolerance or at most
 *   `innerMaxIter` (3) iterations per problem, O(|Ω|·k) per sweep (the first sweep, from V = 0,
 *   to innerTol²). R is shared by all problems of a half-step (the Cholesky factor of
 *   the degree-weighted Gram matrix of the fixed factor, O((m + n)·k²) per sweep) or, with
 *   `preconditioner: 'sketch'`, the paper's R from the QR of a CountSketch of each problem's matrix
 *   (O(|Ω_j|·k + s·k²) per problem). Problems with at most `exactBelow` (2k) entries are solved exactly.
 * A tiny ridge 1e-12·trace(AᵀA)/k keeps rank-deficient problems well posed.
 *
 * @param observed - the known entries with the full shape (COO, CSR or CSC); not modified
 * @param k - rank, 1 ≤ k < min(m, n)
 * @param options - {@link CompleteMatrixOptions}
 * @returns {@link CompleteMatrixResult}; non-convergence gives `converged: false`
 * @throws {@link ArgumentError} on a bad k or option (unknown keys too), NaN/Infinity values, a
 *   repeated (i, j) entry (refused, not summed) or no entries; {@link FormatError} on an index
 *   outside the shape.
 *
 * @example
 * ```ts
 * import { coo, completeMatrix } from 'sparsity';
 * // rank 1: M_ij = (i + 1)(j + 1), 3 x 3 with two entries hidden
 * const r = [0, 0, 0, 1, 1, 2, 2], c = [0, 1, 2, 0, 1, 0, 2];
 * const M = coo(r, c, r.map((i, p) => (i + 1) * (c[p] + 1)), [3, 3]);
 * const fit = completeMatrix(M, 1, { seed: 1, tol: 1e-9, maxIter: 200 });
 * Math.round(fit.predict(1, 2) * 1e6) / 1e6; // => 6
 * Math.round(fit.predict(2, 1) * 1e6) / 1e6; // => 6
 * fit.converged; // => true
 * ```
 */
export function completeMatrix(observed: COOMatrix | CSRMatrix | CSCMatrix, k: number, options: CompleteMatrixOptions = {}): CompleteMatrixResult {
  const o = readOptions<Record<string, unknown>>('completeMatrix', options as Record<string, unknown> | undefined, OPTION_KEYS);
  const all = readObserved(observed);
  const { m, n } = all;
  const kMax = Math.min(m, n) - 1;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > kMax) {
    throw new ArgumentError('k', k, `an integer in [1, ${Math.max(0, kMax)}] (rank below min(m, n) = ${Math.min(m, n)})`);
  }
  if (all.val.length === 0) throw new ArgumentError('observed', 'no entries', 'at least one observed entry');
  const solver = o['solver'] ?? 'sketched';
  if (solver !== 'sketched' && solver !== 'exact') throw new ArgumentError('solver', solver, "'sketched' or 'exact'");
  const maxIter = num('maxIter', o['maxIter'], 50, 1, 1e6, true);
  const tol = num('tol', o['tol'], 1e-5, 0, 1);
  const lambda = num('lambda', o['lambda'], 0, 0, Infinity);
  const validationFraction = num('validationFraction', o['validationFraction'], 0, 0, 0.5);
  const clip = optRange('clip', o['clip']);
  const useBiases = optBool('biases', o['biases'], false);
  const sampleSplitting = optBool('sampleSplitting', o['sampleSplitting'], false);
  const powerIters = num('powerIters', o['powerIters'], sampleSplitting ? 3 : 1, 0, 100, true);
  const incoherence = num('incoherence', o['incoherence'], 2, 0, Infinity);
  const innerTol = num('innerTol', o['innerTol'], 0.1, 0, 1);
  const innerMaxIter = num('innerMaxIter', o['innerMaxIter'], 3, 1, 1e6, true);
  const innerFloor = num('innerFloor', o['innerFloor'], 0, 0, 1);
  const preconditioner = optChoice('preconditioner', o['preconditioner'], ['shared', 'sketch'] as const, 'shared');
  const exactBelow = num('exactBelow', o['exactBelow'], 2 * k, 0, Infinity);
  const sketchSize = num('sketchSize', o['sketchSize'], 4 * k, k, 2 ** 31 - 1, true);
  const threadsOption = o['threads'] === undefined ? undefined : checkThreads(o['threads'], 'completeMatrix options.threads');
  const onIteration = o['onIteration'];
  if (onIteration !== undefined && typeof onIteration !== 'function') {
    throw new ArgumentError('onIteration', onIteration, 'a function (info) => boolean | void');
  }
  if (o['seed'] !== undefined) createRng(o['seed'] as Seed); // validates the seed
  const rng = createRng(o['seed'] as Seed | undefined);

  // Training / validation split.
  let train: Triplets = all;
  let valid: Triplets | null = null;
  if (validationFraction > 0) {
    const nnz = all.val.length;
    const perm = rng.permutation(nnz);
    const nValid = Math.floor(validationFraction * nnz);
    valid = subset(all, perm.subarray(0, nValid));
    train = subset(all, perm.subarray(nValid));
  }
  let byRow = valid ? groupBy(train, true) : all.byRow;
  let byCol = groupBy(train, false);
  const emptyRows = emptyGroups(byRow);
  const emptyCols = emptyGroups(byCol);
  const biases = useBiases ? fitBiases(train, byRow, byCol) : noBiases(m, n);
  const values = useBiases ? centred(train, biases) : train.val;
  // The groupings carry train.val already; only centred values need regrouping.
  if (values !== train.val) {
    byRow = withValues(byRow, values);
    byCol = withValues(byCol, values);
  }
  const work: Triplets = { ...train, val: values };

  // Sample splitting: part 0 initializes, part h + 1 serves half-step h.
  let parts: Int32Array | null = null;
  const nParts = 2 * maxIter + 1;
  const partGroups = (h: number, rows: boolean): Grouped => {
    const keep: number[] = [];
    for (let p = 0; p < parts!.length; p++) if (parts![p] === h) keep.push(p);
    return groupBy(subset(work, Int32Array.from(keep)), rows);
  };
  if (sampleSplitting) {
    parts = new Int32Array(values.length);
    for (let p = 0; p < parts.length; p++) parts[p] = rng.integer(0, nParts);
  }

  // The groupings move into the WASM memory before the spectral start (whose products then run
  // on the pool, or the WASM kernel on one thread) and the factors after it; with 'auto' the pool
  // may start during the fit, and everything moves then. On one thread a fit too large for the
  // WASM memory runs the JS kernels on the JS arrays.
  const threadable = solver === 'sketched' && preconditioner === 'shared' && !parts;
  const wasmKernel = threadable && getWasm() !== null && wantWasm(true);
  const threadCount = () => resolveThreads(threadsOption, values.length * k, AUTO_THREAD_WORK);
  const [hostRow, hostCol] = [byRow, byCol];
  let resident: ResidentFit | null = null;
  let factorsIn = false;
  let noRoom = false;
  const place = (t: number): boolean => {
    if (resident) return true;
    if (!threadable || (t <= 1 && (!wasmKernel || noRoom))) return false;
    const r = new ResidentFit(wasmKernel);
    try {
      [byRow, byCol] = [r.groups(hostRow), r.groups(hostCol)];
      resident = r;
      return true;
    } catch (e) {
      r.free();
      [byRow, byCol] = [hostRow, hostCol];
      if (t > 1) throw e;
      noRoom = true;
      return false;
    }
  };
  const seedOf = () => rng.integer(0, 2 ** 31);
  const initThreads = threadCount();
  let U0;
  try {
    if (parts) {
      U0 = initialU(partGroups(0, true), partGroups(0, false), m, n, k, incoherence, seedOf(), powerIters);
    } else {
      const multiply = place(initThreads)
        ? (g: Grouped, B: Float64Array, cols: number, alpha: number) => resident!.product(g, B, cols, alpha, initThreads)
        : null;
      U0 = initialU(byRow, byCol, m, n, k, incoherence, seedOf(), powerIters, multiply);
    }
  } catch (e) {
    (resident as ResidentFit | null)?.free();
    throw e;
  }
  let u: Float64Array = U0.data;
  let v: Float64Array = new Float64Array(n * k);
  const sketchFor = (rowsOfG: number): SketchedSettings => {
    let sketch: SparseEmbedding | null = null;
    if (preconditioner === 'sketch') {
      const S = countSketch(sketchSize, rowsOfG, { seed: seedOf() });
      if (!(S instanceof SparseEmbedding)) throw new Error('countSketch: unexpected implementation');
      sketch = S;
    }
    return { preconditioner, sketch, innerTol, innerMaxIter, innerFloor, exactBelow };
  };
  const vSketch = solver === 'sketched' ? sketchFor(m) : null;
  const uSketch = solver === 'sketched' ? sketchFor(n) : null;
  // The first sweep has no warm start (V = 0, U from the spectral start): a tolerance relative to
  // it leaves the first factors far from their least-squares values, and the fit then settles
  // farther from the truth (measured at k = 64 on rank-10 data: error on all entries 0.58 against
  // 0.16 with innerTol² on the first sweep). So the first sweep runs to innerTol² with the cap at
  // least COLD_MAX_ITER; later sweeps start from the previous factors.
  const cold = (set: SketchedSettings | null): SketchedSettings | null =>
    set && { ...set, innerTol: set.innerTol ** 2, innerMaxIter: Math.max(set.innerMaxIter, COLD_MAX_ITER) };
  const vCold = cold(vSketch);
  const uCold = cold(uSketch);
  let runner: CglsRunner | null = null;
  let runnerThreads = 0;
  const threadsFor = (): void => {
    const t = threadCount();
    if (!place(t)) return;
    const r = resident!;
    if (!factorsIn) {
      try {
        [u, v] = [r.f64(u), r.f64(v)];
        factorsIn = true;
      } catch (e) {
        r.free();
        resident = null;
        [byRow, byCol] = [hostRow, hostCol];
        if (t > 1) throw e;
        noRoom = true;
        return;
      }
    }
    if (t !== runnerThreads) {
      runner = r.runner(t);
      runnerThreads = t;
    }
  };
  // The degrees of the rows of U and V (the shared preconditioner's weights) are fixed for the fit:
  // counted once here instead of by a pass over the 2·|Ω| indices each sweep.
  const shared = solver === 'sketched' && preconditioner === 'shared' && !parts;
  const rowDegrees = shared ? degreesOf(hostCol.idx, m) : undefined;
  const colDegrees = shared ? degreesOf(hostRow.idx, n) : undefined;
  const half = (
    G: Float64Array, gRows: number, degrees: Float64Array | undefined, groups: Grouped, F: Float64Array, set: SketchedSettings | null, resid: Float64Array | null,
  ): number => {
    const h = { G: { rows: gRows, cols: k, data: G }, groups, lambda, F, degrees };
    return set ? sketchedHalfStep(h, set, resid, runner) : exactHalfStep(h, resid);
  };
  // The training RMSE comes from the U-step's residuals (taken right after each row's solve, while
  // its rows of V are in cache) unless predictions are clipped or the U-step sees only a part.
  const fusedRmse = !clip && !parts;
  const rowResid = fusedRmse ? new Float64Array(m) : null;

  const model = (uu: Float64Array, vv: Float64Array): LowRank => ({ m, n, k, u: uu, v: vv, biases, clip });
  let rmsB = 0;
  for (let p = 0; p < train.val.length; p++) rmsB += train.val[p]! ** 2;
  rmsB = Math.sqrt(rmsB / Math.max(1, train.val.length));

  const history = { train: [] as number[], validation: [] as number[], innerIterations: [] as number[] };
  let converged = false;
  let stopped = false;
  let iterations = 0;
  let best: { u: Float64Array; v: Float64Array; valid: number } | null = null;
  let worse = 0;
  try {
    for (let it = 1; it <= maxIter; it++) {
      threadsFor();
      const vGroups = parts ? partGroups(2 * it - 1, false) : byCol;
      let inner = half(u, m, rowDegrees, vGroups, v, it === 1 ? vCold : vSketch, null);
      const uGroups = parts ? partGroups(2 * it, true) : byRow;
      inner += half(v, n, colDegrees, uGroups, u, it === 1 ? uCold : uSketch, rowResid);
      iterations = it;
      const L = model(u, v);
      let trainRmse: number;
      if (rowResid) {
        let ss = 0;
        for (let i = 0; i < m; i++) ss += rowResid[i]!;
        trainRmse = Math.sqrt(ss / Math.max(1, train.val.length));
      } else {
        trainRmse = rmseOn(L, train);
      }
      const validationRmse = valid ? rmseOn(L, valid) : NaN;
      history.train.push(trainRmse);
      history.validation.push(validationRmse);
      history.innerIterations.push(inner);
      if (valid) {
        if (!best || validationRmse < best.valid) {
          if (best && best.valid - validationRmse <= tol * best.valid) converged = true;
          best = { u: u.slice(), v: v.slice(), valid: validationRmse };
          worse = 0;
        } else if (++worse >= 2) {
          converged = true;
        }
      } else {
        const prev = history.train.length > 1 ? history.train[history.train.length - 2]! : Infinity;
        if (trainRmse <= tol * rmsB || (Number.isFinite(prev) && Math.abs(prev - trainRmse) <= tol * prev)) converged = true;
      }
      if (onIteration) {
        const info: CompleteMatrixIterationInfo = { iteration: it, trainRmse, validationRmse, innerIterations: inner };
        if ((onIteration as (i: CompleteMatrixIterationInfo) => boolean | void)(info) === false) {
          stopped = true;
          converged = false;
          break;
        }
      }
      if (converged) break;
    }
  } finally {
    if (resident) {
      u = u.slice();
      v = v.slice();
      (resident as ResidentFit).free();
    }
  }
  if (best) {
    u = best.u;
    v = best.v;
  }
  const L = model(u, v);
  return {
    U: toNdarray({ rows: m, cols: k, data: u }),
    V: toNdarray({ rows: n, cols: k, data: v }),
    biases,
    predict: (i, j) => predictChecked(L, i, j),
    complete: () => completeDense(L, 'completeMatrix.complete'),
    rmse: rowResid && !best && history.train.length > 0 ? history.train[history.train.length - 1]! : rmseOn(L, train),
    validationRmse: valid ? rmseOn(L, valid) : null,
    converged,
    stopped,
    iterations,
    history,
    emptyRows,
    emptyCols,
  };
}
