/**
 * Least squares restricted to a support: the "debiasing" step that every support-selecting method
 * here ends with (OMP, CoSaMP, the refit after a Lasso), through `lstsq` (QR with rank detection).
 *
 * @module
 */
import { dot } from '../../kernels/blas1.js';
import { choleskyAppend, choleskyDelete } from '../../linalg/dense/cholesky-update.js';
import { lstsqDense } from '../../linalg/dense/lstsq.js';
import { solveTriangularVecInPlace } from '../../linalg/dense/triangular.js';
import { preparedColumns, type PreparedRegression } from './design.js';

/**
 * w minimizing ‖y − X_S w_S‖² over vectors supported on S (the prepared, centred problem);
 * entries outside S are zero. A rank-deficient X_S gets the minimum-norm solution. O(n|S|²).
 * @internal
 */
export function refitOnSupport(p: PreparedRegression, S: ArrayLike<number>, rows?: ArrayLike<number>): Float64Array {
  const w = new Float64Array(p.design.d);
  if (S.length === 0) return w;
  const XS = preparedColumns(p, S);
  let A = XS;
  let b = p.y;
  if (rows) {
    const k = S.length;
    const data = new Float64Array(rows.length * k);
    const yb = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      data.set(XS.data.subarray(i * k, i * k + k), r * k);
      yb[r] = p.y[i]!;
    }
    A = { rows: rows.length, cols: k, data };
    b = yb;
  }
  const sol = lstsqDense(A, { rows: b.length, cols: 1, data: b });
  for (let t = 0; t < S.length; t++) w[S[t]!] = sol.x.data[t]!;
  return w;
}

/**
 * Refits along nested supports and their residual sums of squares. Coefficients are given on the
 * support only (b[t] belongs to column S[t]): a path proposes hundreds of supports, and a d-length
 * vector per refit is most of what a call on a wide design allocates.
 * @internal
 */
export interface NestedRefits {
  /** Least squares on support S: the coefficients of S's columns, in S's order. */
  refit(S: Int32Array): Float64Array;
  /** ‖y − X_S·b‖² of a least-squares solution b on S (as `refit` gives it), from the cached Xᵀy. O(|S|). */
  rss(b: Float64Array, S: Int32Array): number;
}

/**
 * Least-squares refits along a sequence of supports that change a few columns at a time (the
 * supports of a Lasso path): the Cholesky factor of X_SᵀX_S is kept between calls, columns that
 * leave S are deleted from it and columns that enter are appended (rank-one updates, O(n|S| + |S|²)
 * per column), so a refit costs O(|S|²) plus the changed columns instead of a QR in O(n|S|²).
 * A support whose columns are numerically dependent (pivot ≤ 1e-10 of the column's squared norm)
 * goes to {@link refitOnSupport} (minimum-norm least squares) and the factor starts afresh.
 * Supports larger than `capacity` also go to {@link refitOnSupport}. `source(j)`, when given,
 * supplies column j of the centred X (or undefined: read from the design), e.g. from a contiguous
 * copy the caller already holds instead of a strided read of a row-major X.
 * @internal
 */
export function nestedRefits(p: PreparedRegression, capacity: number, source?: (j: number) => Float64Array | undefined): NestedRefits {
  return new NestedRefitter(p, capacity, source);
}

/**
 * {@link nestedRefits}' state and steps. A class rather than closures made per call: the methods
 * live as long as the module. As closures, `refit` and `rss` were recompiled by V8 after the full
 * collections between calls (`--trace-opt`: about once per call each on abess's protocol); as
 * methods, rarely.
 */
class NestedRefitter implements NestedRefits {
  private readonly cap: number;
  private readonly L: Float64Array;
  private readonly cols = new Map<number, { x: Float64Array; xy: number; xx: number }>();
  private order: number[] = [];
  private readonly yy: number;

  constructor(private readonly p: PreparedRegression, capacity: number, private readonly source?: (j: number) => Float64Array | undefined) {
    this.cap = Math.max(1, capacity);
    this.L = new Float64Array(this.cap * this.cap);
    this.yy = dot(p.y, p.y);
  }

  private column(j: number): { x: Float64Array; xy: number; xx: number } {
    let c = this.cols.get(j);
    if (!c) {
      const x = this.source?.(j) ?? preparedColumns(this.p, [j]).data;
      c = { x, xy: dot(x, this.p.y), xx: dot(x, x) };
      this.cols.set(j, c);
    }
    return c;
  }

  // ‖y − X·w‖² = ‖y‖² − yᵀX·w for any least-squares solution w (the residual is orthogonal to X_S).
  rss(b: Float64Array, S: Int32Array): number {
    let s = this.yy;
    for (let t = 0; t < S.length; t++) s -= b[t]! * this.column(S[t]!).xy;
    return Math.max(s, 0);
  }

  refit(S: Int32Array): Float64Array {
    const { cap, L } = this;
    if (S.length > cap) return onSupport(S, refitOnSupport(this.p, S));
    const inS = new Set(S);
    for (let t = this.order.length - 1; t >= 0; t--) {
      if (inS.has(this.order[t]!)) continue;
      choleskyDelete(L, cap, this.order.length, t);
      this.order.splice(t, 1);
    }
    const have = new Set(this.order);
    for (let t = 0; t < S.length; t++) {
      const j = S[t]!;
      if (have.has(j)) continue;
      const c = this.column(j);
      const a = Float64Array.from(this.order, (i) => dot(this.column(i).x, c.x));
      if (!choleskyAppend(L, cap, this.order.length, a, c.xx, 1e-10)) {
        this.order = [];
        return onSupport(S, refitOnSupport(this.p, S));
      }
      this.order.push(j);
    }
    const order = this.order;
    const k = order.length;
    const g = Float64Array.from(order, (j) => this.column(j).xy);
    const F = { rows: k, cols: cap, data: L };
    solveTriangularVecInPlace(F, g, true, false);
    solveTriangularVecInPlace(F, g, true, true);
    // The factor's column order is that in which columns entered; the result follows S's.
    const slot = new Map<number, number>();
    for (let t = 0; t < k; t++) slot.set(order[t]!, t);
    return Float64Array.from(S, (j) => g[slot.get(j)!]!);
  }
}

/** w's entries on S, in S's order. */
function onSupport(S: Int32Array, w: Float64Array): Float64Array {
  return Float64Array.from(S, (j) => w[j]!);
}
