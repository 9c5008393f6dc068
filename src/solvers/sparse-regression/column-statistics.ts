/**
 * The column statistics a path on the identity transform starts from (column means, centred
 * squared norms, centred correlations with the response) for all rows and for every fold's
 * training rows, from two passes over a dense X: sums over all rows once, and sums over each
 * fold's held-out rows (n rows in all); a fold's training sums are the difference. Computing them
 * per fold would read the ~(K−1)n/K training rows several times per fold. Given the folds, the
 * held-out rows' sums are taken first and all rows' sums are their total: one pass over X.
 *
 * Sums are of x − m with m the column means over all rows, so that the differences do not cancel
 * (a training fold's mean is close to m).
 *
 * @module
 */
import type { Design, PreparedRegression } from './design.js';

/** Column statistics of a centred problem on some rows. @internal */
export interface ColumnStatistics {
  /** Column means x̄ of those rows. */
  means: Float64Array;
  /** ‖x_j − x̄_j‖² over those rows. */
  sq: Float64Array;
  /** (x_j − x̄_j)ᵀ(y − ȳ) over those rows. */
  xty: Float64Array;
}

/** Sums over some rows of x − m, (x − m)², (x − m)·y and y. */
interface Sums { rows: number; s1: Float64Array; s2: Float64Array; sy: Float64Array; y: number }

function sums(design: Design, m: Float64Array, y: Float64Array, rows: ArrayLike<number> | null): Sums {
  const src = design.rowMajor!;
  const d = design.d;
  const count = rows ? rows.length : design.n;
  const s1 = new Float64Array(d);
  const s2 = new Float64Array(d);
  const sy = new Float64Array(d);
  const { data } = src;
  let ys = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r]! : r;
    const yi = y[i]!;
    ys += yi;
    addRow(d, data, src.offset(i), m, yi, s1, s2, sy);
  }
  return { rows: count, s1, s2, sy, y: ys };
}

/**
 * One row's terms of {@link sums}: v = x − m (x at data[o..o+d)), s1 += v, s2 += v², sy += v·yi.
 * A function per row rather than one long loop per pass, which would be compiled anew (on-stack
 * replacement) in most fits (see design.ts, gatherRow).
 */
function addRow(d: number, data: Float64Array, o: number, m: Float64Array, yi: number, s1: Float64Array, s2: Float64Array, sy: Float64Array): void {
  for (let j = 0; j < d; j++) {
    const v = data[o + j]! - m[j]!;
    s1[j] = s1[j]! + v;
    s2[j] = s2[j]! + v * v;
    sy[j] = sy[j]! + v * yi;
  }
}

/** Statistics from sums `a` minus sums `b` (b null: a alone), m the shift both were taken about. */
function fromSums(a: Sums, b: Sums | null, m: Float64Array): ColumnStatistics {
  const d = m.length;
  const n = a.rows - (b ? b.rows : 0);
  const means = new Float64Array(d);
  const sq = new Float64Array(d);
  const xty = new Float64Array(d);
  if (n === 0) return { means, sq, xty };
  const yMean = (a.y - (b ? b.y : 0)) / n;
  for (let j = 0; j < d; j++) {
    const s1 = a.s1[j]! - (b ? b.s1[j]! : 0);
    const s2 = a.s2[j]! - (b ? b.s2[j]! : 0);
    const sy = a.sy[j]! - (b ? b.sy[j]! : 0);
    means[j] = m[j]! + s1 / n;
    // Σ(x − x̄)² = Σ(x − m)² − (Σ(x − m))²/n, and Σ(x − x̄)(y − ȳ) = Σ(x − m)y − ȳ·Σ(x − m).
    sq[j] = Math.max(s2 - (s1 * s1) / n, 0);
    xty[j] = sy - yMean * s1;
  }
  return { means, sq, xty };
}

/** Column statistics of all rows, and of any training rows from their held-out complement. @internal */
export interface FoldColumnStatistics {
  all: ColumnStatistics;
  /** The statistics of all rows but `test`. O(|test|·d). */
  training(test: ArrayLike<number>): ColumnStatistics;
}

/**
 * The statistics of all rows of `p`, y the uncentred response, and a handle that gives any fold's
 * training-row statistics from its held-out rows alone. `tests`, when given, are the held-out rows
 * of folds that partition the rows: one pass takes each fold's sums, all rows' sums are their total,
 * and `training` of those same rows needs no further pass (other rows: one pass over them). Without
 * `tests`, one pass over all rows. Dense designs fitted with an intercept only (null otherwise: the
 * callers then compute what they need from the rows).
 * @internal
 */
export function foldColumnStatistics(p: PreparedRegression, y: Float64Array, tests?: readonly Int32Array[]): FoldColumnStatistics | null {
  if (!p.design.rowMajor || !p.fitIntercept) return null;
  const m = p.xMean;
  const held = tests && partitions(tests, p.design.n) ? tests.map((test) => ({ test, sums: sums(p.design, m, y, test) })) : [];
  const all = held.length > 0 ? total(held.map((h) => h.sums)) : sums(p.design, m, y, null);
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  return {
    all: fromSums(all, null, m),
    training: (test) => fromSums(all, held.find((h) => same(h.test, test))?.sums ?? sums(p.design, m, y, test), m),
  };
}

/** Whether the row sets cover 0..n−1 exactly once. */
function partitions(sets: readonly ArrayLike<number>[], n: number): boolean {
  const seen = new Uint8Array(n);
  let count = 0;
  for (const rows of sets) {
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t]!;
      if (!(i >= 0 && i < n) || seen[i]) return false;
      seen[i] = 1;
      count++;
    }
  }
  return count === n;
}

/** The sums over the union of disjoint row sets from each set's sums. */
function total(parts: Sums[]): Sums {
  const d = parts[0]!.s1.length;
  const out: Sums = { rows: 0, s1: new Float64Array(d), s2: new Float64Array(d), sy: new Float64Array(d), y: 0 };
  for (const q of parts) {
    out.rows += q.rows;
    out.y += q.y;
    for (let j = 0; j < d; j++) {
      out.s1[j] = out.s1[j]! + q.s1[j]!;
      out.s2[j] = out.s2[j]! + q.s2[j]!;
      out.sy[j] = out.sy[j]! + q.sy[j]!;
    }
  }
  return out;
}
