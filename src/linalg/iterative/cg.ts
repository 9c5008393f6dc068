/**
 * Conjugate gradients for symmetric positive (semi-)definite systems.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import { ShapeError } from '../../core/errors.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { cgDot, cgScaleDot, cgUpdateP, cgUpdateXR } from '../../kernels/cg/cg.js';
import { allocF64, discardF64, releaseF64 } from '../../kernels/runtime/memory.js';
import { dotAt, nrm2 } from '../../kernels/blas1.js';
import { optCallback, optMaxIter, optTol, toPreconditioner } from './common.js';
import type { JacobiPreconditioner } from './jacobi.js';
import { type OperatorSource, type PreconditionerSource, applyInto, toOperator } from './linear-operator.js';
import { withResidency } from '../../kernels/index.js';
import type { KrylovResult } from './result.js';

/** What {@link cg} passes to `onIteration` after each iteration. */
export interface CGIterationInfo {
  /** Iterations done so far (1 after the first update). */
  iteration: number;
  /** ‖r‖₂ of the updated residual r = b − A·x (recurrence value). */
  residualNorm: number;
  /** The current iterate (live: copy it to keep it). */
  x: Float64Array;
}

/** Options of {@link cg}. */
export interface CGOptions {
  /** Initial guess (default zeros). Not modified. */
  x0?: VectorLike;
  /** Relative tolerance: stop when ‖r‖ ≤ max(tol·‖b‖, atol). Default 1e-5 (SciPy's `rtol`). */
  tol?: number;
  /** SciPy's current name for `tol` (accepted as an alias; give one or the other). */
  rtol?: number;
  /** Absolute tolerance on ‖r‖ (default 0). */
  atol?: number;
  /** Iteration limit (default 10·n, as SciPy). */
  maxIter?: number;
  /**
   * Preconditioner M ≈ A⁻¹ (symmetric positive definite), applied as z = M·r: a LinearOperator
   * (e.g. {@link jacobiPreconditioner}), a matrix, or a function r => z.
   */
  M?: PreconditionerSource;
  /** Called after every iteration; return `false` to stop. */
  onIteration?: (info: CGIterationInfo) => boolean | void;
}

/** Result of {@link cg}. */
export interface CGResult extends KrylovResult {
  /** Final ‖b − A·x‖₂ (the recurrence value, which tracks the true residual to rounding). */
  residualNorm: number;
  /**
   * Why the solver stopped: `'converged'` (‖r‖ ≤ max(tol·‖b‖, atol)), `'maxIter'`, `'stopped'`
   * (by onIteration), or `'breakdown'` (pᵀAp ≤ 0 or rᵀMr ≤ 0: A or M is not positive definite on
   * the Krylov space, e.g. an inconsistent singular system, or NaN appeared).
   */
  reason: KrylovResult['reason'];
}

const CG_KEYS = optionKeys<CGOptions>({ x0: true, tol: true, rtol: true, atol: true, maxIter: true, M: true, onIteration: true });

/**
 * Solve A·x = b by the (preconditioned) conjugate gradient method, for A symmetric positive
 * definite (or semi-definite with b in its range), as SciPy's `scipy.sparse.linalg.cg`.
 *
 * Iterates xₖ₊₁ = xₖ + αₖpₖ, rₖ₊₁ = rₖ − αₖApₖ, zₖ = M·rₖ, pₖ = zₖ + βₖpₖ₋₁ with
 * αₖ = rₖᵀzₖ / pₖᵀApₖ, βₖ = rₖᵀzₖ / rₖ₋₁ᵀzₖ₋₁, until ‖rₖ‖ ≤ max(tol·‖b‖, atol). Per iteration: one
 * product with A, one with M, and O(n) vector work fused into two passes.
 *
 * @param A - n x n symmetric positive (semi-)definite: sparse, dense, a LinearOperator, or a function (then wrap it with {@link aslinearoperator})
 * @param b - right-hand side, length n
 * @param options - {@link CGOptions}
 * @returns {@link CGResult}; non-convergence gives `converged: false`, not an exception
 * @throws {@link ShapeError} when A is not square or b / x0 / M do not match; {@link ArgumentError}
 *   on NaN/Infinity in b or x0, or a bad option.
 *
 * @example
 * ```ts
 * import { cg, csr, jacobiPreconditioner } from 'sparsity';
 * const A = csr([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
 * const r = cg(A, [1, 2, 3], { tol: 1e-12, M: jacobiPreconditioner(A) });
 * r.converged; // => true
 * Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e9) / 1e9); // => [1, 2, 3]
 * r.history.length === r.iterations + 1; // => true
 * ```
 */
export function cg(A: OperatorSource, b: VectorLike, options?: CGOptions): CGResult {
  const checked = readOptions('cg', options, CG_KEYS.filter((k) => k !== 'rtol'), { rtol: 'tol' });
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveCg(A, b, checked));
}

function solveCg(A: OperatorSource, b: VectorLike, options: CGOptions): CGResult {
  const op = toOperator(A);
  const [m, n] = op.shape;
  if (m !== n) throw new ShapeError('cg', op.shape, op.shape, 'is not square');
  const bv = toFloat64(b, 'b');
  if (bv.length !== n) throw new ShapeError('cg', op.shape, bv.length);
  const tol = optTol('tol', options.tol, 1e-5);
  const atol0 = optTol('atol', options.atol, 0);
  const maxIter = optMaxIter(options.maxIter, Math.max(1, 10 * n));
  const onIteration = optCallback<CGIterationInfo>(options.onIteration);
  const Mopt = options.M;
  const jac = Mopt !== undefined && typeof Mopt === 'object' && Mopt !== null &&
    (Mopt as JacobiPreconditioner).inverseDiagonal instanceof Float64Array && (Mopt as JacobiPreconditioner).inverseDiagonal.length === n
    ? (Mopt as JacobiPreconditioner).inverseDiagonal
    : null;
  const psolve = Mopt === undefined || jac ? null : toPreconditioner(Mopt, n);

  const x0v = options.x0 === undefined ? null : toFloat64(options.x0, 'x0');
  if (x0v && x0v.length !== n) throw new ShapeError('cg x0', n, x0v.length);
  const bnorm = nrm2(bv);
  const thresh = Math.max(atol0, tol * bnorm);
  if (bnorm === 0) {
    return { x: new Float64Array(n), converged: true, iterations: 0, residualNorm: 0, history: [0], stopped: false, reason: 'converged' };
  }
  // The work vectors live in WASM memory when the SIMD kernels are on: A·p and the vector updates
  // then run on them in place, with no copies.
  const work: Float64Array[] = [];
  const vec = (): Float64Array => {
    const v = allocF64(n);
    work.push(v);
    return v;
  };
  let x = vec();
  try {
    if (x0v) x.set(x0v);
    const r = vec();
    let anyX = false;
    for (let i = 0; i < n; i++) if (x[i] !== 0) { anyX = true; break; }
    if (anyX) {
      const ax = op.matvec(x);
      for (let i = 0; i < n; i++) r[i] = bv[i]! - ax[i]!;
    } else {
      r.set(bv);
    }
    const p = vec();
    const q = vec();
    let d: Float64Array | null = null;
    if (jac) {
      d = vec();
      d.set(jac);
    }
    const result = iterate(x, r, p, q, d, jac || !psolve ? vec() : null);
    x = releaseF64(x);
    work[0] = x;
    return { ...result, x };
  } finally {
    for (const v of work) discardF64(v);
  }

  function iterate(x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, d: Float64Array | null, zbuf: Float64Array | null): CGResult {
    let rnorm = nrm2(r);
    const history = [rnorm];
    let rhoPrev = 0;
    let iterations = 0;
    let reason: CGResult['reason'] = 'maxIter';
    for (;;) {
      if (rnorm <= thresh) {
        reason = 'converged';
        break;
      }
      if (iterations >= maxIter) break;
      // z = M r and rho = rᵀz
      let z: Float64Array;
      let rho = 0;
      if (d) {
        z = zbuf!;
        rho = cgScaleDot(r, d, z, n);
      } else if (psolve) {
        z = psolve(r);
        rho = dotAt(n, r, 0, z, 0);
      } else {
        z = r;
        rho = rnorm * rnorm;
      }
      if (!(rho > 0)) {
        reason = 'breakdown';
        break;
      }
      if (iterations === 0) p.set(z);
      else cgUpdateP(p, z, rho / rhoPrev, n);
      applyInto(op, p, q);
      const pq = cgDot(p, q, n);
      if (!(pq > 0) || !Number.isFinite(pq)) {
        reason = 'breakdown';
        break;
      }
      const alpha = rho / pq;
      rnorm = Math.sqrt(cgUpdateXR(x, r, p, q, alpha, n));
      rhoPrev = rho;
      iterations++;
      history.push(rnorm);
      if (onIteration && onIteration({ iteration: iterations, residualNorm: rnorm, x }) === false) {
        reason = rnorm <= thresh ? 'converged' : 'stopped';
        break;
      }
    }
    const converged = reason === 'converged';
    return { x, converged, iterations, residualNorm: rnorm, history, stopped: reason === 'stopped', reason };
  }
}
