/**
 * CountSketch (Clarkson–Woodruff transform).
 *
 * @module
 */
import { createRng } from '../core/rng.js';
import { SparseEmbedding } from './sparse-embedding.js';
import { checkSketchShape, type Sketch, type SketchOptions } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';

/**
 * A CountSketch (the Clarkson–Woodruff transform, SciPy's `clarkson_woodruff_transform`): each
 * column k of the m x n matrix S has a single nonzero, a random sign σ_k in a uniformly random
 * row h(k); so (S·A)[r] = Σ_{h(k) = r} σ_k·A[k]. E[SᵀS] = I. It is the cheapest sketch —
 * O(nnz(A)) to apply — but needs m = O(d²/ε²) rows for a worst-case subspace embedding (in
 * practice far fewer when no row of A dominates); it gives no ℓ∞ guarantee (use {@link srht} or
 * {@link gaussianSketch} for {@link linfRegression}).
 *
 * Complexity: `apply` O(nnz(A)) (O(n·d) for dense A), `applyVector` O(n); storage O(n).
 *
 * @param m - sketch rows (hash buckets), m ≥ 1
 * @param n - rows of the matrices it will be applied to
 * @param options - `{ seed }`
 * @returns a {@link Sketch} with `kind: 'countsketch'`
 * @throws {@link ArgumentError} when m or n is not a positive integer.
 *
 * @example
 * ```ts
 * import { countSketch } from 'sparsity';
 * const S = countSketch(3, 5, { seed: 2 });
 * const Sd = S.toDense();
 * // one ±1 per column:
 * let nnz = 0;
 * for (let i = 0; i < 3; i++) for (let k = 0; k < 5; k++) if (Sd.get(i, k) !== 0) nnz++;
 * nnz; // => 5
 * // the sketch preserves the sum of the entries times their signs:
 * const Sb = S.applyVector([1, 1, 1, 1, 1]);
 * Sb.length; // => 3
 * ```
 */
export function countSketch(m: number, n: number, options: SketchOptions = {}): Sketch {
  options = readOptions('countSketch', options, optionKeys<SketchOptions>({ seed: true }));
  const [mm, nn] = checkSketchShape(m, n);
  return new SparseEmbedding('countsketch', mm, nn, 1, createRng(options.seed).seed);
}
