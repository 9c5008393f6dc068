/**
 * Kronecker products of vectors, the mode contractions the Kronecker M-steps need, and the relative
 * change of a Kronecker product, all without forming the product when they need not.
 *
 * @module
 * @internal
 */

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
 * out[j] = Σ over the other indices of T[…, j, …]·Π_{k≠keep} wₖ[iₖ]. With T viewed as (L, d_keep, R),
 * out[j] = Σ_l Σ_r (⊗_{k<keep} wₖ)[l]·T[l, j, r]·(⊗_{k>keep} wₖ)[r]: one contiguous pass, O(|T|).
 * With `keep` = −1 every mode is contracted (a scalar in out[0]).
 * @internal
 */
export function contractExcept(T: Float64Array, dims: readonly number[], w: readonly Float64Array[], keep: number): Float64Array {
  if (keep < 0) {
    const all = kronVectors(w.slice(0, dims.length));
    let s = 0;
    for (let n = 0; n < T.length; n++) s += T[n]! * all[n]!;
    return new Float64Array([s]);
  }
  const wl = kronVectors(w.slice(0, keep));
  const wr = kronVectors(w.slice(keep + 1, dims.length));
  const d = dims[keep]!;
  const R = wr.length;
  const out = new Float64Array(d);
  for (let l = 0; l < wl.length; l++) {
    const a = wl[l]!;
    const base = l * d * R;
    for (let j = 0; j < d; j++) {
      const o = base + j * R;
      let s = 0;
      for (let r = 0; r < R; r++) s += T[o + r]! * wr[r]!;
      out[j] = out[j]! + a * s;
    }
  }
  return out;
}

/**
 * ‖⊗aᵢ − ⊗bᵢ‖ / ‖⊗bᵢ‖ without forming either product: ‖⊗aᵢ‖² = Π‖aᵢ‖² and
 * ⟨⊗aᵢ, ⊗bᵢ⟩ = Π⟨aᵢ, bᵢ⟩. O(Σ nᵢ).
 * @internal
 */
export function kronRelativeChange(a: readonly Float64Array[], b: readonly Float64Array[]): number {
  let aa = 1;
  let bb = 1;
  let ab = 1;
  for (let i = 0; i < a.length; i++) {
    let x = 0;
    let y = 0;
    let z = 0;
    for (let j = 0; j < a[i]!.length; j++) {
      x += a[i]![j]! ** 2;
      y += b[i]![j]! ** 2;
      z += a[i]![j]! * b[i]![j]!;
    }
    aa *= x;
    bb *= y;
    ab *= z;
  }
  const d = Math.max(aa + bb - 2 * ab, 0);
  return bb > 0 ? Math.sqrt(d / bb) : d > 0 ? Infinity : 0;
}
