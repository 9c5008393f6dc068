/**
 * Summaries of a matrix compared with the SciPy golden file test/fixtures/golden/matrices.json
 * (the same definitions as test/fixtures/golden/make_matrices.py).
 */
import type { COOMatrix, NdArray } from '../../../src/index.js';

/** Correctly rounded sum (Shewchuk's algorithm, as Python's math.fsum). */
export function fsum(values: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  // Sum the partials from the top, with the half-way correction of math.fsum.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

export interface Summary {
  shape: [number, number];
  nnz: number;
  sum: number;
  sumAbs: number;
  checksum: number;
  patternHash: number;
}

const weight = (i: number, j: number): number => ((i * 7919 + j * 104729) % 1000003) + 1;

function summaryOf(rows: ArrayLike<number>, cols: ArrayLike<number>, vals: ArrayLike<number>, shape: readonly [number, number]): Summary {
  const n = vals.length;
  let hash = 0;
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    w[k] = weight(rows[k]!, cols[k]!);
    hash = (hash + w[k]! - 1) % 2 ** 31;
  }
  return {
    shape: [shape[0], shape[1]],
    nnz: n,
    sum: fsum(Array.from(vals)),
    sumAbs: fsum(Array.from(vals, Math.abs)),
    checksum: fsum(Array.from(vals, (v, k) => w[k]! * v)),
    patternHash: hash,
  };
}

/** Summary of a COO matrix after canonicalization (duplicates summed, explicit zeros kept). */
export function summarizeSparse(A: COOMatrix): Summary {
  const C = A.toCSR();
  const rows = new Int32Array(C.nnz);
  for (let i = 0; i < C.shape[0]; i++) rows.fill(i, C.indptr[i]!, C.indptr[i + 1]!);
  return summaryOf(rows, C.indices, C.data, C.shape);
}

/** Summary of a dense matrix over its nonzero entries (row-major). */
export function summarizeDense(D: NdArray): Summary {
  const [m, n] = D.shape as [number, number];
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    const x = D.get(i, j);
    if (x !== 0) {
      r.push(i);
      c.push(j);
      v.push(x);
    }
  }
  return summaryOf(r, c, v, [m, n]);
}
