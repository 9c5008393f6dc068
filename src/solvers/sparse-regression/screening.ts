/**
 * Feature screening for the support-proposing paths on wide designs (d ≫ n): the columns of the
 * transformed, unit-normalized design Z behind one small interface, so that a path can be run on
 * the columns most correlated with the response (sure independence screening, Fan & Lv 2008) and
 * its end checked against the Lasso's optimality conditions on all columns, without Z ever being
 * formed for the identity transform.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { rmatvecDense } from '../../linalg/dense/matvec.js';
import { preparedColumns, type PreparedRegression } from './design.js';
import { largestAbs, topK } from './support.js';

/** The columns of Z (n x d, unit or zero columns), explicit or implicit. @internal */
export interface UnitColumns {
  readonly n: number;
  readonly d: number;
  /** Column norms before normalizing (0: a zero or constant column, left at zero). */
  readonly norms: Float64Array;
  /** Zᵀv (length d). O(nd). */
  corr(v: Float64Array): Float64Array;
  /**
   * Z[:, M] as a dense n x |M| row-major matrix, or [before, Z[:, M]] (n x (b + |M|)) when
   * `before` (n x b) is given: appending to a screened matrix copies it once. O(n(b + |M|)).
   */
  gather(M: ArrayLike<number>, before?: DenseMatrix): DenseMatrix;
  /** Z[:, M] column-major into `out` (column t at out[t·n .. t·n + n)). O(n|M|). */
  columnsInto(M: ArrayLike<number>, out: Float64Array): void;
}

/** The columns of an explicit Z. @internal */
export function explicitColumns(Z: DenseMatrix, norms: Float64Array): UnitColumns {
  const { rows: n, cols: d, data } = Z;
  return {
    n, d, norms,
    corr: (v) => rmatvecDense(Z, v),
    gather: (M, before) => {
      const b = before ? before.cols : 0;
      const w = b + M.length;
      const out = new Float64Array(n * w);
      for (let i = 0; i < n; i++) {
        if (before) out.set(before.data.subarray(i * b, i * b + b), i * w);
        for (let t = 0; t < M.length; t++) out[i * w + b + t] = data[i * d + M[t]!]!;
      }
      return { rows: n, cols: w, data: out };
    },
    columnsInto: (M, out) => {
      for (let t = 0; t < M.length; t++) for (let i = 0; i < n; i++) out[t * n + i] = data[i * d + M[t]!]!;
    },
  };
}

/**
 * The centred design with unit columns, (x_j − x̄_j)/‖x_j − x̄_j‖, read from the prepared design
 * (a row view of X included) without forming it: the same values as `unitColumns(p)`, column by
 * column. O(nd) to set up (the norms), none when `p.columnStats` has them.
 * @internal
 */
export function implicitUnitColumns(p: PreparedRegression): UnitColumns {
  const { n, d } = p.design;
  const src = p.design.rowMajor;
  const sq = p.columnStats?.sq ?? centredSquaredNorms(p);
  const norms = new Float64Array(d);
  let top = 0;
  for (let j = 0; j < d; j++) {
    norms[j] = Math.sqrt(sq[j]!);
    top = Math.max(top, norms[j]!);
  }
  // As normalizeColumns: a centred constant column is rounding noise, treated as zero.
  for (let j = 0; j < d; j++) if (norms[j]! <= 1e-12 * top) norms[j] = 0;
  return {
    n, d, norms,
    corr: (v) => {
      const g = p.op.rmatvec(v);
      for (let j = 0; j < d; j++) g[j] = norms[j]! > 0 ? g[j]! / norms[j]! : 0;
      return g;
    },
    gather: (M, before) => {
      const k = M.length;
      const b = before ? before.cols : 0;
      const w = b + k;
      const out = new Float64Array(n * w);
      if (before) for (let i = 0; i < n; i++) out.set(before.data.subarray(i * b, i * b + b), i * w);
      if (!src) {
        const C = preparedColumns(p, M);
        for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) out[i * w + b + t] = norms[M[t]!]! > 0 ? C.data[i * k + t]! / norms[M[t]!]! : 0;
        return { rows: n, cols: w, data: out };
      }
      const idx = Int32Array.from(M);
      const mu = Float64Array.from(idx, (j) => p.xMean[j]!);
      const nr = Float64Array.from(idx, (j) => norms[j]!);
      for (let i = 0; i < n; i++) unitRowInto(src.data, src.offset(i), idx, mu, nr, out, i * w + b, 1);
      return { rows: n, cols: w, data: out };
    },
    columnsInto: (M, out) => {
      if (!src) {
        const C = preparedColumns(p, M);
        const k = M.length;
        for (let t = 0; t < k; t++) {
          const nr = norms[M[t]!]!;
          for (let i = 0; i < n; i++) out[t * n + i] = nr > 0 ? C.data[i * k + t]! / nr : 0;
        }
        return;
      }
      // Row by row (the source is row-major), each row's entries scattered to the columns.
      const idx = Int32Array.from(M);
      const mu = Float64Array.from(idx, (j) => p.xMean[j]!);
      const nr = Float64Array.from(idx, (j) => norms[j]!);
      for (let i = 0; i < n; i++) unitRowInto(src.data, src.offset(i), idx, mu, nr, out, i, n);
    },
  };
}

/**
 * One row of the unit columns idx: out[at + t·stride] = (data[o + idx[t]] − mu[t]) / nr[t] (0 where
 * nr[t] is 0). A function per row rather than one long loop per call, which would be compiled anew
 * (on-stack replacement) in most fits (see design.ts, gatherRow).
 */
function unitRowInto(data: Float64Array, o: number, idx: Int32Array, mu: Float64Array, nr: Float64Array, out: Float64Array, at: number, stride: number): void {
  for (let t = 0; t < idx.length; t++) out[at + t * stride] = nr[t]! > 0 ? (data[o + idx[t]!]! - mu[t]!) / nr[t]! : 0;
}

/** ‖x_j − x̄_j‖² for every column, one pass over the rows the design reads. */
function centredSquaredNorms(p: PreparedRegression): Float64Array {
  const { n, d } = p.design;
  const src = p.design.rowMajor;
  const sq = new Float64Array(d);
  if (src) {
    for (let i = 0; i < n; i++) {
      const o = src.offset(i);
      for (let j = 0; j < d; j++) {
        const v = src.data[o + j]! - p.xMean[j]!;
        sq[j] = sq[j]! + v * v;
      }
    }
  } else {
    const C = preparedColumns(p, Int32Array.from({ length: d }, (_, j) => j));
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sq[j] = sq[j]! + C.data[i * d + j]! ** 2;
  }
  return sq;
}

/**
 * How many columns a path on n rows and d columns keeps when screening: 2n when d > 4n, else all
 * d (no screening). A Lasso or OMP path that stops at ⌊n/4⌋ features needs far fewer candidates,
 * and 2n leaves room for the columns a correlated design hides from marginal correlations.
 * @internal
 */
export function screenSize(n: number, d: number): number {
  return d > 4 * n ? 2 * n : d;
}

/** The m columns with the largest |c_j| (ascending indices; all when m ≥ d). @internal */
export function screenColumns(c: Float64Array, m: number): Int32Array {
  return m >= c.length ? Int32Array.from({ length: c.length }, (_, j) => j) : topK(c, m);
}

/**
 * Columns outside M that violate the Lasso's optimality condition |Z_jᵀr|/n ≤ α at the residual r
 * of a solution at α (the screened path was not the full design's path there): their count, and
 * the columns outside M with |Z_jᵀr|/n > margin·α (violators included), the largest first and at
 * most `cap` of them, which should join M. On an equicorrelated design thousands of columns sit
 * near the bound at small α; the cap keeps M small, and a true feature, whose violation is large,
 * comes first.
 * @internal
 */
export function kktViolators(cols: UnitColumns, M: ArrayLike<number>, r: Float64Array, alpha: number, margin: number, cap: number): { violators: number; near: Int32Array } {
  const g = cols.corr(r);
  const inM = new Uint8Array(cols.d);
  for (let t = 0; t < M.length; t++) inM[M[t]!] = 1;
  const near: number[] = [];
  let violators = 0;
  const bound = alpha * cols.n;
  for (let j = 0; j < cols.d; j++) {
    if (inM[j]) continue;
    const v = Math.abs(g[j]!);
    if (v > bound) violators++;
    if (v > margin * bound) near.push(j);
  }
  return { violators, near: largestAbs(g, cap, near) };
}
