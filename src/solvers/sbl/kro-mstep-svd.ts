/**
 * The SVD-KroSBL M-step (He & Joseph 2024): replace the unconstrained EM update γ = Λ (Λ =
 * diag Σ + |μ|²) by its best rank-one Kronecker approximation. For two factors, Λ reshaped as a
 * K₁ x K₂ matrix has the leading singular triplet (s, u, v) and γ₁ = √s·|u|, γ₂ = √s·|v| (one SVD of
 * a K₁ x K₂ matrix). For I > 2 factors the rank-one tensor approximation comes from alternating
 * power iterations (HOPM: γᵢ ← Λ contracted with the other factors, normalized), started at the
 * current factors; Λ ≥ 0 keeps every iterate non-negative.
 *
 * @module
 * @internal
 */
import { svd } from '../../linalg/index.js';
import { type LambdaTensor, denseLambda } from './lambda-tensor.js';
import { relativeChange } from './common.js';

/** Rank-one Kronecker approximation of Λ (see the module comment). @internal */
export function svdMStep(Lambda: Float64Array | LambdaTensor, dims: readonly number[], start: readonly Float64Array[], maxSweeps = 20, sweepTol = 1e-8): Float64Array[] {
  const L = Lambda instanceof Float64Array ? denseLambda(Lambda, dims) : Lambda;
  const I = dims.length;
  if (I === 1) return [Float64Array.from(L.dense())];
  if (I === 2) {
    const [K1, K2] = dims as [number, number];
    const { U, s, Vt } = svd({ rows: K1, cols: K2, data: L.dense() });
    const r = Math.sqrt(s[0]!);
    const g1 = new Float64Array(K1);
    const g2 = new Float64Array(K2);
    for (let j = 0; j < K1; j++) g1[j] = r * Math.abs(U!.get(j, 0));
    for (let j = 0; j < K2; j++) g2[j] = r * Math.abs(Vt!.get(0, j));
    return [g1, g2];
  }
  const g = start.map((v) => {
    let n = 0;
    for (const x of v) n += x * x;
    n = Math.sqrt(n) || 1;
    return v.map((x) => x / n);
  });
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const before = g.map((v) => Float64Array.from(v));
    for (let i = 0; i < I; i++) {
      const t = L.contract(g, i);
      let n = 0;
      for (const x of t) n += x * x;
      n = Math.sqrt(n) || 1;
      g[i] = t.map((x) => Math.abs(x) / n);
    }
    let change = 0;
    for (let i = 0; i < I; i++) change = Math.max(change, relativeChange(g[i]!, before[i]!));
    if (change < sweepTol) break;
  }
  // λ = Λ ×₁ g₁ ⋯ ×_I g_I, spread evenly over the factors.
  const lambda = L.contract(g, -1)[0]!;
  const r = Math.pow(Math.max(lambda, 0), 1 / I);
  return g.map((v) => v.map((x) => x * r));
}
