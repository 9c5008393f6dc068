/** Seeded low-rank completion problems shared by the completion tests. */
import { COOMatrix, coo, createRng } from '../../../src/index.js';

export interface LowRankProblem {
  M: COOMatrix;
  m: number;
  n: number;
  k: number;
  /** True factors (m x k, n x k, row-major). */
  U: Float64Array;
  V: Float64Array;
  /** Observed mask, row-major m x n. */
  mask: Uint8Array;
}

/** Gaussian factors, |Ω| = factor·(m + n)·k·ln n positions drawn uniformly without replacement, N(0, σ²) noise. */
export function lowRankProblem(m: number, n: number, k: number, factor: number, seed: number, sigma = 0): LowRankProblem {
  const rng = createRng(seed);
  const U = rng.fillNormal(new Float64Array(m * k));
  const V = rng.fillNormal(new Float64Array(n * k));
  const nnz = Math.min(Math.round(factor * (m + n) * k * Math.log(n)), m * n);
  const pos = rng.sample(m * n, nnz);
  const r = new Int32Array(nnz);
  const c = new Int32Array(nnz);
  const d = new Float64Array(nnz);
  const mask = new Uint8Array(m * n);
  for (let p = 0; p < nnz; p++) {
    const i = Math.floor(pos[p]! / n);
    const j = pos[p]! - i * n;
    r[p] = i;
    c[p] = j;
    mask[i * n + j] = 1;
    d[p] = truth(U, V, k, i, j) + sigma * rng.normal();
  }
  return { M: coo(r, c, d, [m, n]), m, n, k, U, V, mask };
}

export function truth(U: Float64Array, V: Float64Array, k: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < k; t++) s += U[i * k + t]! * V[j * k + t]!;
  return s;
}

/** ‖X − Y‖_F / ‖Y‖_F over all entries, for X given by a predictor and Y = U·Vᵀ. */
export function relativeError(p: LowRankProblem, predict: (i: number, j: number) => number, which: 'all' | 'hidden' = 'all'): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < p.m; i++) {
    for (let j = 0; j < p.n; j++) {
      if (which === 'hidden' && p.mask[i * p.n + j]) continue;
      const y = truth(p.U, p.V, p.k, i, j);
      num += (predict(i, j) - y) ** 2;
      den += y * y;
    }
  }
  return Math.sqrt(num / den);
}

/** RMSE against the truth over the unobserved entries. */
export function hiddenRmse(p: LowRankProblem, predict: (i: number, j: number) => number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < p.m; i++) {
    for (let j = 0; j < p.n; j++) {
      if (p.mask[i * p.n + j]) continue;
      s += (predict(i, j) - truth(p.U, p.V, p.k, i, j)) ** 2;
      c++;
    }
  }
  return Math.sqrt(s / c);
}
