/**
 * The design matrix of a regression, dense or sparse, behind one small interface: products with the
 * (optionally implicitly centred) design, dense copies of column subsets, and the column means that
 * an intercept needs. Sparse designs are never densified except where a method must (the Puffer
 * transform), and centring a sparse design is implicit: (X − 1·x̄ᵀ)·w = X·w − (x̄ᵀw)·1.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../../formats/dense.js';
import { CSCMatrix } from '../../formats/csc.js';
import { isSparse, type SparseMatrix } from '../../formats/factories.js';
import { aslinearoperator, denseOperator, type LinearOperator } from '../../linalg/iterative/linear-operator.js';
import { assertFinite, toFloat64, type VectorLike } from '../../core/array.js';
import { axpyAt, dot, dotAt } from '../../kernels/blas1.js';
import { gemvRowsWasm } from '../../kernels/dense/gemm.js';
import { allocF64, AUTO_RESIDENT_LENGTH, discardF64, isResidentF64 } from '../../kernels/runtime/memory.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';

import type { DesignInput } from '../glm/design.js';
import type { ColumnStatistics } from './column-statistics.js';

export type { DesignInput };

/** A checked design matrix (n samples x d features). @internal */
export interface Design {
  readonly n: number;
  readonly d: number;
  readonly sparse: boolean;
  /** X itself (uncentred) as an operator. */
  readonly op: LinearOperator;
  /** Dense row-major X (a copy for sparse input; the caller's matrix is never modified). */
  dense(): DenseMatrix;
  /** X[:, S] as a dense n x |S| row-major matrix, uncentred. */
  columns(S: ArrayLike<number>): DenseMatrix;
  /** Column means x̄ (length d). */
  means(): Float64Array;
  /**
   * Dense designs only: the row-major storage the design reads, and where each of its rows starts
   * (a row view of a larger matrix reads the larger matrix's storage, uncopied).
   */
  readonly rowMajor?: { readonly data: Float64Array; offset(i: number): number };
}

/**
 * Check and wrap a design. NaN or Infinity anywhere is an ArgumentError naming `name`; with
 * `checkFinite` false a dense X is not scanned here (the caller checks it, see prepareRegression).
 * @internal
 */
export function asDesign(X: DesignInput, name = 'X', checkFinite = true): Design {
  if (isSparse(X)) {
    const csc: CSCMatrix = X instanceof CSCMatrix ? X : X.toCSC();
    for (let p = 0; p < csc.data.length; p++) {
      if (!Number.isFinite(csc.data[p]!)) throw new ArgumentError(name, csc.data[p], 'finite values (NaN or Infinity found)');
    }
    const [n, d] = csc.shape;
    let mu: Float64Array | null = null;
    return {
      n, d, sparse: true, op: aslinearoperator(csc),
      dense: () => {
        const a = csc.toDense();
        return { rows: n, cols: d, data: a.data as Float64Array };
      },
      columns: (S) => {
        const out = new Float64Array(n * S.length);
        const { indptr, indices, data } = csc;
        for (let t = 0; t < S.length; t++) {
          const j = S[t]!;
          for (let p = indptr[j]!; p < indptr[j + 1]!; p++) out[indices[p]! * S.length + t] = data[p]!;
        }
        return { rows: n, cols: S.length, data: out };
      },
      means: () => {
        if (!mu) {
          mu = new Float64Array(d);
          const { indptr, data } = csc;
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let p = indptr[j]!; p < indptr[j + 1]!; p++) s += data[p]!;
            mu[j] = n > 0 ? s / n : 0;
          }
        }
        return mu;
      },
    };
  }
  const a = asDenseMatrix(X as DenseInput, name, !checkFinite);
  // X's operator without aslinearoperator's second scan of the entries (checked above, or by the caller).
  return denseDesign(a, null, denseOperator(a));
}

/**
 * The rows `rows` of a checked design: for a dense design a view reading the same storage (no
 * copy), for a sparse one a slice of X (the CSR/CSC matrix the design was made from).
 * @internal
 */
export function designRowsOf(design: Design, X: DesignInput, rows: Int32Array): Design {
  const src = design.rowMajor;
  if (!src) return asDesign(designRows(X, rows));
  const map = Int32Array.from(rows, (i) => src.offset(i));
  return denseDesign({ rows: rows.length, cols: design.d, data: src.data }, map);
}

/**
 * A dense design on row-major storage `a.data`: row i starts at offsets[i] (a row view), or at
 * i·cols when offsets is null. `op` is X's operator when the caller has one.
 */
function denseDesign(a: DenseMatrix, offsets: Int32Array | null, op?: LinearOperator): Design {
  const { rows: n, cols: d, data } = a;
  const at = offsets ? (i: number) => offsets[i]! : (i: number) => i * d;
  let mu: Float64Array | null = null;
  const dense = (): DenseMatrix => {
    if (!offsets) return a;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) out.set(data.subarray(at(i), at(i) + d), i * d);
    return { rows: n, cols: d, data: out };
  };
  return {
    n, d, sparse: false,
    op: op ?? {
      shape: [n, d],
      matvec(w) {
        if (w.length !== d) throw new ShapeError('matvec', [n, d], w.length);
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) y[i] = dotAt(d, data, at(i), w, 0);
        return y;
      },
      rmatvec(r) {
        if (r.length !== n) throw new ShapeError('rmatvec', [d, n], r.length);
        const g = new Float64Array(d);
        if (isResidentF64(data) && residentRmatvec(data, d, n, at, r, g)) return g;
        for (let i = 0; i < n; i++) axpyAt(d, r[i]!, data, at(i), g, 0);
        return g;
      },
    },
    dense,
    columns: (S) => {
      const k = S.length;
      const out = new Float64Array(n * k);
      for (let i = 0; i < n; i++) gatherRow(data, at(i), S, out, i * k);
      return { rows: n, cols: k, data: out };
    },
    means: () => {
      if (!mu) {
        const sum = new Float64Array(d);
        // sum += 1·row (exact: the plain running sum).
        for (let i = 0; i < n; i++) axpyAt(d, 1, data, at(i), sum, 0);
        if (n > 0) for (let j = 0; j < d; j++) sum[j] = sum[j]! / n;
        mu = sum;
      }
      return mu;
    },
    rowMajor: { data, offset: at },
  };
}

/**
 * out[at + t] = data[o + S[t]] for t < |S|: one row's entries of the columns S. The per-row loops
 * of this module run in small shared functions rather than in one long loop per call: a long loop
 * in a function called once per fit is compiled anew (on-stack replacement) in most calls on a
 * busy heap (observed with --trace-opt), and runs unoptimized until then.
 */
function gatherRow(data: Float64Array, o: number, S: ArrayLike<number>, out: Float64Array, at: number): void {
  for (let t = 0; t < S.length; t++) out[at + t] = data[o + S[t]!]!;
}

/**
 * g = Xᵀr for rows of row-major storage in WASM memory (the storage holds whole rows of length d;
 * row i of the view starts at at(i)), on the SIMD row kernel: every row of the storage is read,
 * those outside the view with weight 0, which still beats the JS row axpys (about 4x at
 * 500 x 8000). False when the kernel is not available (the caller runs JS).
 */
function residentRmatvec(data: Float64Array, d: number, n: number, at: (i: number) => number, r: Float64Array, g: Float64Array): boolean {
  const rows = Math.floor(data.length / d);
  const h = new Float64Array(rows);
  // The kernel subtracts: w −= Σ h_i·row_i.
  for (let i = 0; i < n; i++) h[at(i) / d] = -r[i]!;
  const w = allocF64(d, true, 0);
  const ok = isResidentF64(w) && gemvRowsWasm(false, rows, d, data, 0, (w.byteOffset - data.byteOffset) / 8, h);
  if (ok) g.set(w);
  discardF64(w);
  return ok;
}

/**
 * The prepared problem reading a copy of its dense rows in WASM memory, when the WASM kernels are
 * in use (under 'auto', from AUTO_RESIDENT_LENGTH values): Xᵀr over all d columns, for these rows
 * and for fold row views of them ({@link prepareRows}), then runs on the SIMD kernel. `release`
 * frees the copy; neither problem may be used after it. Otherwise the problem itself and a no-op.
 * @internal
 */
export function withResidentRows(p: PreparedRegression): { prepared: PreparedRegression; release: () => void } {
  const src = p.design.rowMajor;
  const { n, d } = p.design;
  if (!src || n === 0 || d === 0 || !wantWasm(n * d >= AUTO_RESIDENT_LENGTH) || !getWasm()) return { prepared: p, release: () => {} };
  const copy = allocF64(n * d, false, 0);
  if (!isResidentF64(copy)) return { prepared: p, release: () => {} };
  for (let i = 0; i < n; i++) copy.set(src.data.subarray(src.offset(i), src.offset(i) + d), i * d);
  const design = denseDesign({ rows: n, cols: d, data: copy }, null);
  const prepared = { ...p, design, op: p.fitIntercept ? centredOperator(design.op, p.xMean) : design.op };
  return { prepared, release: () => discardF64(copy) };
}

/**
 * The implicitly centred operator X − 1·x̄ᵀ (x̄ = `means`): O(1) extra memory, never densifies.
 * @internal
 */
export function centredOperator(op: LinearOperator, means: Float64Array): LinearOperator {
  const [n, d] = op.shape;
  return {
    shape: op.shape,
    matvec(w) {
      const y = op.matvec(w);
      const s = dot(means, w);
      for (let i = 0; i < n; i++) y[i] = y[i]! - s;
      return y;
    },
    rmatvec(r) {
      const g = op.rmatvec(r);
      let s = 0;
      for (let i = 0; i < n; i++) s += r[i]!;
      for (let j = 0; j < d; j++) g[j] = g[j]! - means[j]! * s;
      return g;
    },
  };
}

/** A regression problem after the intercept is taken out. @internal */
export interface PreparedRegression {
  design: Design;
  /** The design the solver sees: centred (implicitly) when fitting an intercept. */
  op: LinearOperator;
  /** y, centred when fitting an intercept. */
  y: Float64Array;
  yMean: number;
  /** x̄ when fitting an intercept, else zeros. */
  xMean: Float64Array;
  fitIntercept: boolean;
  /**
   * The centred columns' squared norms and correlations with the centred y, when computed ahead
   * (see column-statistics.ts; dense designs with an intercept).
   */
  columnStats?: { sq: Float64Array; xty: Float64Array };
}

/**
 * Check X and y together and centre them when an intercept is fitted: the intercept is then
 * ȳ − x̄ᵀw for any coefficients w of the centred problem.
 * @throws {@link ShapeError} when y's length is not X's row count; {@link ArgumentError} on NaN/Infinity.
 * @internal
 */
export function prepareRegression(X: DesignInput, y: VectorLike, fitIntercept: boolean): PreparedRegression {
  // With an intercept, a dense X's finiteness is read off its column means, which the centring
  // computes anyway: a NaN or ±Infinity entry makes its column's sum NaN or infinite (finite values
  // that overflow are the only false alarm, and the full scan then passes), so the separate pass
  // over X runs only when a mean is not finite, to name the entry.
  const design = asDesign(X, 'X', !fitIntercept);
  if (fitIntercept && design.rowMajor && !design.means().every(Number.isFinite)) assertFinite(design.rowMajor.data, 'X');
  return prepareDesign(design, toFloat64(y, 'y'), fitIntercept);
}

/**
 * The rows `rows` of a prepared problem (X the matrix it was made from), centred anew with those
 * rows' means: a fold's training problem, with no copy of a dense X. @internal
 */
export function prepareRows(p: PreparedRegression, X: DesignInput, y: Float64Array, rows: Int32Array, stats?: ColumnStatistics): PreparedRegression {
  return prepareDesign(designRowsOf(p.design, X, rows), pick(y, rows), p.fitIntercept, stats);
}

/** The prepared problem with the column statistics of its rows attached (means unchanged). @internal */
export function withColumnStats(p: PreparedRegression, stats: ColumnStatistics): PreparedRegression {
  return p.fitIntercept ? { ...p, columnStats: { sq: stats.sq, xty: stats.xty } } : p;
}

function prepareDesign(design: Design, yv: Float64Array, fitIntercept: boolean, stats?: ColumnStatistics): PreparedRegression {
  if (yv.length !== design.n) throw new ShapeError('X and y', [design.n, design.d], yv.length, 'do not match (y needs one value per row of X)');
  if (!fitIntercept) return { design, op: design.op, y: Float64Array.from(yv), yMean: 0, xMean: new Float64Array(design.d), fitIntercept };
  let s = 0;
  for (let i = 0; i < yv.length; i++) s += yv[i]!;
  const yMean = yv.length > 0 ? s / yv.length : 0;
  const yc = new Float64Array(yv.length);
  for (let i = 0; i < yv.length; i++) yc[i] = yv[i]! - yMean;
  const xMean = stats?.means ?? design.means();
  return { design, op: centredOperator(design.op, xMean), y: yc, yMean, xMean, fitIntercept, ...(stats ? { columnStats: { sq: stats.sq, xty: stats.xty } } : {}) };
}

/** X[:, S] centred with the prepared means (dense n x |S|). @internal */
export function preparedColumns(p: PreparedRegression, S: ArrayLike<number>): DenseMatrix {
  const m = p.design.columns(S);
  if (p.fitIntercept) {
    const k = S.length;
    for (let i = 0; i < m.rows; i++) for (let t = 0; t < k; t++) m.data[i * k + t] = m.data[i * k + t]! - p.xMean[S[t]!]!;
  }
  return m;
}

/**
 * ȳ − x̄ᵀw: the intercept that goes with coefficients w of the centred problem; S, when given, holds
 * w's nonzeros (the product then reads only those). @internal
 */
export function interceptFor(p: PreparedRegression, w: Float64Array, S?: ArrayLike<number>): number {
  if (!p.fitIntercept) return 0;
  if (S) return interceptOn(p, S, Float64Array.from(S, (j) => w[j]!));
  return p.yMean - dot(p.xMean, w);
}

/** ȳ − x̄_Sᵀb: the intercept that goes with coefficients b of the columns S (b[t] of S[t]). @internal */
export function interceptOn(p: PreparedRegression, S: ArrayLike<number>, b: Float64Array): number {
  if (!p.fitIntercept) return 0;
  return p.yMean - dot(Float64Array.from(S, (j) => p.xMean[j]!), b);
}

/**
 * The rows `rows` of a design, in the same kind (a dense copy, or a sparse slice). O(|rows|·d) or
 * O(nnz of those rows). X must already have been checked for NaN/Infinity.
 * @internal
 */
export function designRows(X: DesignInput, rows: ArrayLike<number>): DesignInput {
  if (isSparse(X)) return X.slice(Array.from(rows));
  // The callers have checked X for NaN/Infinity (prepareRegression) before taking rows of it.
  const a = asDenseMatrix(X as DenseInput, 'X', true);
  const d = a.cols;
  const out = new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(a.data.subarray(rows[r]! * d, rows[r]! * d + d), r * d);
  return { rows: rows.length, cols: d, data: out };
}

/** v[rows] as a new array. @internal */
export function pick(v: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = v[rows[r]!]!;
  return out;
}
