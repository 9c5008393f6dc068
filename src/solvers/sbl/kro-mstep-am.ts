/**
 * The AM-KroSBL M-step (He & Joseph 2024): maximize the EM objective −Σₙ(log γₙ + Λₙ/γₙ) over
 * γ = γ₁ ⊗ … ⊗ γ_I by alternating minimization. With the others fixed, the optimum of factor i is
 *   γᵢ[j] = (1/Π_{k≠i}Kₖ) Σ_{n: nᵢ=j} Λₙ / Π_{k≠i} γₖ[nₖ]
 * (a mean of Λ over the other modes, each contraction one vec-trick product, O(|Λ|)). Factors are
 * updated cyclically, then renormalized (‖γᵢ‖ = 1 for i < I, the scale in the last factor), until
 * the Kronecker product changes by less than 1e-4 or 10 sweeps.
 *
 * Pattern-coupled factors (block sparsity; Fang et al.'s PC-SBL prior on one factor) use the
 * effective variance γ̃ᵢ = C_α·γᵢ with C_α = tridiag(α, 1, α): the same mean is then matched by
 * γᵢ = argmin_{γ ≥ 0} ‖C_α·γᵢ − t‖ (non-negative least squares) and γ̃ᵢ = C_α·γᵢ (+ a 1e-5 relative floor).
 *
 * @module
 * @internal
 */
import { nnls, matvec } from '../../linalg/index.js';
import { kronRelativeChange } from './kron-vectors.js';
import { type LambdaTensor, denseLambda } from './lambda-tensor.js';

/** Smallest value an updated variance may take before pruning (keeps 1/γ finite). */
const TINY = 1e-300;

/** The updated target of factor i: the mean of Λ / (⊗_{k≠i} γₖ) over the other modes. @internal */
export function factorTarget(Lambda: LambdaTensor, dims: readonly number[], gammas: readonly Float64Array[], i: number): Float64Array {
  const w = gammas.map((g) => g.map((v) => 1 / v));
  const t = Lambda.contract(w, i);
  const others = dims.reduce((p, d, k) => (k === i ? p : p * d), 1);
  for (let j = 0; j < t.length; j++) t[j] = Math.max(t[j]! / others, TINY);
  return t;
}

/**
 * Alternating-minimization M-step; `coupling[i]` is the (active) K x K matrix C_α of a
 * pattern-coupled factor or null. Returns the new effective γ̃ᵢ.
 * @internal
 */
export function amMStep(
  Lambda: Float64Array | LambdaTensor, dims: readonly number[], start: readonly Float64Array[],
  coupling: readonly (Float64Array | null)[], maxSweeps = 10, sweepTol = 1e-4,
): Float64Array[] {
  const L = Lambda instanceof Float64Array ? denseLambda(Lambda, dims) : Lambda;
  const g: Float64Array[] = start.map((v) => Float64Array.from(v));
  const I = g.length;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const prev = g.map((v) => Float64Array.from(v));
    for (let i = 0; i < I; i++) {
      const t = factorTarget(L, dims, g, i);
      const C = coupling[i];
      if (C) {
        const K = dims[i]!;
        const Cm = { rows: K, cols: K, data: C };
        const gt = matvec(Cm, nnls(Cm, t).x);
        let mx = 0;
        for (const v of gt) mx = Math.max(mx, v);
        g[i] = gt.map((v) => Math.max(v + 1e-5 * mx, TINY));
      } else {
        g[i] = t;
      }
    }
    let scale = 1;
    for (let i = 0; i < I - 1; i++) {
      let n = 0;
      for (const v of g[i]!) n += v * v;
      n = Math.sqrt(n);
      if (n > 0) {
        g[i] = g[i]!.map((v) => v / n);
        scale *= n;
      }
    }
    g[I - 1] = g[I - 1]!.map((v) => v * scale);
    if (kronRelativeChange(g, prev) < sweepTol) break;
  }
  return g;
}
