/**
 * BiCGSTAB (van der Vorst, 1992) for general square systems, as SciPy's
 * `scipy.sparse.linalg.bicgstab`.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { nrm2 } from '../../kernels/blas1.js';
import { axpy2, axpyDot, axpyDot2, axpyResident, bicgDirection, dot2, dotResident } from '../../kernels/krylov/fused.js';
import { krylovWorkspace, optCallback, optMaxIter, residualInto, squareSystem } from './common.js';
import { readOptions } from '../../core/options.js';
import { type OperatorSource, type PreconditionerSource, applyInto } from './linear-operator.js';
import type { KrylovResult } from './result.js';
import { withResidency } from '../../kernels/index.js';

const EPS = 2.220446049250313e-16;

/** What {@link bicgstab} passes to `onIteration` after each iteration. */
export interface BiCGSTABIterationInfo {
  /** Iterations done so far. */
  iteration: number;
  /** ‖r‖₂ of the updated residual r = b − A·x (recurrence value). */
  residualNorm: number;
  /** The current iterate (live: copy it to keep it). */
  x: Float64Array;
}

/** Options of {@link bicgstab} (SciPy's names; `maxiter` is `maxIter`). */
export interface BiCGSTABOptions {
  /** Initial guess (default zeros). Not modified. */
  x0?: VectorLike;
  /** Relative tolerance: converged when ‖b − A·x‖ < max(rtol·‖b‖, atol). Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Iteration limit (default 10·n, as SciPy). */
  maxIter?: number;
  /** Preconditioner M ≈ A⁻¹ (right preconditioning: p̂ = M·p): operator, matrix or function r => M·r. */
  M?: PreconditionerSource;
  /** Called after every iteration; return `false` to stop. */
  onIteration?: (info: BiCGSTABIterationInfo) => boolean | void;
}

/** Result of {@link bicgstab}. */
export interface BiCGSTABResult extends KrylovResult {
  /**
   * SciPy's `info`: 0 converged; > 0 not converged (the iteration limit, or the iterations done
   * when stopped); −10 breakdown of ρ = r̃ᵀr; −11 breakdown of ω (or r̃ᵀv = 0).
   */
  info: number;
  /** Iterations that updated x (one ending at the half step counts as one): two products with A and M each. */
  iterations: number;
  /** `'converged'` (‖r‖ < max(rtol·‖b‖, atol)), `'maxIter'`, `'stopped'`, or `'breakdown'` (info −10 or −11). */
  reason: KrylovResult['reason'];
}

const KEYS = ['x0', 'rtol', 'atol', 'maxIter', 'M', 'onIteration'] as const;

/**
 * Solve A·x = b for a general square A by the stabilized bi-conjugate gradient method, as
 * `scipy.sparse.linalg.bicgstab` (same recurrences, breakdown tests and `info` codes).
 *
 * Each iteration: ρ = r̃ᵀr, p = r + β(p − ωv), p̂ = M·p, v = A·p̂, α = ρ / r̃ᵀv, s = r − αv (stop
 * here when ‖s‖ is small), ŝ = M·s, t = A·ŝ, ω = tᵀs / tᵀt, x += αp̂ + ωŝ, r = s − ωt, with the
 * shadow residual r̃ = r₀. Two products with A and two with M per iteration plus O(n) work, short
 * recurrences (memory 8n), but no monotone residual and possible breakdowns (ρ or ω → 0).
 *
 * @param A - n x n: sparse, dense, a LinearOperator, or a function (wrap it with {@link aslinearoperator})
 * @param b - right-hand side, length n
 * @param options - {@link BiCGSTABOptions}
 * @returns {@link BiCGSTABResult}; non-convergence and breakdown give `converged: false`, not an exception
 * @throws {@link ShapeError} when A is not square or b / x0 / M do not match; {@link ArgumentError}
 *   on NaN/Infinity in b or x0, a bad option value or an unknown option key.
 *
 * @example
 * ```ts
 * import { bicgstab, csr } from 'sparsity';
 * const A = csr([[4, 2, 0, 1], [3, 0, 0, 2], [0, 1, 1, 1], [0, 2, 1, 0]]); // SciPy's example
 * const r = bicgstab(A, [-1, -0.5, -1, 2], { atol: 1e-10, rtol: 0 });
 * r.info; // => 0
 * Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e6) / 1e6); // => [-1, -0.5, -1, 2]
 * ```
 */
export function bicgstab(A: OperatorSource, b: VectorLike, options: BiCGSTABOptions = {}): BiCGSTABResult {
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveBicgstab(A, b, options));
}

function solveBicgstab(A: OperatorSource, b: VectorLike, options: BiCGSTABOptions): BiCGSTABResult {
  options = readOptions('bicgstab', options, KEYS);
  const sys = squareSystem('bicgstab', A, b, options);
  const { op, n, psolve, bnorm, atol } = sys;
  const maxIter = optMaxIter(options.maxIter, Math.max(1, 10 * n));
  const onIteration = optCallback<BiCGSTABIterationInfo>(options.onIteration);
  if (bnorm === 0) {
    return { x: new Float64Array(n), info: 0, converged: true, iterations: 0, residualNorm: 0, history: [0], stopped: false, reason: 'converged' };
  }
  // The vectors live in WASM memory under the WASM kernels: A·p, A·s and the fused updates then
  // run on them in place.
  const ws = krylovWorkspace(n);
  try {
    const x = ws.vec(n, false);
    x.set(sys.x);
    const res = iterate(x, ws.vec(), ws.vec(), ws.vec(), ws.vec(), ws.vec(), ws.vec(2));
    return { ...res, x: ws.release(x) };
  } finally {
    ws.free();
  }

  function iterate(x: Float64Array, r: Float64Array, rtilde: Float64Array, p: Float64Array, v: Float64Array, t: Float64Array, pair: Float64Array): BiCGSTABResult {
    // SciPy's breakdown thresholds (eps², from the original Fortran).
    const rhotol = EPS * EPS;
    const omegatol = rhotol;
    residualInto(sys, x, r, !sys.nonzeroX0);
    rtilde.set(r);
    let rnorm = nrm2(r);
    const history = [rnorm];
    // ρ = r̃ᵀr: taken here for the first iteration, then in the pass that updates r.
    let rho = dotResident(rtilde, r, n);
    let rhoPrev = 0;
    let omega = 0;
    let alpha = 0;
    let iterations = 0;
    let info = maxIter;
    let reason: BiCGSTABResult['reason'] = 'maxIter';
    for (let it = 0; it < maxIter; it++) {
      if (rnorm < atol) {
        info = 0;
        reason = 'converged';
        break;
      }
      if (Math.abs(rho) < rhotol) {
        info = -10;
        reason = 'breakdown';
        break;
      }
      if (it > 0) {
        if (Math.abs(omega) < omegatol) {
          info = -11;
          reason = 'breakdown';
          break;
        }
        bicgDirection(p, r, v, (rho / rhoPrev) * (alpha / omega), omega, n);
      } else {
        p.set(r);
      }
      const phat = psolve ? psolve(p) : p;
      applyInto(op, phat, v);
      const rv = dotResident(rtilde, v, n);
      if (rv === 0 || !Number.isFinite(rv)) {
        info = -11;
        reason = 'breakdown';
        break;
      }
      alpha = rho / rv;
      // r now holds s = r − αv.
      const snorm = Math.sqrt(axpyDot(alpha, v, r, r, n));
      if (snorm < atol) {
        axpyResident(alpha, phat, x, n);
        iterations++;
        rnorm = snorm;
        history.push(rnorm);
        info = 0;
        reason = 'converged';
        if (onIteration) onIteration({ iteration: iterations, residualNorm: rnorm, x });
        break;
      }
      const shat = psolve ? psolve(r) : r;
      applyInto(op, shat, t);
      dot2(t, r, t, n, pair);
      omega = pair[0]! / pair[1]!;
      axpy2(x, alpha, phat, omega, shat, n);
      // r = s − ωt, with ‖r‖² and the next ρ = r̃ᵀr in the same pass.
      axpyDot2(omega, t, r, rtilde, n, pair);
      rnorm = Math.sqrt(pair[0]!);
      rhoPrev = rho;
      rho = pair[1]!;
      iterations++;
      history.push(rnorm);
      if (onIteration && onIteration({ iteration: iterations, residualNorm: rnorm, x }) === false) {
        if (rnorm < atol) {
          info = 0;
          reason = 'converged';
        } else {
          info = iterations;
          reason = 'stopped';
        }
        break;
      }
    }
    // The loop ran out right after an iteration that met the tolerance: SciPy reports maxiter, but
    // the returned x satisfies the test, so report it as converged.
    if (reason === 'maxIter' && rnorm < atol) {
      info = 0;
      reason = 'converged';
    }
    return { x, info, converged: reason === 'converged', iterations, residualNorm: rnorm, history, stopped: reason === 'stopped', reason };
  }
}
