/**
 * MINRES (Paige & Saunders, 1975) for symmetric, possibly indefinite systems, as SciPy's
 * `scipy.sparse.linalg.minres`.
 *
 * @module
 */
import { checkNumber, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { dotAt, nrm2 } from '../../kernels/blas1.js';
import { axpy2Dot, axpyDot, dotResident, minresUpdate, scaleCopy } from '../../kernels/krylov/fused.js';
import { krylovWorkspace, optCallback, optMaxIter, residualInto, squareSystem } from './common.js';
import { readOptions } from '../../core/options.js';
import { type OperatorSource, type PreconditionerSource, applyInto } from './linear-operator.js';
import type { KrylovResult } from './result.js';
import { withResidency } from '../../kernels/index.js';

const EPS = 2.220446049250313e-16;

/** SciPy's messages for istop = −1..9. */
const MESSAGES = [
  'beta2 = 0. If M = I, b and x are eigenvectors',
  'beta1 = 0. The exact solution is x0',
  'A solution to Ax = b was found, given rtol',
  'A least-squares solution was found, given rtol',
  'Reasonable accuracy achieved, given eps',
  'x has converged to an eigenvector',
  'acond has exceeded 0.1/eps',
  'The iteration limit was reached',
] as const;

/** What {@link minres} passes to `onIteration` after each iteration. */
export interface MINRESIterationInfo {
  /** Iterations done so far. */
  iteration: number;
  /** Estimate of ‖b − (A − shift·I)·x‖ (in the M⁻¹-norm with a preconditioner). */
  residualNorm: number;
  /** The current iterate (live: copy it to keep it). */
  x: Float64Array;
}

/** Options of {@link minres} (SciPy's names; `maxiter` is `maxIter`). */
export interface MINRESOptions {
  /** Initial guess (default zeros). Not modified. */
  x0?: VectorLike;
  /** Relative tolerance of SciPy's tests ‖r‖ ≤ rtol·‖A‖·‖x‖ or ‖A·r‖ ≤ rtol·‖A‖·‖r‖ (default 1e-5). */
  rtol?: number;
  /** Solve (A − shift·I)·x = b instead (default 0). */
  shift?: number;
  /** Iteration limit (default 5·n, as SciPy). */
  maxIter?: number;
  /** Symmetric positive definite preconditioner M ≈ A⁻¹: operator, matrix or function r => M·r. */
  M?: PreconditionerSource;
  /** Check that A and M look symmetric before iterating (two extra products; default false). */
  check?: boolean;
  /** Called after every iteration; return `false` to stop. */
  onIteration?: (info: MINRESIterationInfo) => boolean | void;
}

/** Result of {@link minres}. */
export interface MINRESResult extends KrylovResult {
  /** SciPy's `info`: 0 for every stop but the iteration limit, which gives `maxIter` (and a stop by onIteration, the iterations done). */
  info: number;
  /**
   * The stop code of Paige and Saunders' MINRES (SciPy's `istop`): −1 b and x are eigenvectors,
   * 0 b = 0 (or the exact x0), 1 A·x = b solved to rtol, 2 least-squares solution to rtol,
   * 3 accuracy limited by eps, 4 cond(A) ≥ 0.1/eps, 6 iteration limit; −2 stopped by onIteration.
   */
  istop: number;
  /** istop is −1, 0, 1, 2 or 3. */
  converged: boolean;
  /** Estimate of ‖r‖ (M⁻¹-norm with a preconditioner). */
  residualNorm: number;
  /** Estimate of ‖A‖ (Frobenius norm of the Lanczos tridiagonal). */
  anorm: number;
  /** Estimate of cond(A). */
  acond: number;
  /** Estimate of ‖x‖. */
  xnorm: number;
  /** `'converged'`, `'maxIter'`, `'stopped'` or `'breakdown'` (istop 4: A looks singular to working precision). */
  reason: KrylovResult['reason'];
  /** SciPy's message for `istop`. */
  message: string;
}

const KEYS = ['x0', 'rtol', 'shift', 'maxIter', 'M', 'check', 'onIteration'] as const;

/**
 * Solve (A − shift·I)·x = b for a symmetric A, definite or indefinite, by MINRES, as
 * `scipy.sparse.linalg.minres` (the same Lanczos recurrences, QR of the tridiagonal by plane
 * rotations, stopping tests and `istop`).
 *
 * Minimizes ‖b − A·xₖ‖ (the M⁻¹-norm with a preconditioner) over x₀ + Kₖ(A, r₀) with a three-term
 * Lanczos recurrence, so its memory is fixed (7n) while GMRES's grows. Stops when
 * ‖r‖ ≤ rtol·‖A‖·‖x‖ (istop 1), ‖A·r‖ ≤ rtol·‖A‖·‖r‖ (2, a least-squares solution of a singular
 * system), or on the eps-level tests 3–4. One product with A and one with M per iteration plus O(n).
 *
 * @param A - n x n symmetric (the method reads only its action): sparse, dense, LinearOperator or function
 * @param b - right-hand side, length n
 * @param options - {@link MINRESOptions}
 * @returns {@link MINRESResult}; non-convergence gives `converged: false`, not an exception
 * @throws {@link ShapeError} when A is not square or b / x0 / M do not match; {@link ArgumentError}
 *   on NaN/Infinity in b or x0, a bad option or unknown option key, an M that is not positive
 *   definite or (with `check`) A or M not symmetric, as SciPy raises.
 *
 * @example
 * ```ts
 * import { minres, csr } from 'sparsity';
 * const A = csr([[2, 1, 0], [1, -3, 1], [0, 1, 1]]); // symmetric indefinite
 * const r = minres(A, [1, 2, 3], { rtol: 1e-12 });
 * r.converged; // => true
 * Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e9) / 1e9); // => [1, 2, 3]
 * ```
 */
export function minres(A: OperatorSource, b: VectorLike, options: MINRESOptions = {}): MINRESResult {
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveMinres(A, b, options));
}

function solveMinres(A: OperatorSource, b: VectorLike, options: MINRESOptions): MINRESResult {
  options = readOptions('minres', options, KEYS);
  const sys = squareSystem('minres', A, b, options);
  const { op, n, psolve } = sys;
  const rtol = options.rtol ?? 1e-5;
  const shift = options.shift === undefined ? 0 : checkNumber('shift', options.shift);
  const maxIter = optMaxIter(options.maxIter, Math.max(1, 5 * n));
  if (options.check !== undefined && typeof options.check !== 'boolean') throw new ArgumentError('check', options.check, 'a boolean');
  const onIteration = optCallback<MINRESIterationInfo>(options.onIteration);
  // The vectors live in WASM memory under the WASM kernels: A·v and the fused updates then run
  // on them in place.
  const ws = krylovWorkspace(n);
  try {
    const x = ws.vec(n, false);
    x.set(sys.x);
    const res = iterate(x);
    if (res.x === x) res.x = ws.release(x);
    return res;
  } finally {
    ws.free();
  }

  function iterate(x: Float64Array): MINRESResult {
    // Without M, y = M·r2 is r2 itself (y is only read before r2's buffer is reused).
    const Mop = (v: Float64Array): Float64Array => (psolve ? psolve(v) : v);
    const Aop = (v: Float64Array, out: Float64Array): void => {
      applyInto(op, v, out);
      if (shift !== 0) for (let i = 0; i < n; i++) out[i] = out[i]! - shift * v[i]!;
    };

    let r1 = ws.vec();
    residualInto(sys, x, r1, !sys.nonzeroX0);
    if (shift !== 0 && sys.nonzeroX0) for (let i = 0; i < n; i++) r1[i] = r1[i]! + shift * x[i]!;
    let y = Mop(r1);
    let beta1 = dotResident(r1, y, n);
    const done = (istop: number, itn: number, rnorm: number, history: number[], extra: Partial<MINRESResult> = {}): MINRESResult => {
      const stopped = istop === -2;
      const converged = istop >= -1 && istop <= 3;
      const reason: MINRESResult['reason'] = stopped ? 'stopped' : converged ? 'converged' : istop === 6 ? 'maxIter' : 'breakdown';
      return {
        x, info: istop === 6 ? maxIter : stopped ? Math.max(1, itn) : 0, istop, converged, iterations: itn, residualNorm: rnorm,
        anorm: 0, acond: 0, xnorm: nrm2(x), history, stopped, reason,
        message: stopped ? 'Stopped by onIteration' : MESSAGES[istop + 1] ?? '', ...extra,
      };
    };
    if (beta1 < 0) throw new ArgumentError('M', options.M, 'a symmetric positive definite preconditioner (rᵀM·r < 0)');
    if (beta1 === 0) return done(0, 0, 0, [0]);
    if (sys.bnorm === 0) return done(0, 0, 0, [0], { x: new Float64Array(n) });
    beta1 = Math.sqrt(beta1);

    if (options.check) {
      const w = new Float64Array(n);
      const r2c = new Float64Array(n);
      Aop(y, w);
      Aop(w, r2c);
      let s = dotAt(n, w, 0, w, 0);
      let t = dotAt(n, y, 0, r2c, 0);
      if (Math.abs(s - t) > (s + EPS) * EPS ** (1 / 3)) throw new ArgumentError('A', 'a non-symmetric operator', 'a symmetric matrix or operator (check failed)');
      const my = Mop(y);
      s = dotAt(n, y, 0, y, 0);
      t = dotAt(n, r1, 0, my, 0);
      if (Math.abs(s - t) > (s + EPS) * EPS ** (1 / 3)) throw new ArgumentError('M', 'a non-symmetric preconditioner', 'a symmetric positive definite preconditioner (check failed)');
    }

    let oldb = 0;
    let beta = beta1;
    let dbar = 0;
    let epsln = 0;
    let phibar = beta1;
    let rhs1 = beta1;
    let rhs2 = 0;
    let tnorm2 = 0;
    let gmax = 0;
    let gmin = Number.MAX_VALUE;
    let cs = -1;
    let sn = 0;
    let w = ws.vec();
    let w2 = ws.vec();
    let w1 = ws.vec();
    let r2 = ws.vec(n, false);
    r2.set(r1);
    let spare = ws.vec();
    const v = ws.vec();
    let anorm = 0;
    let acond = 0;
    let rnorm = beta1;
    let ynorm = 0;
    let istop = 0;
    let itn = 0;
    const history = [beta1];
    while (itn < maxIter) {
      itn++;
      scaleCopy(1 / beta, y, v, n);
      const ynew = spare;
      // Products inline (no per-call closures in the loop: a new closure per call deopts it).
      applyInto(op, v, ynew);
      // ynew −= shift·v + (β/β_old)·r1 (from the second iteration), with α = vᵀynew in the same pass.
      const c1 = itn >= 2 ? beta / oldb : 0;
      const alfa = shift !== 0 ? axpy2Dot(shift, v, c1, r1, ynew, v, n) : axpyDot(c1, r1, ynew, v, n);
      // ynew −= (α/β)·r2, with ‖ynew‖² (β² without M) in the same pass.
      const yy = axpyDot(alfa / beta, r2, ynew, ynew, n);
      spare = r1;
      r1 = r2;
      r2 = ynew;
      y = psolve ? psolve(r2) : r2;
      oldb = beta;
      beta = psolve ? dotResident(r2, y, n) : yy;
      if (beta < 0) throw new ArgumentError(psolve ? 'M' : 'A', 'an operator', 'a symmetric A and a symmetric positive definite M (Lanczos produced βₖ² < 0)');
      beta = Math.sqrt(beta);
      tnorm2 += alfa * alfa + oldb * oldb + beta * beta;
      if (itn === 1 && beta / beta1 <= 10 * EPS) istop = -1;

      // Previous rotation on the new column of the tridiagonal.
      const oldeps = epsln;
      const delta = cs * dbar + sn * alfa;
      const gbar = sn * dbar - cs * alfa;
      epsln = sn * beta;
      dbar = -cs * beta;
      const root = Math.hypot(gbar, dbar);
      // Next rotation.
      const gamma = Math.max(Math.hypot(gbar, beta), EPS);
      cs = gbar / gamma;
      sn = beta / gamma;
      const phi = cs * phibar;
      phibar = sn * phibar;
      // x += phi·w with w = (v − oldeps·w1 − delta·w2) / gamma (w1 ← w2 ← w rotate through buffers).
      const denom = 1 / gamma;
      const recycled = w1;
      w1 = w2;
      w2 = w;
      w = recycled;
      const xx = minresUpdate(w, v, w1, w2, oldeps, delta, denom, x, phi, n);
      gmax = Math.max(gmax, gamma);
      gmin = Math.min(gmin, gamma);
      const z = rhs1 / gamma;
      rhs1 = rhs2 - delta * z;
      rhs2 = -epsln * z;

      anorm = Math.sqrt(tnorm2);
      ynorm = Math.sqrt(xx);
      const epsx = anorm * ynorm * EPS;
      rnorm = phibar;
      const test1 = ynorm === 0 || anorm === 0 ? Infinity : rnorm / (anorm * ynorm);
      const test2 = anorm === 0 ? Infinity : root / anorm;
      acond = gmax / gmin;
      if (istop === 0) {
        if (1 + test2 <= 1) istop = 2;
        if (1 + test1 <= 1) istop = 1;
        if (itn >= maxIter) istop = 6;
        if (acond >= 0.1 / EPS) istop = 4;
        if (epsx >= beta1) istop = 3;
        if (test2 <= rtol) istop = 2;
        if (test1 <= rtol) istop = 1;
      }
      history.push(rnorm);
      if (onIteration && onIteration({ iteration: itn, residualNorm: rnorm, x }) === false && istop === 0) {
        istop = -2;
        break;
      }
      if (istop !== 0) break;
    }
    if (istop === 0) istop = 6;
    return done(istop, itn, rnorm, history, { anorm, acond, xnorm: ynorm });
  }
}
