/**
 * Supports proposed by a Lasso path on a transformed problem, refitted by least squares on the
 * original rows, and the choice among them: K-fold cross-validation of the whole procedure
 * (transform, path and refit redone on each fold's training rows), or the risk inflation criterion
 * when the noise level is known.
 *
 * This is how the preconditioned methods choose α: the Lasso on the transformed design only proposes
 * supports; each is judged by how well least squares on it predicts the original, untransformed
 * rows. Judging α by the Lasso's own error on transformed rows fails badly after a whitening
 * transform, which amplifies the noise; and choosing supports on all rows before cross-validating
 * only the refits is badly optimistic (large supports fit the held-out noise), so every fold redoes
 * the selection.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import type { Seed } from '../../core/rng.js';
import { lassoPath } from '../glm/lasso-path.js';
import { crossValidatePath, type HeldOutError, type PathFit } from './cross-validate.js';
import { interceptFor, interceptOn, prepareRegression, prepareRows, withColumnStats, type DesignInput, type PreparedRegression } from './design.js';
import { foldColumnStatistics, type FoldColumnStatistics } from './column-statistics.js';
import { kFold } from './folds.js';
import { alphaGrid } from '../glm/alpha-grid.js';
import { explicitColumns, implicitUnitColumns, kktViolators, screenColumns, screenSize, type UnitColumns } from './screening.js';
import { ompSteps, rowMajorColumns, type OMPColumns } from './omp.js';
import { ExtendableDesign } from '../glm/extendable-design.js';
import { axpy } from '../../kernels/blas1.js';
import { normalizeColumnsInPlace } from './puffer.js';
import { identityTransform } from './transforms.js';
import { nestedRefits } from './refit.js';
import { supportSplicer } from './polish.js';
import { sameSupport } from './support.js';

/** A transformed problem: Z with unit columns, z, the column norms before normalizing, the transform's name. @internal */
export interface TransformedProblem { Z: DenseMatrix; z: Float64Array; norms: Float64Array; name: string }

/** A row transform with column normalization: (centred X, centred y) -> (Z with unit columns, z). @internal */
export type ProblemTransform = (Xc: DenseMatrix, yc: Float64Array) => TransformedProblem;

/** Settings of {@link refitPath}. @internal */
export interface RefitPathSettings {
  transform: ProblemTransform;
  /** α/α_max along the path, decreasing. */
  ratios: Float64Array;
  fitIntercept: boolean;
  tol: number;
  maxIter: number;
  /** Path points whose support is larger are left out. */
  maxSupport: number;
  /** Least squares on each support (true), or the Lasso's own coefficients mapped back to X's scale. */
  refit: boolean;
  /**
   * On wide designs (d > 4n), run the Lasso path and OMP on the 2n columns most correlated with
   * the response, grown by the columns that violate the Lasso's optimality conditions at the
   * path's end (see screening.ts).
   */
  screen?: boolean;
  /**
   * Also propose the nested supports of orthogonal matching pursuit on the unit-normalized,
   * centred X (steps 1..maxSupport, after the path's points; needs `refit`).
   */
  omp?: boolean;
  /**
   * With `omp`: propose the spliced supports instead of OMP's (polish.ts: each size from the
   * previous by the best forward column, then exchanges of a column in S for one outside while
   * they lower the residual), over all d columns even when screening.
   */
  polish?: boolean;
  /**
   * With `refit`: also propose each Lasso path point's own (shrunken) coefficients, mapped back to
   * X's scale, after the OMP points, while its support has at most this many features; the path
   * then runs on until its last α or such a support, the refits stopping as without this. Below the sample size at which the proposed supports are
   * right, least squares on a partly wrong support predicts far worse than the Lasso's shrunken fit,
   * and the selection should be able to keep the latter.
   */
  unrefitted?: number;
}

/**
 * A path of refits with the supports and α that produced them; coefs[t] holds the coefficients of
 * supports[t]'s columns (in its order), see {@link PathFit}. @internal
 */
export interface RefitPath extends PathFit {
  supports: (Int32Array | undefined)[];
  alphas: Float64Array;
  prepared: PreparedRegression;
  /** The transform's name. */
  name: string;
}

/**
 * The centred design as a new dense matrix (sparse input is densified: the transforms are dense);
 * one pass over the rows the design reads, so a row view of X is never copied first. @internal
 */
export function centredDense(p: PreparedRegression): DenseMatrix {
  const { n, d } = p.design;
  const src = p.design.rowMajor;
  const D = src ? null : p.design.dense();
  const data = src?.data ?? D!.data;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = src ? src.offset(i) : i * d;
    if (p.fitIntercept) for (let j = 0; j < d; j++) out[i * d + j] = data[o + j]! - p.xMean[j]!;
    else out.set(data.subarray(o, o + d), i * d);
  }
  return { rows: n, cols: d, data: out };
}

/** The centred design with unit columns (one new matrix) and the column norms. @internal */
export function unitColumns(p: PreparedRegression): { X: DenseMatrix; norms: Float64Array } {
  const X = centredDense(p);
  return { X, norms: normalizeColumnsInPlace(X) };
}

/**
 * Where the Lasso path's own (unrefitted) points may stop before the path's last α: on a fold's
 * training rows, once the held-out error of those points (`heldOut`, the fold's) has risen at
 * {@link OWN_PATIENCE} consecutive α; on all rows, after path point `last` (the last one every
 * fold computed: later ones have no cross-validation score and cannot be chosen). @internal
 */
export type OwnPointStop = { heldOut: HeldOutError } | { last: number };

/**
 * Consecutive α at which a fold's held-out error of the Lasso's own points must rise before that
 * fold's path stops (with `unrefitted`). The error along the path falls to a minimum and then rises
 * as the Lasso fits noise; the smallest α, where it is highest, are where the Lasso costs most on
 * ill-conditioned designs (AR(1) 0.99, N = 400: the paths to the last α took 5x the CPU of the
 * refits alone).
 */
const OWN_PATIENCE = 5;

/**
 * Transform the (centred) problem, run the Lasso path at α = ratio·α_max, and refit least squares on
 * the original rows at every path point whose support has at most maxSupport features.
 *
 * The path is one `lassoPath` call on a design prepared once, and stops early at the first point
 * whose support exceeds maxSupport, or (with refits) once the support has grown past 2·|Ŝ| + 10,
 * where Ŝ is the support minimizing n·ln(RSS/n) + 2·ln(d)·|S| (the log-likelihood form of the risk
 * inflation criterion) among the points so far: larger refits only fit noise, and computing them
 * (a Lasso at small α, a refit of many columns) is what costs. Points not computed are left
 * undefined. With `s.unrefitted`, the path runs on for the Lasso's own points until its last α, a
 * support of `s.unrefitted` features, or where `own` stops it.
 * @internal
 */
export function refitPath(p: PreparedRegression, s: RefitPathSettings, transformed?: TransformedProblem, own?: OwnPointStop): RefitPath {
  const { n, d } = p.design;
  let cols: UnitColumns;
  let z: Float64Array;
  let name: string;
  if (transformed) {
    ({ z, name } = transformed);
    cols = explicitColumns(transformed.Z, transformed.norms);
  } else if (s.transform === identityTransform) {
    // Z is read from the design's rows as needed, never formed whole.
    cols = implicitUnitColumns(p);
    z = Float64Array.from(p.y);
    name = 'identity';
  } else {
    const t = s.transform(centredDense(p), p.y);
    ({ z, name } = t);
    cols = explicitColumns(t.Z, t.norms);
  }
  const A = s.ratios.length;
  const known = !transformed && s.transform === identityTransform ? p.columnStats : undefined;
  // Zᵀz, from the column statistics when they were computed ahead.
  const c = known ? known.xty.map((v, j) => (cols.norms[j]! > 0 ? v / cols.norms[j]! : 0)) : cols.corr(z);
  let aMax = 0;
  for (let j = 0; j < d; j++) aMax = Math.max(aMax, Math.abs(c[j]!));
  aMax = cols.n > 0 ? aMax / cols.n : 0;
  const alphas = s.ratios.map((r) => r * aMax);
  const lnD = 2 * Math.log(Math.max(d, 2));
  const P = pathPoints(s);
  let coefs: Float64Array[] = [];
  let intercepts = new Float64Array(P);
  let supports: (Int32Array | undefined)[] = [];
  // Screening: the path runs on the columns M most correlated with z, and M grows by the columns
  // that violate the optimality conditions (see below) until there are none, for at most
  // SCREEN_ROUNDS rounds. A repaired round restarts the path at its first point that violated them,
  // warm-started from the point before (valid on all columns), and replays the earlier points.
  let M = screenColumns(c, s.screen ? screenSize(cols.n, d) : d);
  // Z[:, M], column-major, grown in place as M grows; the Lasso, the optimality checks and OMP read it.
  const nearCap = Math.max(1, Math.floor(cols.n / 4));
  const ZM = new ExtendableDesign(cols.n, Math.min(d, M.length + SCREEN_ROUNDS * nearCap));
  try {
    ZM.append(M.length, (out) => cols.columnsInto(M, out));
    // Every point's support (ascending column indices of X) and its coefficients on it, for the
    // replays and warm starts, and its refit: a replay reuses them. Kept sparse: a d-length vector
    // per point is megabytes of short-lived arrays per call on wide designs.
    const pathValues: Float64Array[] = [];
    const pathRefits: (Float64Array | undefined)[] = [];
    const pathSupports: Int32Array[] = [];
    let start = 0;
    // The refits' centred columns x_j − x̄_j: for the identity, Z_j·‖x_j − x̄_j‖ from ZM (contiguous)
    // where j is in M, instead of a strided read of X's rows.
    const slot = new Int32Array(name === 'identity' && !transformed ? d : 0).fill(-1);
    const noteSlots = (from: number, J: ArrayLike<number>) => {
      if (slot.length > 0) for (let u = 0; u < J.length; u++) slot[J[u]!] = from + u;
    };
    noteSlots(0, M);
    const centredColumn = slot.length === 0 ? undefined : (j: number): Float64Array | undefined => {
      const u = slot[j]!;
      const nr = cols.norms[j]!;
      return u < 0 || nr === 0 ? undefined : ZM.column(u).map((v) => v * nr);
    };
    const refitter = nestedRefits(p, Math.min(s.maxSupport, n), centredColumn);
    const ownMax = s.refit ? s.unrefitted ?? 0 : 0;
    const keepOwn = ownMax > 0;
    for (let round = 0; ; round++) {
      coefs = [];
      intercepts = new Float64Array(P);
      supports = new Array<Int32Array | undefined>(P).fill(undefined);
      let bestCrit = Infinity;
      let bestSize = 0;
      let last: Int32Array | undefined;
      let lastW: Float64Array | undefined;
      let visited = 0;
      let refitsDone = false;
      // The Lasso's own points: their last held-out error, how many α in a row it rose, whether they may stop.
      let ownLast = Infinity;
      let ownRises = 0;
      let ownDone = false;
      // Records path point t (its support S and coefficients b on S); true once the path may stop (see above).
      const visit = (t: number, S: Int32Array, b: Float64Array): boolean => {
        visited = t + 1;
        pathValues[t] = b;
        pathSupports[t] = S;
        if (keepOwn && S.length <= ownMax) {
          const u = unrefittedPoint(s) + t;
          const w0 = unscaled(S, b, cols.norms);
          supports[u] = S;
          coefs[u] = w0;
          intercepts[u] = interceptOn(p, S, w0);
          if (own && 'last' in own) ownDone = t >= own.last;
          else if (own) {
            const e = own.heldOut(S, w0, intercepts[u]!);
            ownRises = e > ownLast ? ownRises + 1 : 0;
            ownLast = e;
            ownDone = ownRises >= OWN_PATIENCE;
          }
        }
        // With the Lasso's own points kept, the path runs on after the refits stop, to its end or
        // where `own` stops it.
        if (refitsDone) return S.length >= ownMax || ownDone;
        if (S.length > s.maxSupport) {
          refitsDone = true;
          return !keepOwn || ownDone;
        }
        let w: Float64Array;
        if (!s.refit) w = unscaled(S, b, cols.norms);
        else if (t < start && pathRefits[t]) w = pathRefits[t]!;
        else w = last && lastW && sameSupport(last, S) ? lastW : refitter.refit(S);
        pathRefits[t] = w;
        last = S;
        lastW = w;
        supports[t] = S;
        coefs[t] = w;
        intercepts[t] = interceptOn(p, S, w);
        if (s.refit && n > 0) {
          const crit = n * Math.log(Math.max(refitter.rss(w, S), 1e-300) / n) + lnD * S.length;
          if (crit < bestCrit) {
            bestCrit = crit;
            bestSize = S.length;
          }
          if (S.length > 2 * bestSize + 10) {
            refitsDone = true;
            return !keepOwn || ownDone;
          }
        }
        return false;
      };
      // A coefficient vector on M as its support (column indices of X, ascending) and values.
      const visitOnM = (t: number, coef: Float64Array): boolean => {
        const on = sparseOnM(M, coef);
        return visit(t, on.S, on.b);
      };
      if (aMax === 0) {
        // z is orthogonal to every column: the whole path is zero.
        for (let t = 0; t < A && !visit(t, new Int32Array(0), new Float64Array(0)); t++);
        break;
      }
      // The points before `start` satisfied the optimality conditions on all columns: replayed.
      for (let t = 0; t < start; t++) visit(t, pathSupports[t]!, pathValues[t]!);
      // One path on a design prepared once, ended by the rule above as soon as it applies.
      const warmStart = start > 0 ? warmStartOnM(M, pathSupports[start - 1]!, pathValues[start - 1]!, d) : undefined;
      const path = lassoPath(ZM.handle(), z, {
        alphas: alphas.subarray(start), fitIntercept: false, tol: s.tol, maxIter: s.maxIter,
        stopWhen: (t, coef) => visitOnM(start + t, coef), ...(warmStart ? { warmStart } : {}),
      });
      const m = start + path.coefs.length;
      if (!path.stopped && visited < m) visitOnM(m - 1, path.coefs[path.coefs.length - 1]!);
      if (M.length === d || round === SCREEN_ROUNDS) break;
      const r = residual(ZM, z, path.coefs[path.coefs.length - 1]!);
      const { violators, near } = kktViolators(cols, M, r, alphas[m - 1]!, SCREEN_MARGIN, nearCap);
      if (violators === 0) break;
      // The columns within the margin join with the violators (the largest n/4), so that fewer
      // rounds are needed.
      // The next round restarts at the first point where a joining column violates the conditions
      // (the optimality check on all columns stays at the path's last point, as before).
      const before = ZM.p;
      ZM.append(near.length, (out) => cols.columnsInto(near, out));
      noteSlots(before, near);
      start += firstViolation(ZM, before, z, path.coefs, alphas.subarray(start, m));
      M = Int32Array.from([...M, ...near]);
    }
    if (s.omp && s.refit) {
      // OMP on the centred, unit-normalized X, over the same screened columns for the identity; the
      // splice over all columns (screening by marginal correlation loses true columns of a
      // correlated design, and the splice's exchanges are what finds them).
      let MU = M;
      let UM: DenseMatrix | null = null;
      if (name !== 'identity' || s.polish) {
        const U = name === 'identity' ? cols : implicitUnitColumns(p);
        MU = s.polish ? screenColumns(c, d) : screenColumns(U.corr(p.y), s.screen ? screenSize(n, d) : d);
        UM = U.gather(MU);
      }
      const cap = Math.min(s.maxSupport, MU.length, Math.max(n - 1, 1));
      const source: OMPColumns = UM ? rowMajorColumns(UM) : { rows: n, cols: ZM.p, corr: (r, out) => ZM.columnDots(r, 0, ZM.p, out), column: (j) => ZM.column(j) };
      const picked = s.polish ? splicedSupports(UM!, p.y, cap) : ompPrefixes(ompSupports(source, p.y, cap));
      const nested = picked.map((S) => Int32Array.from(S, (u) => MU[u]!).sort());
      const prefix = nestedRefits(p, s.maxSupport, centredColumn);
      nested.forEach((S, t) => {
        const w = prefix.refit(S);
        supports[A + t] = S;
        coefs[A + t] = w;
        intercepts[A + t] = interceptOn(p, S, w);
      });
    }
  } finally {
    ZM.release();
  }
  return { coefs, intercepts, supports, alphas, prepared: p, name };
}

/**
 * The nonzeros of coefficients `coef` on the columns M (M[u] is the column of X behind coef[u]; M
 * need not be sorted): the column indices S ascending and the values b in S's order.
 */
function sparseOnM(M: Int32Array, coef: Float64Array): { S: Int32Array; b: Float64Array } {
  const us: number[] = [];
  for (let u = 0; u < M.length; u++) if (coef[u] !== 0) us.push(u);
  us.sort((a, c) => M[a]! - M[c]!);
  return { S: Int32Array.from(us, (u) => M[u]!), b: Float64Array.from(us, (u) => coef[u]!) };
}

/** Coefficients on M (zero off S) from a point's support S and values b on it. O(d + |M|). */
function warmStartOnM(M: Int32Array, S: Int32Array, b: Float64Array, d: number): Float64Array {
  const full = new Float64Array(d);
  for (let t = 0; t < S.length; t++) full[S[t]!] = b[t]!;
  return Float64Array.from(M, (j) => full[j]!);
}

/** Coefficients b of Z's columns S on X's scale: b_t / norms[S_t] (0 where the norm is 0). */
function unscaled(S: Int32Array, b: Float64Array, norms: Float64Array): Float64Array {
  return b.map((v, t) => (norms[S[t]!]! > 0 ? v / norms[S[t]!]! : 0));
}

/** The d-length coefficient vector of point t of a refit path (zero off its support); undefined where the path has no such point. */
function pointCoef(path: RefitPath, t: number): Float64Array | undefined {
  const b = path.coefs[t];
  const S = path.supports[t];
  if (!b || !S) return undefined;
  const w = new Float64Array(path.prepared.design.d);
  for (let u = 0; u < S.length; u++) w[S[u]!] = b[u]!;
  return w;
}

/** z − Z·w for the columns of Z (axpys over w's nonzeros). */
function residual(Z: ExtendableDesign, z: Float64Array, w: Float64Array): Float64Array {
  const r = Float64Array.from(z);
  for (let j = 0; j < w.length; j++) if (w[j] !== 0) axpy(-w[j]!, Z.column(j), r);
  return r;
}

/**
 * The first path point t whose residual r = z − Z·coefs[t] has |Z_jᵀr|/n > alphas[t] in some
 * column j ≥ `joined` of Z (the columns appended after the path ran on the first `joined`); the
 * last point when none does. O(n·(nnz(coefs[t]) + Z.p − joined)) per point.
 */
function firstViolation(Z: ExtendableDesign, joined: number, z: Float64Array, coefs: Float64Array[], alphas: Float64Array): number {
  const g = new Float64Array(Z.p - joined);
  for (let t = 0; t < coefs.length; t++) {
    Z.columnDots(residual(Z, z, coefs[t]!), joined, Z.p - joined, g);
    const bound = alphas[t]! * Z.n;
    if (g.some((v) => Math.abs(v) > bound)) return t;
  }
  return coefs.length - 1;
}

/** Rounds of screening repair (violators joining M) before the screened path is kept as it is. */
const SCREEN_ROUNDS = 4;

/** Columns whose |Z_jᵀr|/n is above this fraction of α join M with the violators. */
const SCREEN_MARGIN = 0.8;

/**
 * The spliced supports of sizes 1..cap on the centred problem (polish.ts), stopped as the Lasso path
 * (support past 2·|Ŝ| + 10 for the Ŝ that minimizes n·ln(RSS/n) + 2·ln(d)·|S|).
 */
function splicedSupports(U: DenseMatrix, y: Float64Array, cap: number): Int32Array[] {
  const { rows: n, cols: d } = U;
  const lnD = 2 * Math.log(Math.max(d, 2));
  let bestCrit = Infinity;
  let bestSize = 0;
  return supportSplicer(U, y).path(cap, (size, rss) => {
    const crit = n * Math.log(Math.max(rss, 1e-300) / n) + lnD * size;
    if (crit < bestCrit) {
      bestCrit = crit;
      bestSize = size;
    }
    return size > 2 * bestSize + 10;
  });
}

/** The nested supports of OMP's first 1, 2, … selections. */
function ompPrefixes(steps: Int32Array): Int32Array[] {
  return Array.from(steps, (_, t) => steps.slice(0, t + 1));
}

/**
 * The columns orthogonal matching pursuit selects, in order, on (U, y) with U's columns of unit
 * norm: at most `cap` steps, stopped as the Lasso path (support past 2·|Ŝ| + 10 for the Ŝ that
 * minimizes n·ln(RSS/n) + 2·ln(d)·|S|).
 */
function ompSupports(U: OMPColumns, y: Float64Array, cap: number): Int32Array {
  const { rows: n, cols: d } = U;
  if (cap < 1 || n === 0) return new Int32Array(0);
  const lnD = 2 * Math.log(Math.max(d, 2));
  let bestCrit = Infinity;
  let bestSize = 0;
  return Int32Array.from(ompSteps(U, y, cap, undefined, ({ iteration, residualNorm2 }) => {
    const crit = n * Math.log(Math.max(residualNorm2, 1e-300) / n) + lnD * iteration;
    if (crit < bestCrit) {
      bestCrit = crit;
      bestSize = iteration;
    }
    return iteration <= 2 * bestSize + 10;
  }).support);
}


/**
 * How {@link selectRefit} scores a path point: K-fold CV, or, with a known noise level σ, the risk
 * inflation criterion RSS/n + 2σ²·ln(d)·|S|/n (Foster & George 1994: Mallows' Cp with the penalty
 * that accounts for having searched d features; plain Cp's 2σ²|S|/n overfits path-selected supports).
 * @internal
 */
export type SupportCriterion = { kind: 'cv'; folds: number; seed?: Seed; oneStandardError?: boolean } | { kind: 'ric'; sigma: number };

/** The chosen refit and every path point's score. @internal */
export interface SelectedRefit {
  coef: Float64Array;
  intercept: number;
  alpha: number;
  index: number;
  scores: Float64Array;
  /** The transform's name. */
  name: string;
  /** Path points evaluated. */
  points: number;
  /** Which proposer gave the chosen support. */
  proposer: 'lasso' | 'omp';
  /** Whether the chosen point is a least-squares refit (false: the Lasso's own coefficients). */
  refitted: boolean;
}

/**
 * Choose a point of the refit path: the least K-fold CV error (the whole procedure redone per fold),
 * or the least risk-inflation criterion RSS/n + 2σ²·ln(d)·|S|/n on all rows. Ties go to the earlier (sparser) point.
 * `transformed` is the transform of all rows when the caller already has it; `ahead`, X and y
 * prepared (prepareRegression) and their column statistics (foldColumnStatistics) when the caller
 * already has them.
 * @internal
 */
export function selectRefit(
  X: DesignInput, y: Float64Array, s: RefitPathSettings, criterion: SupportCriterion, transformed?: TransformedProblem, ahead?: { prepared: PreparedRegression; stats: FoldColumnStatistics | null },
): SelectedRefit {
  let prepared = ahead?.prepared ?? prepareRegression(X, y, s.fitIntercept);
  // The identity's paths start from column statistics: all folds' from two passes over X.
  const stats = ahead ? ahead.stats : !transformed && s.transform === identityTransform ? foldColumnStatistics(prepared, y) : null;
  if (stats && !prepared.columnStats) prepared = withColumnStats(prepared, stats.all);
  const A = pathPoints(s);
  const u = unrefittedPoint(s);
  const keepOwn = s.refit && (s.unrefitted ?? 0) > 0;
  let full: RefitPath;
  let scores: Float64Array;
  let index: number;
  if (criterion.kind === 'cv') {
    const folds = kFold(y.length, criterion.folds, criterion.seed);
    // Each fold's Lasso's own points stop once their held-out error has risen for a while (OwnPointStop).
    const r = crossValidatePath(prepared.design, X, y, folds, A, (train, f, heldOut) => refitPath(prepareRows(prepared, X, y, train, stats && s.transform === identityTransform ? stats.training(folds[f]!.test) : undefined), s, undefined, keepOwn ? { heldOut } : undefined));
    // All rows' own points go as far as every fold's did: past that they score +Infinity.
    let last = -1;
    for (let t = 0; keepOwn && u + t < A; t++) if (Number.isFinite(r.mseMean[u + t]!)) last = t;
    full = refitPath(prepared, s, transformed, keepOwn ? { last } : undefined);
    scores = r.mseMean;
    index = criterion.oneStandardError ? oneStandardErrorPoint(r.msePath, r.mseMean, r.best, folds.length, full.supports) : r.best;
  } else {
    full = refitPath(prepared, s, transformed);
    const p = full.prepared;
    const { n, d } = p.design;
    scores = new Float64Array(A).fill(Infinity);
    index = 0;
    for (let t = 0; t < A; t++) {
      const w = pointCoef(full, t);
      if (!w) continue;
      const pred = p.op.matvec(w);
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (p.y[i]! - pred[i]!) ** 2;
      scores[t] = rss / n + (2 * criterion.sigma * criterion.sigma * Math.log(Math.max(d, 2)) * full.supports[t]!.length) / n;
      if (scores[t]! < scores[index]!) index = t;
    }
  }
  const coef = pointCoef(full, index) ?? new Float64Array(full.prepared.design.d);
  const lasso = index < s.ratios.length || index >= u;
  return {
    coef, intercept: full.intercepts[index] ?? interceptFor(full.prepared, coef), alpha: full.alphas[index >= u ? index - u : index] ?? NaN, index, scores,
    proposer: lasso ? 'lasso' : 'omp', refitted: index < u,
    name: full.name, points: full.coefs.filter(Boolean).length,
  };
}

/**
 * The one-standard-error rule (Breiman et al. 1984; glmnet's lambda.1se): the path point with the
 * smallest support (on all rows) whose mean CV error is at most the least mean plus the standard error of that least
 * mean across folds. Cross-validation's minimum tends to keep a few noise features whose refits
 * fit the held-out noise slightly better by chance; this rule drops them.
 */
function oneStandardErrorPoint(msePath: Float64Array, mseMean: Float64Array, best: number, K: number, supports: (Int32Array | undefined)[]): number {
  const m = mseMean[best]!;
  if (!Number.isFinite(m) || K < 2) return best;
  let v = 0;
  for (let f = 0; f < K; f++) v += (msePath[best * K + f]! - m) ** 2;
  const bound = m + Math.sqrt(v / (K - 1) / K);
  const size = (t: number) => supports[t]?.length ?? Infinity;
  let pick = best;
  for (let t = 0; t < mseMean.length; t++) {
    if (mseMean[t]! <= bound && (size(t) < size(pick) || (size(t) === size(pick) && mseMean[t]! < mseMean[pick]!))) pick = t;
  }
  return pick;
}

/**
 * Points of a refit path: the Lasso path's, then (with `omp`) one per OMP step up to maxSupport,
 * then (with `unrefitted`) the Lasso path's own coefficients. @internal
 */
export function pathPoints(s: RefitPathSettings): number {
  return unrefittedPoint(s) + ((s.unrefitted ?? 0) > 0 && s.refit ? s.ratios.length : 0);
}

/** Index of the first unrefitted Lasso point (after the refits and the OMP points). */
function unrefittedPoint(s: RefitPathSettings): number {
  return s.ratios.length + (s.omp && s.refit ? s.maxSupport : 0);
}

/** The α/α_max grid of the refit paths: nAlphas log-spaced ratios from 1 down to eps. @internal */
export function ratioGrid(nAlphas: number, eps: number): Float64Array {
  return alphaGrid(1, nAlphas, eps);
}

/**
 * The largest support worth refitting by default: ⌊n/4⌋ (at least 1, at most d). A least-squares
 * refit on |S| columns from the ~4n/5 training rows of a fold has variance ∝ |S|/n, so larger
 * supports cannot win the cross-validation unless the signal is dense, and their refits dominate
 * the cost.
 * @internal
 */
export function maxRefitSupport(n: number, d: number): number {
  return Math.max(1, Math.min(d, Math.floor(n / 4)));
}
