/**
 * Sketch-and-precondition least squares (Blendenpik / LSRN): R from the QR of S·A, then LSQR on
 * the well-conditioned A·R⁻¹.
 *
 * @module
 */
import { checkNumber, type VectorLike } from '../core/array.js';
import { optCallback, optMaxIter, optTol } from '../linalg/iterative/common.js';
import { denseBidiagStep } from '../kernels/dense/bidiag.js';
import type { BufferedOperator } from '../linalg/iterative/linear-operator.js';
import { lsqr } from '../linalg/iterative/lsqr.js';
import {
  applyA, applyAT, checkSketchRows, makeSketch, prepareProblem, residualNorm, type SketchChoice, sketchedQR, solveR, solveRT,
} from './least-squares.js';
import type { Sketch, SketchInput } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';

/** What {@link sketchAndPrecondition} passes to `onIteration` after each LSQR iteration. */
export interface SketchAndPreconditionIterationInfo {
  /** LSQR iterations so far. */
  iteration: number;
  /** Estimate of ‖b − A·x‖ (LSQR's r1norm). */
  residualNorm: number;
  /** Estimate of ‖(A·R⁻¹)ᵀ(b − A·x)‖, the preconditioned normal-equations residual. */
  arnorm: number;
}

/** Options of {@link sketchAndPrecondition}. */
export interface SketchAndPreconditionOptions {
  /** The sketch: `'srht'` (default), `'gaussian'`, `'countsketch'`, `'osnap'`, or a ready {@link Sketch} of shape [m, n]. */
  sketch?: SketchChoice;
  /** Sketch rows m = ⌈oversampling·d⌉ (capped at n); oversampling ≥ 1, default 2 (LSRN's γ). Ignored when `m` or a Sketch object is given. */
  oversampling?: number;
  /** Sketch rows, d ≤ m (≤ n for SRHT); overrides `oversampling`. */
  m?: number;
  /** LSQR tolerance (its atol and btol): stop when the preconditioned normal-equations residual ‖(AR⁻¹)ᵀr‖ ≤ tol·‖AR⁻¹‖·‖r‖ or ‖r‖ ≤ tol·‖b‖ + …; default 1e-14. */
  tol?: number;
  /** LSQR iteration limit, default 100 (a few dozen suffice at any condition number). */
  maxIter?: number;
  /** Seed of the sketch. */
  seed?: number | string;
  /** Called after each LSQR iteration; return `false` to stop. */
  onIteration?: (info: SketchAndPreconditionIterationInfo) => boolean | void;
}

/** Result of {@link sketchAndPrecondition}. */
export interface SketchAndPreconditionResult {
  /** The least-squares solution (length d). */
  x: Float64Array;
  /** LSQR met its tolerance. */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** LSQR iterations. */
  iterations: number;
  /** LSQR's estimate of ‖b − A·x‖ before the first and after each iteration. */
  history: number[];
  /** ‖A·x − b‖₂, computed from x. */
  residualNorm: number;
  /**
   * LSQR's estimate of cond(A·R⁻¹) (Frobenius-norm based, as SciPy's `acond`): of order
   * √d·(1 + √(d/m))/(1 − √(d/m)) when the sketch embeds range(A), whatever cond(A) is.
   */
  preconditionedCond: number;
  /** LSQR's stop reason. */
  reason: string;
  /** Sketch rows used. */
  m: number;
  /** The sketch that was applied. */
  sketch: Sketch;
}

/**
 * Least squares min_x ‖A·x − b‖₂ to full accuracy by sketch-and-precondition (Blendenpik, Avron,
 * Maymounkov & Toledo 2010; LSRN, Meng, Saunders & Mahoney 2014): sketch S·A (m = 2d rows by
 * default), factor S·A = Q·R, and run LSQR on the preconditioned operator A·R⁻¹ (applied as
 * z ↦ A·(R⁻¹z) and u ↦ R⁻ᵀ(Aᵀu), never formed), starting from the sketch-and-solve solution;
 * x = R⁻¹·z. Because S embeds range(A), the singular values of A·R⁻¹ lie in
 * [1/(1 + ε), 1/(1 − ε)] whatever cond(A) is, so LSQR converges linearly at a rate independent
 * of the conditioning of A: a few dozen iterations reach 1e-10 even at cond(A) = 1e8. The result
 * is the exact least-squares solution (up to the usual forward-error limit cond(A)·ε_machine of
 * any backward-stable solver), unlike {@link sketchAndSolve}.
 *
 * Complexity: the sketch (SRHT O(n·d·log n)) + O(m·d²) for the QR + O(nnz(A) + d²) per LSQR
 * iteration. Requires a tall A (n ≥ d) of full column rank.
 *
 * @param A - n x d matrix, dense (`ndarray`, `number[][]`) or sparse (CSR, CSC, COO)
 * @param b - right-hand side of length n
 * @param options - `{ sketch, oversampling, m, tol, maxIter, seed, onIteration }`
 * @returns `{ x, converged, stopped, iterations, history, residualNorm, preconditionedCond, reason, m, sketch }`
 * @throws {@link ShapeError} when b's length is not n, or n < d; {@link ArgumentError} on NaN or
 *   Infinity, m < d, m > n for SRHT, a bad option, or a rank-deficient S·A.
 *
 * @example
 * ```ts
 * import { sketchAndPrecondition } from 'sparsity';
 * // Badly scaled columns (cond ≈ 1e6): y = 1 + 2t + 3t² sampled with t in [0, 1e-3].
 * const A = [], b = [];
 * for (let i = 0; i < 500; i++) { const t = i / 500 * 1e-3; A.push([1, t, t * t]); b.push(1 + 2 * t + 3 * t * t + (i % 2 ? 1e-9 : -1e-9)); }
 * const r = sketchAndPrecondition(A, b, { seed: 1 });
 * r.converged; // => true
 * r.iterations <= 20; // => true
 * Math.abs(r.x[1] - 2) < 1e-3; // => true
 * ```
 */
export function sketchAndPrecondition(A: SketchInput, b: VectorLike, options: SketchAndPreconditionOptions = {}): SketchAndPreconditionResult {
  options = readOptions('sketchAndPrecondition', options, optionKeys<SketchAndPreconditionOptions>({ sketch: true, oversampling: true, m: true, tol: true, maxIter: true, seed: true, onIteration: true }));
  const prob = prepareProblem('sketchAndPrecondition', A, b);
  const { n, d } = prob;
  const tol = optTol('tol', options.tol, 1e-14);
  const maxIter = optMaxIter(options.maxIter, 100);
  const onIteration = optCallback<SketchAndPreconditionIterationInfo>(options.onIteration);
  let m: number;
  if (typeof options.sketch === 'object' && options.sketch !== null) m = checkSketchRows(options.sketch.shape[0], d);
  else if (options.m !== undefined) m = checkSketchRows(options.m, d);
  else {
    const gamma = options.oversampling === undefined ? 2 : checkNumber('oversampling', options.oversampling, 1);
    m = Math.min(n, Math.max(d, Math.ceil(gamma * d)));
  }
  const S = makeSketch(options.sketch, m, n, options.seed, 'srht');
  const { R, qtsb } = sketchedQR(S, prob);
  const P = prob.A;
  const op: BufferedOperator = {
    shape: [n, d],
    matvec: (z) => applyA(P, solveR(R, z)),
    rmatvec: (u) => solveRT(R, applyAT(P, u)),
  };
  if (P.kind === 'dense') {
    // LSQR's two products per iteration in one pass over the (large) dense A.
    const atu = new Float64Array(d);
    op.bidiagStepInto = (z, alpha, u, out) => {
      const ss = denseBidiagStep(P.dense.data, n, d, solveR(R, z), alpha, u, atu);
      out.set(solveRT(R, atu));
      return ss;
    };
  }
  // Warm start: z0 = R·x0 with x0 the sketch-and-solve solution, i.e. z0 = (Qᵀ·S·b)[0..d).
  const res = lsqr(op, prob.b, {
    x0: qtsb,
    atol: tol,
    btol: tol,
    maxIter,
    onIteration: onIteration
      ? (info) => onIteration({ iteration: info.iteration, residualNorm: info.r1norm, arnorm: info.arnorm })
      : undefined,
  });
  const x = solveR(R, res.x);
  return {
    x,
    converged: res.converged,
    stopped: res.stopped,
    iterations: res.iterations,
    history: res.history,
    residualNorm: residualNorm(P, x, prob.b),
    preconditionedCond: res.acond,
    reason: res.reason,
    m,
    sketch: S,
  };
}
