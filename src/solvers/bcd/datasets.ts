/**
 * The synthetic problems of Nutini, Laradji and Schmidt's block coordinate descent experiments,
 * generated with a seed (for tests, benchmarks and the guide).
 *
 * @module
 */
import { checkPositiveInt, checkNumber } from '../../core/array.js';
import { createRng, type Seed } from '../../core/rng.js';
import { COOMatrix, type CSCMatrix } from '../../formats/index.js';

/**
 * The paper's sparse least-squares data: A (rows x cols, density 10·ln(cols)/cols) with entries
 * N(0, 1) + 1, each column scaled by 10·N(0, 1) (so the Lᵢ differ wildly), x* with 10% nonzeros
 * N(0, 1), and b = Ax* + N(0, 1) noise.
 *
 * Complexity: O(rows·cols) random draws.
 *
 * @param options - `rows` (default 1000), `cols` (default 10000), `seed` (default 0)
 * @returns `{ A, b, xTrue }` with A in CSC
 * @throws {@link ArgumentError} on a non-positive size.
 *
 * @example
 * ```ts
 * import { bcdLeastSquaresData } from 'sparsity';
 * const { A, b } = bcdLeastSquaresData({ rows: 50, cols: 100, seed: 1 });
 * A.shape; // => [50, 100]
 * b.length; // => 50
 * ```
 */
export function bcdLeastSquaresData(options: { rows?: number; cols?: number; seed?: Seed } = {}): { A: CSCMatrix; b: Float64Array; xTrue: Float64Array } {
  const m = options.rows === undefined ? 1000 : checkPositiveInt('rows', options.rows);
  const n = options.cols === undefined ? 10000 : checkPositiveInt('cols', options.cols);
  const rng = createRng(options.seed ?? 0);
  const density = Math.min(1, (10 * Math.log(n)) / n);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < n; j++) {
    const s = 10 * rng.normal();
    for (let i = 0; i < m; i++) {
      if (rng.random() < density) {
        row.push(i);
        col.push(j);
        val.push((rng.normal() + 1) * s);
      }
    }
  }
  const A = new COOMatrix({ row, col, data: val, shape: [m, n] }).toCSC();
  const xTrue = new Float64Array(n);
  for (let j = 0; j < n; j++) if (rng.random() < 0.1) xTrue[j] = rng.normal();
  const b = A.matvec(xTrue);
  for (let i = 0; i < m; i++) b[i] = b[i]! + rng.normal();
  return { A, b, xTrue };
}

/**
 * A side x side 4-neighbour lattice with random edge weights U(0.1, 1.1) and a fraction of nodes
 * labelled ±1 at random (the paper's label-propagation lattice). Node (r, c) is r·side + c.
 *
 * Complexity: O(side²).
 *
 * @param options - `side` (default 50), `labelled` fraction in (0, 1) (default 0.1), `seed` (default 0)
 * @returns `{ W, labels }`: symmetric CSC weights and labels (NaN for unlabelled nodes)
 * @throws {@link ArgumentError} on a bad size or fraction.
 *
 * @example
 * ```ts
 * import { latticeGraph } from 'sparsity';
 * const { W, labels } = latticeGraph({ side: 4, seed: 2 });
 * W.shape; // => [16, 16]
 * W.nnz; // => 48
 * labels.length; // => 16
 * ```
 */
export function latticeGraph(options: { side?: number; labelled?: number; seed?: Seed } = {}): { W: CSCMatrix; labels: Float64Array } {
  const s = options.side === undefined ? 50 : checkPositiveInt('side', options.side);
  const frac = options.labelled === undefined ? 0.1 : checkNumber('labelled', options.labelled, 0, 1, true);
  const rng = createRng(options.seed ?? 0);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  const edge = (a: number, b: number): void => {
    const w = 0.1 + rng.random();
    row.push(a, b);
    col.push(b, a);
    val.push(w, w);
  };
  for (let r = 0; r < s; r++) {
    for (let c = 0; c < s; c++) {
      if (c + 1 < s) edge(r * s + c, r * s + c + 1);
      if (r + 1 < s) edge(r * s + c, (r + 1) * s + c);
    }
  }
  const n = s * s;
  const W = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
  const labels = new Float64Array(n).fill(NaN);
  let any = false;
  for (let i = 0; i < n; i++) {
    if (rng.random() < frac) {
      labels[i] = rng.random() < 0.5 ? -1 : 1;
      any = true;
    }
  }
  if (!any) labels[0] = 1;
  return { W, labels };
}
