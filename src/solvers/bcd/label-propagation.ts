/**
 * Graph label propagation as a sparse quadratic: f(x) = ½Σ_{i<j} wᵢⱼ(xᵢ − xⱼ)² + ½ε‖x_u‖² over the
 * unlabelled nodes u, the labelled ones fixed at their labels.
 *
 * @module
 */
import { checkNumber, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { COOMatrix, CSCMatrix, type SparseMatrix } from '../../formats/index.js';
import { type BcdProblem, quadraticProblem } from './problems.js';
import { readOptions } from '../../core/options.js';

/** A label-propagation problem: a {@link BcdProblem} over the unlabelled nodes. */
export interface LabelPropagationProblem extends BcdProblem {
  /** Node index of each variable (the unlabelled nodes, increasing). */
  readonly unlabelled: Int32Array;
  /** Scatter a solution over the unlabelled nodes into all nodes (labelled ones at their label). */
  expand(x: VectorLike): Float64Array;
}

/**
 * Label propagation on a weighted graph for {@link bcd}.
 *
 * With the Laplacian L = D − W split into unlabelled (u) and labelled (l) nodes, f(x) =
 * ½xᵀ(L_uu + εI)x − xᵀW_ul y_l (+ a constant), a sparse quadratic whose graph is the graph of W:
 * lattice blocks that form trees are solved exactly by message passing.
 *
 * @param W - n x n symmetric sparse matrix of edge weights ≥ 0 (diagonal ignored)
 * @param labels - length n: the label of each labelled node, NaN for unlabelled ones
 * @param options - `regularization` ε ≥ 0 (default 0; every connected component then needs a label)
 * @returns a {@link LabelPropagationProblem}
 * @throws {@link ShapeError} when W is not square or labels do not match; {@link ArgumentError} on
 *   a negative weight, no unlabelled node, or an unknown option.
 *
 * @example
 * ```ts
 * import { bcd, csc, labelPropagationProblem } from 'sparsity';
 * // A path 0 – 1 – 2 with the ends labelled 0 and 1: the middle node gets 1/2.
 * const W = csc([[0, 1, 0], [1, 0, 1], [0, 1, 0]]);
 * const P = labelPropagationProblem(W, [0, NaN, 1]);
 * Array.from(P.expand(bcd(P, { tol: 1e-12 }).x)); // => [0, 0.5, 1]
 * ```
 */
export function labelPropagationProblem(W: SparseMatrix, labels: VectorLike, options: { regularization?: number } = {}): LabelPropagationProblem {
  const o = readOptions<Record<string, unknown>>('labelPropagationProblem', options as Record<string, unknown> | undefined, ['regularization']);
  const eps = o.regularization === undefined ? 0 : checkNumber('regularization', o.regularization, 0);
  if (!(W instanceof CSCMatrix) && !(W && typeof (W as SparseMatrix).toCSC === 'function')) throw new ArgumentError('W', W, 'a sparse matrix');
  const G = W.toCSC();
  const n = G.shape[0];
  if (G.shape[1] !== n) throw new ShapeError('labelPropagationProblem', G.shape, G.shape, 'is not square');
  const y = toFloat64(labels, 'labels', true);
  if (y.length !== n) throw new ShapeError('labelPropagationProblem', G.shape, y.length);
  const pos = new Int32Array(n).fill(-1);
  const un: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(y[i]!)) {
      pos[i] = un.length;
      un.push(i);
    } else if (!Number.isFinite(y[i]!)) throw new ArgumentError(`labels[${i}]`, y[i], 'a finite label or NaN');
  }
  if (un.length === 0) throw new ArgumentError('labels', labels, 'at least one unlabelled (NaN) node');
  const m = un.length;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const diag = new Float64Array(m).fill(eps);
  const c = new Float64Array(m);
  const { indptr, indices, data } = G;
  for (let j = 0; j < n; j++) {
    for (let k = indptr[j]!; k < indptr[j + 1]!; k++) {
      const i = indices[k]!;
      const w = data[k]!;
      if (i === j) continue;
      if (!(w >= 0) || !Number.isFinite(w)) throw new ArgumentError(`W.data[${k}]`, w, 'a finite weight ≥ 0');
      // Edge (i, j) seen from column j: it adds w to the diagonal of an unlabelled j and couples i.
      if (pos[j]! < 0) continue;
      diag[pos[j]!] = diag[pos[j]!]! + w;
      if (pos[i]! >= 0) {
        rows.push(pos[i]!);
        cols.push(pos[j]!);
        vals.push(-w);
      } else c[pos[j]!] = c[pos[j]!]! + w * y[i]!;
    }
  }
  for (let a = 0; a < m; a++) {
    rows.push(a);
    cols.push(a);
    vals.push(diag[a]!);
  }
  const Q = new COOMatrix({ row: rows, col: cols, data: vals, shape: [m, m] }).toCSC();
  const base = quadraticProblem(Q, c);
  const unlabelled = Int32Array.from(un);
  return Object.assign(base, {
    unlabelled,
    expand(x: VectorLike): Float64Array {
      const v = toFloat64(x, 'x');
      if (v.length !== m) throw new ShapeError('expand', m, v.length);
      const out = y.slice();
      for (let a = 0; a < m; a++) out[unlabelled[a]!] = v[a]!;
      return out;
    },
  });
}
