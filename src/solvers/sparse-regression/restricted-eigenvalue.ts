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
import type { UnitColumns } from './screening.js';

/**
 * How well a row preconditioner F serves sparse recovery on random supports of size k, from X
 * alone: for each sampled support S, λ_min(Z_SᵀZ_S) · min_{j∈S} ‖F·xⱼ‖ / γⱼ, where Z = F·X with unit
 * columns (`cols`) and γⱼ = sd(zⱼᵀF·ε)/σ is the noise the transform puts on column j
 * ({@link noiseFactors}; null: no transform, γ = 1). The Lasso on (Z, F·y) detects coefficient j
 * once |wⱼ|·‖F·xⱼ‖ exceeds ~σγⱼ√(2 ln d)/λ_min, so a larger score means smaller coefficients are
 * found at the same noise level. Returns the median over samples of that score and of λ_min
 * alone. O(samples·(rk² + k³) + d).
 * @internal
 */
export function preconditionerScore(cols: UnitColumns, gamma: Float64Array | null, k: number, samples: number, rng: Rng): { score: number; lambda: number } {
  const { d, norms } = cols;
  const snr = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const g = gamma ? gamma[j]! : 1;
    snr[j] = g > 0 ? norms[j]! / g : 0;
  }
  const kk = Math.min(k, d);
  const values: number[] = [];
  const lambdas: number[] = [];
  for (let t = 0; t < samples; t++) {
    const S = rng.sample(d, kk);
    let m = Infinity;
    for (let c = 0; c < kk; c++) m = Math.min(m, snr[S[c]!]!);
    const lam = Math.max(eighDense(gramDense(cols.gather(S)), false).values[0]!, 0);
    values.push(lam * m);
    lambdas.push(lam);
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;
  return { score: median(values), lambda: median(lambdas) };
}

/**
 * γⱼ = ‖zⱼ ∘ f‖ for Z (unit columns) and the per-row noise scaling f of a row transform: the
 * standard deviation of zⱼᵀF·ε over σ. O(rd).
 * @internal
 */
export function noiseFactors(Z: DenseMatrix, noise: Float64Array): Float64Array {
  const { rows: r, cols: d, data } = Z;
  const g = new Float64Array(d);
  for (let t = 0; t < r; t++) {
    const f2 = noise[t]! * noise[t]!;
    for (let j = 0; j < d; j++) g[j] = g[j]! + data[t * d + j]! ** 2 * f2;
  }
  for (let j = 0; j < d; j++) g[j] = Math.sqrt(g[j]!);
  return g;
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
