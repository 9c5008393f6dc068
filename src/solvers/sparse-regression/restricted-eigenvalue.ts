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
import { normalizeColumns } from './puffer.js';

/**
 * How well a row preconditioner F serves sparse recovery on random supports of size k, from X
 * alone: for each sampled support S, λ_min(Z_SᵀZ_S) · min_{j∈S} ‖F·xⱼ‖ / γⱼ, where Z = F·X with unit
 * columns and γⱼ = sd(zⱼᵀF·ε)/σ is the noise the transform puts on column j. The Lasso on (Z, F·y)
 * detects coefficient j once |wⱼ|·‖F·xⱼ‖ exceeds ~σγⱼ√(2 ln d)/λ_min, so a larger score means
 * smaller coefficients are found at the same noise level. Returns the median over samples of
 * that score and of λ_min alone; `normalized` is Z and the norms when the caller already has them.
 * O(samples·(rk² + k³) + rd).
 * @internal
 */
export function preconditionerScore(FX: DenseMatrix, noise: Float64Array | null, k: number, samples: number, rng: Rng, normalized?: { X: DenseMatrix; norms: Float64Array }): { score: number; lambda: number } {
  const { X: Z, norms } = normalized ?? normalizeColumns(FX);
  const { rows: r, cols: d } = Z;
  const snr = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let g = 1;
    if (noise) {
      let s = 0;
      for (let t = 0; t < r; t++) s += (Z.data[t * d + j]! * noise[t]!) ** 2;
      g = Math.sqrt(s);
    }
    snr[j] = g > 0 ? norms[j]! / g : 0;
  }
  const kk = Math.min(k, d);
  const block = new Float64Array(r * kk);
  const values: number[] = [];
  const lambdas: number[] = [];
  for (let t = 0; t < samples; t++) {
    const S = rng.sample(d, kk);
    let m = Infinity;
    for (let c = 0; c < kk; c++) m = Math.min(m, snr[S[c]!]!);
    for (let i = 0; i < r; i++) for (let c = 0; c < kk; c++) block[i * kk + c] = Z.data[i * d + S[c]!]!;
    const lam = Math.max(eighDense(gramDense({ rows: r, cols: kk, data: block }), false).values[0]!, 0);
    values.push(lam * m);
    lambdas.push(lam);
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;
  return { score: median(values), lambda: median(lambdas) };
}

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
