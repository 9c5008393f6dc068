/**
 * The M-steps' view of Λ = diag Σ + |μ|²: a non-negative tensor of shape `dims` that they only
 * contract with Kronecker weights (or, for the two-factor SVD, read densely). The E-step supplies a
 * factored one (`kroLambda`); {@link denseLambda} wraps an explicit array.
 *
 * @module
 * @internal
 */
import { contractExcept } from './kron-vectors.js';

/** Λ through its mode contractions. @internal */
export interface LambdaTensor {
  dims: readonly number[];
  /** `contractExcept(Λ, dims, w, keep)`: contract every mode but `keep` (all with −1) with wₖ. */
  contract(w: readonly Float64Array[], keep: number): Float64Array;
  /** Λ as a row-major array. */
  dense(): Float64Array;
}

/** An explicit row-major Λ of shape `dims` as a {@link LambdaTensor}. @internal */
export function denseLambda(L: Float64Array, dims: readonly number[]): LambdaTensor {
  return { dims, contract: (w, keep) => contractExcept(L, dims, w, keep), dense: () => L };
}
