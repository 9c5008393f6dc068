/**
 * OSNAP sparse embeddings (Nelson–Nguyễn).
 *
 * @module
 */
import { checkPositiveInt } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { SparseEmbedding } from './sparse-embedding.js';
import { checkSketchShape, type Sketch, type SketchOptions } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';

/** Options of {@link osnap}. */
export interface OsnapOptions extends SketchOptions {
  /** Nonzeros per column, 1 ≤ s ≤ m; default min(8, m). s = 1 is a CountSketch. */
  s?: number;
}

/**
 * An OSNAP sparse embedding (Nelson & Nguyễn 2013): each column of the m x n matrix S has
 * exactly s nonzeros ±1/√s with independent random signs, in s distinct rows chosen uniformly.
 * E[SᵀS] = I. Compared with {@link countSketch} (s = 1), a few nonzeros per column bring the
 * rows needed for an ε-subspace embedding down from O(d²) to about O(d·log d/ε²) while the
 * product still costs O(s·nnz(A)); s = 8 is the usual practical choice (Tropp et al., "sparse
 * sign" sketches).
 *
 * Complexity: `apply` O(s·nnz(A)) (O(s·n·d) dense), `applyVector` O(s·n); storage O(s·n).
 *
 * @param m - sketch rows, m ≥ 1
 * @param n - rows of the matrices it will be applied to
 * @param options - `{ s, seed }`
 * @returns a {@link Sketch} with `kind: 'osnap'`
 * @throws {@link ArgumentError} when m, n or s is not a positive integer, or s > m.
 *
 * @example
 * ```ts
 * import { osnap } from 'sparsity';
 * const S = osnap(16, 100, { s: 4, seed: 1 });
 * const Sd = S.toDense();
 * let colNorm2 = 0, nnz = 0;
 * for (let i = 0; i < 16; i++) { colNorm2 += Sd.get(i, 7) ** 2; if (Sd.get(i, 7) !== 0) nnz++; }
 * nnz; // => 4
 * colNorm2; // => 1
 * ```
 */
export function osnap(m: number, n: number, options: OsnapOptions = {}): Sketch {
  options = readOptions('osnap', options, optionKeys<OsnapOptions>({ seed: true, s: true }));
  const [mm, nn] = checkSketchShape(m, n);
  const s = options.s === undefined ? Math.min(8, mm) : checkPositiveInt('s', options.s);
  if (s > mm) throw new ArgumentError('s', s, `an integer in [1, m = ${mm}] (nonzeros per column)`);
  return new SparseEmbedding('osnap', mm, nn, s, createRng(options.seed).seed);
}
