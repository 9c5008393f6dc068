/**
 * Sketch-and-solve least squares: x′ = argmin ‖S(Ax − b)‖ for a random sketch S.
 *
 * @module
 */
import type { VectorLike } from '../core/array.js';
import { makeSketch, checkSketchRows, prepareProblem, residualNorm, type SketchChoice, sketchedQR, solveR } from './least-squares.js';
import type { Sketch, SketchInput } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';

/** Options of {@link sketchAndSolve}. */
export interface SketchAndSolveOptions {
  /** The sketch: `'srht'` (default), `'gaussian'`, `'countsketch'`, `'osnap'`, or a ready {@link Sketch} of shape [m, n]. */
  sketch?: SketchChoice;
  /** Sketch rows, d ≤ m (≤ n for SRHT); default min(n, 4d). Ignored when `sketch` is a Sketch object. */
  m?: number;
  /** Seed of the sketch. */
  seed?: number | string;
}

/** Result of {@link sketchAndSolve} and {@link linfRegression}. */
export interface SketchedSolution {
  /** The sketched solution x′ (length d). */
  x: Float64Array;
  /** Sketch rows used. */
  m: number;
  /** The sketch that was applied (reuse it, or inspect `sketch.kind` and `sketch.seed`). */
  sketch: Sketch;
  /** ‖A·x′ − b‖₂ on the full problem. */
  residualNorm: number;
}

/**
 * Sketch-and-solve least squares: x′ = argmin_x ‖S(A·x − b)‖₂ for an m x n random sketch S, via the
 * Householder QR of S·A (x′ = R⁻¹·(Qᵀ·S·b)). With S an ε-subspace embedding of span(A, b)
 * (m = O(d/ε²) for Gaussian and SRHT up to logs), ‖A·x′ − b‖ ≤ (1 + ε)·min_x ‖A·x − b‖.
 * It is a fast approximate solver: the error is a fraction of the optimal residual, so it is
 * exact only for consistent systems; use {@link sketchAndPrecondition} for the exact solution.
 *
 * Complexity: the sketch (SRHT O(n·d·log n) dense; CountSketch O(nnz)) plus O(m·d²) for the QR.
 * Requires a tall A (n ≥ d) of full column rank.
 *
 * @param A - n x d matrix, dense (`ndarray`, `number[][]`) or sparse (CSR, CSC, COO)
 * @param b - right-hand side of length n
 * @param options - `{ sketch, m, seed }`
 * @returns `{ x, m, sketch, residualNorm }`
 * @throws {@link ShapeError} when b's length is not n, or n < d; {@link ArgumentError} on NaN or
 *   Infinity, m < d, m > n for SRHT, an unknown sketch, or a rank-deficient S·A.
 *
 * @example
 * ```ts
 * import { sketchAndSolve } from 'sparsity';
 * // Fit y = 2 + 3t on 200 exact points: consistent, so the sketched solution is exact.
 * const A = [], b = [];
 * for (let i = 0; i < 200; i++) { const t = i / 200; A.push([1, t]); b.push(2 + 3 * t); }
 * const { x, m, sketch } = sketchAndSolve(A, b, { seed: 1 });
 * [m, sketch.kind]; // => [8, "srht"]
 * Math.abs(x[0] - 2) < 1e-12 && Math.abs(x[1] - 3) < 1e-12; // => true
 * ```
 */
export function sketchAndSolve(A: SketchInput, b: VectorLike, options: SketchAndSolveOptions = {}): SketchedSolution {
  options = readOptions('sketchAndSolve', options, optionKeys<SketchAndSolveOptions>({ sketch: true, m: true, seed: true }));
  const prob = prepareProblem('sketchAndSolve', A, b);
  const { n, d } = prob;
  const given = typeof options.sketch === 'object' && options.sketch !== null ? options.sketch : null;
  const m = checkSketchRows(given ? given.shape[0] : options.m ?? Math.min(n, 4 * d), d);
  const S = makeSketch(options.sketch, m, n, options.seed, 'srht');
  const { R, qtsb } = sketchedQR(S, prob);
  const x = solveR(R, qtsb);
  return { x, m, sketch: S, residualNorm: residualNorm(prob.A, x, prob.b) };
}
