/**
 * `softImpute`: nuclear-norm regularized matrix completion by iterated soft-thresholded SVDs
 * (Mazumder, Hastie & Tibshirani 2010), on "sparse + low rank" operators.
 *
 * @module
 */
import { ArgumentError, createRng, type DenseMatrix, type Seed } from '../../core/index.js';
import {
  asDenseMatrix, type COOMatrix, type CSCMatrix, CSRMatrix, type NdArray, toNdarray,
} from '../../formats/index.js';
import { type LinearOperator, matmul, randomizedSvd, sparseDense } from '../../linalg/index.js';
import { type Biases, centred, fitBiases, noBiases } from './biases.js';
import { completeDense, type LowRank, predictChecked, rmseOn } from './model.js';
import { type Grouped, groupBy, readObserved } from './observed.js';
import { readOptions, optBool, optRange } from '../../core/options.js';

/** What `onIteration` of {@link softImpute} receives after each iteration. */
export interface SoftImputeIterationInfo {
  /** Iterations done (1 after the first). */
  iteration: number;
  /** ‖Z_new − Z_old‖_F / ‖Z_old‖_F (Infinity at the first iteration). */
  change: number;
  /** Singular values above λ kept in Z. */
  rank: number;
  /** RMSE over the observed entries. */
  trainRmse: number;
}

/** Options of {@link softImpute}. */
export interface SoftImputeOptions {
  /** Shrinkage λ ≥ 0 of the singular values (default: the largest singular value of P_Ω(M) / 50, as fancyimpute). */
  lambda?: number;
  /** Largest rank computed by each truncated SVD (default min(m, n, 50)). */
  rank?: number;
  /** Iteration limit (default 100). */
  maxIter?: number;
  /** Stop when ‖Z_new − Z_old‖_F ≤ tol·‖Z_old‖_F (default 1e-3, fancyimpute's threshold). */
  tol?: number;
  /** Fit and remove a global mean and row/column offsets first (softImpute's `biScale` centring). Default false. */
  biases?: boolean;
  /** Clip every prediction to `[low, high]`. */
  clip?: [number, number] | readonly [number, number];
  /** Seed of the randomized SVDs. */
  seed?: Seed;
  /** Called after every iteration; return `false` to stop. */
  onIteration?: (info: SoftImputeIterationInfo) => boolean | void;
}

/** Result of {@link softImpute}: Z = U·diag(d)·Vᵀ (plus offsets). */
export interface SoftImputeResult {
  /** m x r, orthonormal columns. */
  U: NdArray;
  /** The r singular values of Z (after shrinkage, all > 0). */
  d: Float64Array;
  /** n x r, orthonormal columns. */
  V: NdArray;
  /** The fitted mean and row/column offsets (all zero without `biases`). */
  biases: Biases;
  /** λ used (the default is computed from the data). */
  lambda: number;
  /** Predicted entry (i, j). */
  predict(i: number, j: number): number;
  /** The dense m x n completion. @throws ResourceError above 2^26 entries. */
  complete(): NdArray;
  /** RMSE over the observed entries. */
  rmse: number;
  /** The change fell below tol. */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Iterations done. */
  iterations: number;
  /** ‖Z_new − Z_old‖_F / ‖Z_old‖_F per iteration. */
  history: number[];
}

const OPTION_KEYS = ['lambda', 'rank', 'maxIter', 'tol', 'biases', 'clip', 'seed', 'onIteration'] as const;

/** S = P_Ω(residual) as CSR by rows and (for Sᵀ) by columns, sharing the grouped structure. */
function sparsePair(byRow: Grouped, byCol: Grouped, resid: Float64Array, m: number, n: number): [CSRMatrix, CSRMatrix] {
  const take = (g: Grouped) => {
    const d = new Float64Array(g.val.length);
    for (let q = 0; q < d.length; q++) d[q] = resid[g.perm[q]!]!;
    return d;
  };
  return [
    new CSRMatrix({ indptr: byRow.ptr, indices: byRow.idx, data: take(byRow), shape: [m, n] }),
    new CSRMatrix({ indptr: byCol.ptr, indices: byCol.idx, data: take(byCol), shape: [n, m] }),
  ];
}

/** X = S + U·diag(d)·Vᵀ as a LinearOperator with block products (never dense). */
function sparsePlusLowRank(S: CSRMatrix, St: CSRMatrix, U: DenseMatrix, d: Float64Array, V: DenseMatrix): LinearOperator {
  const [m, n] = S.shape;
  const r = d.length;
  // out += A·diag(d)·(Bᵀ·X) for A (rows x r), B (cols x r), X (cols x l)
  const lowRank = (A: DenseMatrix, B: DenseMatrix, X: DenseMatrix, out: Float64Array) => {
    if (r === 0) return;
    const W = asDenseMatrix(matmul(B, X, { transA: true })).data;
    for (let a = 0; a < r; a++) for (let c = 0; c < X.cols; c++) W[a * X.cols + c]! *= d[a]!;
    const P = asDenseMatrix(matmul(A, { rows: r, cols: X.cols, data: W })).data;
    for (let q = 0; q < out.length; q++) out[q]! += P[q]!;
  };
  const block = (Sx: CSRMatrix, A: DenseMatrix, B: DenseMatrix, rows: number) => (X: DenseMatrix): DenseMatrix => {
    const out = Float64Array.from(sparseDense(Sx, X.data, { cols: X.cols }));
    lowRank(A, B, X, out);
    return { rows, cols: X.cols, data: out };
  };
  const matmat = block(S, U, V, m);
  const rmatmat = block(St, V, U, n);
  return {
    shape: [m, n],
    matvec: (x) => matmat({ rows: n, cols: 1, data: x }).data,
    rmatvec: (y) => rmatmat({ rows: m, cols: 1, data: y }).data,
    matmat,
    rmatmat,
  };
}

/** ⟨Z₁, Z₂⟩_F for Zᵢ = Uᵢ·diag(dᵢ)·Vᵢᵀ in O((m + n)·r₁·r₂). */
function lowRankInner(U1: DenseMatrix, d1: Float64Array, V1: DenseMatrix, U2: DenseMatrix, d2: Float64Array, V2: DenseMatrix): number {
  if (d1.length === 0 || d2.length === 0) return 0;
  const A = asDenseMatrix(matmul(U1, U2, { transA: true })).data;
  const B = asDenseMatrix(matmul(V1, V2, { transA: true })).data;
  const r2 = d2.length;
  let s = 0;
  for (let a = 0; a < d1.length; a++) for (let b = 0; b < r2; b++) s += d1[a]! * d2[b]! * A[a * r2 + b]! * B[a * r2 + b]!;
  return s;
}

/**
 * Soft-Impute (Mazumder, Hastie & Tibshirani, JMLR 2010): Z ← S_λ(P_Ω(M) + P_Ω⊥(Z)), where S_λ
 * soft-thresholds the singular values (σ ↦ max(σ − λ, 0)), i.e. proximal gradient on
 * ½‖P_Ω(M − Z)‖²_F + λ‖Z‖_*. The matrix P_Ω(M − Z) + Z is "sparse + low rank": its truncated SVD
 * is a randomized SVD (Halko et al.) of an operator whose products cost O(|Ω|·l + (m + n)·r·l),
 * so the dense m x n matrix is never formed.
 *
 * Per iteration: 6 block products (l = rank + 10 columns) and O(|Ω|·r) for the residual.
 *
 * @param observed - the known entries with the full shape (COO, CSR or CSC); not modified
 * @param options - {@link SoftImputeOptions}
 * @returns {@link SoftImputeResult}
 * @throws {@link ArgumentError} on a bad option (unknown keys too), NaN/Infinity, repeated entries
 *   or no entries; {@link FormatError} on an index outside the shape.
 *
 * @example
 * ```ts
 * import { coo, softImpute } from 'sparsity';
 * const r = [0, 0, 0, 1, 1, 2, 2], c = [0, 1, 2, 0, 1, 0, 2];
 * const M = coo(r, c, r.map((i, p) => (i + 1) * (c[p] + 1)), [3, 3]);
 * const fit = softImpute(M, { lambda: 0.01, rank: 2, seed: 1, tol: 1e-9, maxIter: 2000 });
 * Math.abs(fit.predict(1, 2) - 6) < 0.1; // => true
 * fit.d.length; // => 1
 * ```
 */
export function softImpute(observed: COOMatrix | CSRMatrix | CSCMatrix, options: SoftImputeOptions = {}): SoftImputeResult {
  const o = readOptions<Record<string, unknown>>('softImpute', options as Record<string, unknown> | undefined, OPTION_KEYS);
  const t = readObserved(observed);
  const { m, n } = t;
  if (t.val.length === 0) throw new ArgumentError('observed', 'no entries', 'at least one observed entry');
  const rankMax = Math.min(m, n);
  const rank = o['rank'] === undefined ? Math.min(rankMax, 50) : o['rank'];
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > rankMax) {
    throw new ArgumentError('rank', rank, `an integer in [1, ${rankMax}]`);
  }
  const maxIter = o['maxIter'] === undefined ? 100 : o['maxIter'];
  if (typeof maxIter !== 'number' || !Number.isInteger(maxIter) || maxIter < 1) throw new ArgumentError('maxIter', maxIter, 'a positive integer');
  const tol = o['tol'] === undefined ? 1e-3 : o['tol'];
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) throw new ArgumentError('tol', tol, 'a finite number ≥ 0');
  const clip = optRange('clip', o['clip']);
  const useBiases = optBool('biases', o['biases'], false);
  const onIteration = o['onIteration'];
  if (onIteration !== undefined && typeof onIteration !== 'function') throw new ArgumentError('onIteration', onIteration, 'a function (info) => boolean | void');
  const rng = createRng(o['seed'] as Seed | undefined);
  const seedOf = () => rng.integer(0, 2 ** 31);

  const byRow = groupBy(t, true);
  const byCol = groupBy(t, false);
  const biases = useBiases ? fitBiases(t, byRow, byCol) : noBiases(m, n);
  const values = useBiases ? centred(t, biases) : t.val;
  let lambda: number;
  if (o['lambda'] === undefined) {
    const [S] = sparsePair(byRow, byCol, values, m, n);
    lambda = randomizedSvd(S, 1, { seed: seedOf() }).s[0]! / 50;
  } else {
    lambda = o['lambda'] as number;
    if (typeof lambda !== 'number' || !(lambda >= 0) || !Number.isFinite(lambda)) throw new ArgumentError('lambda', lambda, 'a finite number ≥ 0');
  }

  let U: DenseMatrix = { rows: m, cols: 0, data: new Float64Array(0) };
  let V: DenseMatrix = { rows: n, cols: 0, data: new Float64Array(0) };
  let d = new Float64Array(0);
  const scaledU = (): Float64Array => {
    const r = d.length;
    const u = new Float64Array(m * r);
    for (let i = 0; i < m; i++) for (let a = 0; a < r; a++) u[i * r + a] = U.data[i * r + a]! * d[a]!;
    return u;
  };
  const model = (): LowRank => ({ m, n, k: d.length, u: scaledU(), v: V.data, biases, clip });
  const resid = new Float64Array(values.length);
  const history: number[] = [];
  let converged = false;
  let stopped = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    // residual of the centred values against the current Z
    const r = d.length;
    for (let p = 0; p < resid.length; p++) {
      const i = t.row[p]!;
      const j = t.col[p]!;
      let z = 0;
      for (let a = 0; a < r; a++) z += U.data[i * r + a]! * d[a]! * V.data[j * r + a]!;
      resid[p] = values[p]! - z;
    }
    const [S, St] = sparsePair(byRow, byCol, resid, m, n);
    const svd = randomizedSvd(sparsePlusLowRank(S, St, U, d, V), rank, { seed: seedOf() });
    let kept = 0;
    while (kept < svd.s.length && svd.s[kept]! > lambda) kept++;
    const dNew = new Float64Array(kept);
    for (let a = 0; a < kept; a++) dNew[a] = svd.s[a]! - lambda;
    const Uf = asDenseMatrix(svd.U).data;
    const Vt = asDenseMatrix(svd.Vt).data;
    const uNew = new Float64Array(m * kept);
    for (let i = 0; i < m; i++) for (let a = 0; a < kept; a++) uNew[i * kept + a] = Uf[i * rank + a]!;
    const vNew = new Float64Array(n * kept);
    for (let j = 0; j < n; j++) for (let a = 0; a < kept; a++) vNew[j * kept + a] = Vt[a * n + j]!;
    const Un = { rows: m, cols: kept, data: uNew };
    const Vn = { rows: n, cols: kept, data: vNew };
    let oldNorm2 = 0;
    for (const x of d) oldNorm2 += x * x;
    let newNorm2 = 0;
    for (const x of dNew) newNorm2 += x * x;
    const cross = lowRankInner(U, d, V, Un, dNew, Vn);
    const change = oldNorm2 > 0 ? Math.sqrt(Math.max(0, oldNorm2 + newNorm2 - 2 * cross) / oldNorm2) : Infinity;
    U = Un;
    V = Vn;
    d = dNew;
    iterations = it;
    history.push(change);
    if (change <= tol) converged = true;
    if (onIteration) {
      const info = { iteration: it, change, rank: kept, trainRmse: rmseOn(model(), t) };
      if ((onIteration as (i: SoftImputeIterationInfo) => boolean | void)(info) === false) {
        stopped = true;
        converged = false;
        break;
      }
    }
    if (converged) break;
  }
  const L = model();
  return {
    U: toNdarray(U),
    d,
    V: toNdarray(V),
    biases,
    lambda,
    predict: (i, j) => predictChecked(L, i, j),
    complete: () => completeDense(L, 'softImpute.complete'),
    rmse: rmseOn(L, t),
    converged,
    stopped,
    iterations,
    history,
  };
}
