/**
 * How well a design behaves on random supports: the smallest eigenvalue of the Gram matrix of k
 * randomly chosen unit-normalized columns, minimized over sampled supports. This is a Monte-Carlo
 * estimate of the restricted eigenvalue on random supports, the quantity that decides whether
 * sparse recovery on a uniformly random support is easy (Chandrasekaran, Meka, Stavropoulos 2025).
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import type { Rng } from '../../core/rng.js';
import { eighDense } from '../../linalg/dense/eigh.js';
import { gramDense } from '../../linalg/dense/matmul.js';

/**
 * min over `samples` random k-subsets S of λ_min(Z_Sᵀ Z_S), for Z with unit-norm columns (the caller
 * normalizes). 1 means the sampled columns are orthonormal; near 0, some k columns are nearly
 * dependent. O(samples·(nk² + k³)).
 * @internal
 */
export function randomSupportEigenvalue(Z: DenseMatrix, k: number, samples: number, rng: Rng): number {
  const { rows: n, cols: d } = Z;
  const kk = Math.min(k, d);
  let worst = Infinity;
  const block = new Float64Array(n * kk);
  for (let t = 0; t < samples; t++) {
    const S = rng.sample(d, kk);
    for (let i = 0; i < n; i++) for (let c = 0; c < kk; c++) block[i * kk + c] = Z.data[i * d + S[c]!]!;
    const G = gramDense({ rows: n, cols: kk, data: block });
    const lam = eighDense(G, false).values[0]!;
    if (lam < worst) worst = lam;
  }
  return Math.max(worst, 0);
}
