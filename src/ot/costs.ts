/**
 * Ground costs: pairwise distances between point clouds and between the cells of a regular 2-D grid.
 *
 * @module
 */
import { checkDim, INT32_MAX } from '../core/array.js';
import { ArgumentError, ResourceError } from '../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../formats/dense.js';
import { optionKeys, readOptions } from '../core/options.js';
import { allocFloat64 } from '../core/alloc.js';

/** Ground metric of {@link pairwiseCost} and {@link gridCost}. */
export type CostMetric = 'sqeuclidean' | 'euclidean' | 'cityblock';

/** Options of {@link pairwiseCost}. */
export interface PairwiseCostOptions {
  /** `'sqeuclidean'` (default, POT's `ot.dist` default) ‖x − y‖², `'euclidean'` ‖x − y‖, `'cityblock'` ‖x − y‖₁. */
  metric?: CostMetric;
}

/** Options of {@link gridCost}. */
export interface GridCostOptions extends PairwiseCostOptions {
  /**
   * Divide the costs by their maximum so they lie in [0, 1] (default true: the scale on which
   * reg = 1/1200 is meant). With `false` the cell (r, c) sits at the integer point (r, c).
   */
  normalize?: boolean;
}

function checkMetric(metric: unknown): CostMetric {
  if (metric !== 'sqeuclidean' && metric !== 'euclidean' && metric !== 'cityblock') {
    throw new ArgumentError('metric', metric, "'sqeuclidean', 'euclidean' or 'cityblock'");
  }
  return metric;
}

/** Distance between row i of X and row j of Y (both row-major with d columns). */
function dist(metric: CostMetric, X: Float64Array, xo: number, Y: Float64Array, yo: number, d: number): number {
  let s = 0;
  if (metric === 'cityblock') {
    for (let k = 0; k < d; k++) s += Math.abs(X[xo + k]! - Y[yo + k]!);
    return s;
  }
  for (let k = 0; k < d; k++) {
    const t = X[xo + k]! - Y[yo + k]!;
    s += t * t;
  }
  return metric === 'euclidean' ? Math.sqrt(s) : s;
}

/**
 * Pairwise cost matrix between two point clouds (SciPy's `cdist`, POT's `ot.dist`).
 *
 * C_ij = ‖X_i − Y_j‖² (`'sqeuclidean'`), ‖X_i − Y_j‖₂ (`'euclidean'`) or ‖X_i − Y_j‖₁
 * (`'cityblock'`), computed from the differences (no ‖x‖² + ‖y‖² − 2xᵀy cancellation).
 * O(n·m·d) time, O(n·m) memory.
 *
 * @param X - n points as an n x d matrix (one point per row)
 * @param Y - m points as an m x d matrix
 * @param options - {@link PairwiseCostOptions}
 * @returns the n x m cost as an ndarray
 * @throws {@link ArgumentError} when the dimensions d differ, an entry is NaN/Infinity, or the metric is unknown;
 *   {@link ResourceError} when n·m exceeds 2^31 − 1.
 *
 * @example
 * ```ts
 * import { pairwiseCost } from 'sparsity';
 * const C = pairwiseCost([[0, 0], [1, 1]], [[1, 0]]);
 * [C.get(0, 0), C.get(1, 0)]; // => [1, 1]
 * pairwiseCost([[0, 0]], [[3, 4]], { metric: 'euclidean' }).get(0, 0); // => 5
 * pairwiseCost([[0, 0]], [[3, 4]], { metric: 'cityblock' }).get(0, 0); // => 7
 * ```
 */
export function pairwiseCost(X: DenseInput, Y: DenseInput, options?: PairwiseCostOptions): NdArray {
  const o = readOptions('pairwiseCost', options, optionKeys<PairwiseCostOptions>({ metric: true }));
  const metric = checkMetric(o.metric ?? 'sqeuclidean');
  const Xm = asDenseMatrix(X, 'X');
  const Ym = asDenseMatrix(Y, 'Y');
  if (Xm.cols !== Ym.cols) throw new ArgumentError('Y', `points of dimension ${Ym.cols}`, `points of the same dimension as X (${Xm.cols})`);
  const n = Xm.rows;
  const m = Ym.rows;
  const d = Xm.cols;
  if (n * m > INT32_MAX) throw new ResourceError('pairwiseCost', 'the number of cost entries', n * m, INT32_MAX);
  const out = allocFloat64('pairwiseCost', 'cost entries', n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) out[i * m + j] = dist(metric, Xm.data, i * d, Ym.data, j * d, d);
  }
  return toNdarray({ rows: n, cols: m, data: out });
}

/**
 * Cost between all pairs of cells of a `rows x cols` grid, for transporting densities given as
 * images (the W1 / W2 experiments).
 *
 * Cell k = r·cols + c (row-major, as an image flattened with `Array.prototype.flat()`) sits at
 * (r, c); C_kl is the chosen metric between cells k and l, divided by its maximum over the grid
 * when `normalize` (default), so costs lie in [0, 1]. O((rows·cols)²) time and memory.
 *
 * @param rows - grid height (≥ 1)
 * @param cols - grid width (≥ 1)
 * @param options - {@link GridCostOptions}
 * @returns the (rows·cols) x (rows·cols) cost as an ndarray
 * @throws {@link ArgumentError} on non-positive or non-integer sizes or an unknown metric;
 *   {@link ResourceError} when (rows·cols)² exceeds 2^31 − 1.
 *
 * @example
 * ```ts
 * import { gridCost } from 'sparsity';
 * const C = gridCost(2, 2, { metric: 'cityblock', normalize: false });
 * C.shape; // => [4, 4]
 * C.get(0, 3); // => 2
 * gridCost(2, 2).get(0, 3); // => 1
 * gridCost(2, 2).get(0, 1); // => 0.5
 * ```
 */
export function gridCost(rows: number, cols: number, options?: GridCostOptions): NdArray {
  const o = readOptions('gridCost', options, optionKeys<GridCostOptions>({ metric: true, normalize: true }));
  const metric = checkMetric(o.metric ?? 'sqeuclidean');
  const normalize = o.normalize ?? true;
  if (typeof normalize !== 'boolean') throw new ArgumentError('normalize', normalize, 'a boolean');
  checkDim('rows', rows);
  checkDim('cols', cols);
  if (rows < 1 || cols < 1) throw new ArgumentError(rows < 1 ? 'rows' : 'cols', rows < 1 ? rows : cols, 'a positive integer');
  const N = rows * cols;
  if (N * N > INT32_MAX) throw new ResourceError('gridCost', 'the number of cost entries', N * N, INT32_MAX);
  const out = allocFloat64('gridCost', 'cost entries', N * N);
  const coords = new Float64Array(2 * N);
  for (let k = 0; k < N; k++) {
    coords[2 * k] = Math.floor(k / cols);
    coords[2 * k + 1] = k % cols;
  }
  let mx = 0;
  for (let k = 0; k < N; k++) {
    for (let l = 0; l < N; l++) {
      const v = dist(metric, coords, 2 * k, coords, 2 * l, 2);
      out[k * N + l] = v;
      if (v > mx) mx = v;
    }
  }
  if (normalize && mx > 0) for (let k = 0; k < out.length; k++) out[k] = out[k]! / mx;
  return toNdarray({ rows: N, cols: N, data: out });
}
