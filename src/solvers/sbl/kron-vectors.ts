/**
 * Kronecker products of vectors and the mode contractions the Kronecker M-steps need, as thin
 * wrappers over the vec-trick product `kronApply`.
 *
 * @module
 * @internal
 */
import { type CMat, type CVec } from '../../linalg/dense/complex.js';
import { kronApply } from '../../linalg/dense/kron-matvec.js';

/** v₁ ⊗ v₂ ⊗ … (first vector's index slowest). @internal */
export function kronVectors(vs: readonly Float64Array[]): Float64Array {
  let out = new Float64Array([1]);
  for (const v of vs) {
    const next = new Float64Array(out.length * v.length);
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      const o = i * v.length;
      for (let j = 0; j < v.length; j++) next[o + j] = a * v[j]!;
    }
    out = next;
  }
  return out;
}

/**
 * Contract the tensor T (row-major, shape `dims`) with the vector wₖ along every mode k ≠ `keep`:
 * out[j] = Σ over the other indices of T[…, j, …]·Π_{k≠keep} wₖ[iₖ]. O(|T|).
 * With `keep` = −1 every mode is contracted (a scalar in out[0]).
 * @internal
 */
export function contractExcept(T: Float64Array, dims: readonly number[], w: readonly Float64Array[], keep: number): Float64Array {
  const factors: (CMat | null)[] = dims.map((d, k) => (k === keep ? null : { rows: 1, cols: d, re: w[k]!, im: null }));
  return kronApply(factors, { re: T, im: null } as CVec, false, dims).re;
}
