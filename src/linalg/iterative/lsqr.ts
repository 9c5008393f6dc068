/**
 * LSQR (Paige & Saunders, 1982): sparse least squares by Golub–Kahan bidiagonalization.
 *
 * @module
 */
import { checkNumber, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { AUTO_RESIDENT_LENGTH, allocF64, discardF64 } from '../../kernels/runtime/memory.js';
import { nrm2 } from '../../kernels/blas1.js';
import { optCallback, optMaxIter, optTol } from './common.js';
import { type BufferedOperator, type OperatorSource, applyInto, applyTransposeInto, toOperator } from './linear-operator.js';
import { withResidency } from '../../kernels/index.js';

const EPS = 2.220446049250313e-16;

/** SciPy's messages for istop = 0..7, in order. */
const REASONS = [
  'The exact solution is x = 0',
  'Ax - b is small enough, given atol, btol',
  'The least-squares solution is good enough, given atol',
  'The estimate of cond(Abar) has exceeded conlim',
  'Ax - b is small enough for this machine',
  'The least-squares solution is good enough for this machine',
  'Cond(Abar) seems to be too large for this machine',
  'The iteration limit has been reached',
] as const;

/** What {@link lsqr} passes to `onIteration` after each iteration. */
export interface LSQRIterationInfo {
  /** Iterations done so far. */
  iteration: number;
  /** Estimate of ‖b − A·x‖. */
  r1norm: number;
  /** Estimate of sqrt(‖b − A·x‖² + damp²‖x − x0‖²). */
  r2norm: number;
  /** Estimate of ‖Aᵀ(b − A·x) − damp²(x − x0)‖ (the normal-equations residual). */
  arnorm: number;
  /** Estimate of the Frobenius norm of [A; damp·I]. */
  anorm: number;
  /** Estimate of cond([A; damp·I]). */
  acond: number;
  /** Estimate of ‖x‖ (of x − x0 when x0 is given). */
  xnorm: number;
  /** The current iterate (live: copy it to keep it). */
  x: Float64Array;
}

/** Options of {@link lsqr} (SciPy's names and defaults). */
export interface LSQROptions {
  /** Damping: minimize ‖A·x − b‖² + damp²‖x − x0‖². Default 0. */
  damp?: number;
  /** Stopping tolerance on the relative normal-equations residual (default 1e-6). */
  atol?: number;
  /** Stopping tolerance on the relative residual (default 1e-6). */
  btol?: number;
  /** Shorthand for `atol` and `btol` together (each explicit one wins). */
  tol?: number;
  /** Stop when the estimate of cond(A) exceeds this (default 1e8; 0 disables). */
  conlim?: number;
  /** Iteration limit (default 2·n, SciPy's `iter_lim`). */
  maxIter?: number;
  /** Initial guess (default zeros). Not modified. */
  x0?: VectorLike;
  /** Called after every iteration; return `false` to stop. */
  onIteration?: (info: LSQRIterationInfo) => boolean | void;
}

/** Result of {@link lsqr}: SciPy's return values plus the library's convergence fields. */
export interface LSQRResult {
  /** The solution estimate. */
  x: Float64Array;
  /**
   * SciPy's stop code: 0 x = 0 is exact; 1 A·x − b small (atol, btol); 2 least-squares solution
   * good enough (atol); 3 cond estimate exceeded conlim; 4 A·x − b small for this machine; 5
   * least-squares solution good for this machine; 6 cond too large for this machine; 7 iteration
   * limit; −1 stopped by `onIteration`.
   */
  istop: number;
  /** SciPy's message for `istop` (or "Stopped by onIteration"). */
  reason: string;
  /** istop is 0, 1, 2, 4 or 5: a solution within the tolerances was found. */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Iterations done (SciPy's `itn`). */
  iterations: number;
  /** Estimate of ‖b − A·x‖. */
  r1norm: number;
  /** Estimate of sqrt(‖b − A·x‖² + damp²‖x − x0‖²). */
  r2norm: number;
  /** Estimate of the Frobenius norm of [A; damp·I]. */
  anorm: number;
  /** Estimate of cond([A; damp·I]). */
  acond: number;
  /** Estimate of ‖Aᵀr − damp²x‖. */
  arnorm: number;
  /** Estimate of ‖x‖. */
  xnorm: number;
  /** r1norm before the first iteration (history[0]) and after each: length iterations + 1. */
  history: number[];
}

/** y ← a − c·y in one pass, returning ‖y‖² (two partial sums). */
function combine(a: Float64Array, c: number, y: Float64Array, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < len; i += 2) {
    const t0 = a[i]! - c * y[i]!;
    const t1 = a[i + 1]! - c * y[i + 1]!;
    y[i] = t0;
    y[i + 1] = t1;
    s0 += t0 * t0;
    s1 += t1 * t1;
  }
  if (i < len) {
    const t0 = a[i]! - c * y[i]!;
    y[i] = t0;
    s0 += t0 * t0;
  }
  return s0 + s1;
}

/** Stable Givens rotation (c, s, r) with c·a + s·b = r, as SciPy's `_sym_ortho`. */
function symOrtho(a: number, b: number): [number, number, number] {
  if (b === 0) return [Math.sign(a), 0, Math.abs(a)];
  if (a === 0) return [0, Math.sign(b), Math.abs(b)];
  if (Math.abs(b) > Math.abs(a)) {
    const tau = a / b;
    const s = Math.sign(b) / Math.sqrt(1 + tau * tau);
    return [s * tau, s, b / s];
  }
  const tau = b / a;
  const c = Math.sign(a) / Math.sqrt(1 + tau * tau);
  return [c, c * tau, a / c];
}

const LSQR_KEYS = optionKeys<LSQROptions>({ damp: true, atol: true, btol: true, tol: true, conlim: true, maxIter: true, x0: true, onIteration: true });

/**
 * Solve min ‖A·x − b‖₂ (or the damped problem min ‖A·x − b‖² + damp²‖x − x0‖²) by LSQR, as
 * `scipy.sparse.linalg.lsqr`: same iteration, same stopping tests and `istop` codes, plus
 * estimates of ‖A‖, cond(A), ‖r‖ and ‖Aᵀr‖.
 *
 * Golub–Kahan bidiagonalization βu = A·v − αu, αv = Aᵀu − βv with the QR of the bidiagonal
 * updated by Givens rotations. Stops when ‖r‖ ≤ btol·‖b‖ + atol·‖A‖·‖x‖ (istop 1),
 * ‖Aᵀr‖ ≤ atol·‖A‖·‖r‖ (2), or cond(A) ≥ conlim (3). One product with A and one with Aᵀ per
 * iteration plus O(m + n) work; only A's action is needed, so any LinearOperator works (e.g. a
 * preconditioned A·R⁻¹).
 *
 * @param A - m x n matrix: sparse, dense, or a LinearOperator with `rmatvec`
 * @param b - right-hand side, length m
 * @param options - {@link LSQROptions}
 * @returns {@link LSQRResult}; non-convergence is `converged: false` (istop 3, 6 or 7)
 * @throws {@link ShapeError} when b or x0 do not match A; {@link ArgumentError} on NaN/Infinity
 *   or a bad option.
 *
 * @example
 * ```ts
 * import { lsqr } from 'sparsity';
 * // Least-squares line through (0, 1), (1, 3), (2, 5): intercept 1, slope 2.
 * const r = lsqr([[1, 0], [1, 1], [1, 2]], [1, 3, 5], { atol: 1e-12, btol: 1e-12 });
 * r.istop; // => 1
 * Array.from(r.x).map((v) => Math.round(v * 1e9) / 1e9); // => [1, 2]
 * ```
 */
export function lsqr(A: OperatorSource, b: VectorLike, options?: LSQROptions): LSQRResult {
  const checked = readOptions('lsqr', options, LSQR_KEYS);
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveLsqr(A, b, checked));
}

function solveLsqr(A: OperatorSource, b: VectorLike, options: LSQROptions): LSQRResult {
  const op = toOperator(A);
  const [m, n] = op.shape;
  const bv = toFloat64(b, 'b');
  if (bv.length !== m) throw new ShapeError('lsqr', op.shape, bv.length);
  const damp = options.damp === undefined ? 0 : checkNumber('damp', options.damp, 0);
  const tol = optTol('tol', options.tol, 1e-6);
  const atol = optTol('atol', options.atol, tol);
  const btol = optTol('btol', options.btol, tol);
  const conlim = optTol('conlim', options.conlim, 1e8);
  const iterLim = optMaxIter(options.maxIter, Math.max(1, 2 * n));
  const onIteration = optCallback<LSQRIterationInfo>(options.onIteration);

  const ctol = conlim > 0 ? 1 / conlim : 0;
  let anorm = 0;
  let acond = 0;
  const dampsq = damp * damp;
  let ddnorm = 0;
  let res2 = 0;
  let xnorm = 0;
  let xxnorm = 0;
  let z = 0;
  let cs2 = -1;
  let sn2 = 0;

  const x = new Float64Array(n);
  const fused = (op as BufferedOperator).bidiagStepInto?.bind(op);
  // Work vectors in WASM memory for large problems (sparse products then need no copies).
  const big = m >= AUTO_RESIDENT_LENGTH;
  const u = allocF64(m, false);
  const v = allocF64(n, true, big ? 0 : Infinity);
  const av = allocF64(m, false);
  const atu = allocF64(n, false, big ? 0 : Infinity);
  try {
    return run();
  } finally {
    discardF64(u);
    discardF64(v);
    discardF64(av);
    discardF64(atu);
  }

  function run(): LSQRResult {
    u.set(bv);
    const bnorm = nrm2(bv);
    let beta: number;
    if (options.x0 !== undefined) {
      const x0 = toFloat64(options.x0, 'x0');
      if (x0.length !== n) throw new ShapeError('lsqr x0', n, x0.length);
      x.set(x0);
      const ax = op.matvec(x);
      for (let i = 0; i < m; i++) u[i] = u[i]! - ax[i]!;
      beta = nrm2(u);
    } else {
      beta = bnorm;
    }
    // Scale for the relative tests (b = 0 with x0 given: use the initial residual).
    const bscale = bnorm > 0 ? bnorm : beta > 0 ? beta : 1;
    let alfa = 0;
    if (beta > 0) {
      const inv = 1 / beta;
      for (let i = 0; i < m; i++) u[i] = u[i]! * inv;
      applyTransposeInto(op, u, v);
      alfa = nrm2(v);
    }
    if (alfa > 0) {
      const inv = 1 / alfa;
      for (let j = 0; j < n; j++) v[j] = v[j]! * inv;
    }
    const w = Float64Array.from(v);
    let rhobar = alfa;
    let phibar = beta;
    let rnorm = beta;
    let r1norm = rnorm;
    let r2norm = rnorm;
    let arnorm = alfa * beta;
    const history = [r1norm];
    const result = (istop: number, itn: number, stopped = false): LSQRResult => ({
      x, istop, reason: stopped ? 'Stopped by onIteration' : REASONS[istop]!,
      converged: istop === 0 || istop === 1 || istop === 2 || istop === 4 || istop === 5,
      stopped, iterations: itn, r1norm, r2norm, anorm, acond, arnorm, xnorm, history,
    });
    if (arnorm === 0) return result(0, 0);

    let itn = 0;
    let istop = 0;
    while (itn < iterLim) {
      itn++;
      // beta·u = A·v − alfa·u, written into our own u (operators may reuse their output buffers).
      // Operators over a large stored matrix fuse this with Aᵀ·u into one pass over A.
      let ss: number;
      if (fused) {
        ss = fused(v, alfa, u, atu);
      } else {
        applyInto(op, v, av);
        ss = combine(av, alfa, u, m);
      }
      beta = ss > 1e-290 && ss < 1e290 ? Math.sqrt(ss) : nrm2(u);
      if (beta > 0) {
        const inv = 1 / beta;
        for (let i = 0; i < m; i++) u[i] = u[i]! * inv;
        anorm = Math.sqrt(anorm * anorm + alfa * alfa + beta * beta + dampsq);
        // alfa·v = Aᵀ·u − beta·v (the fused step already gave Aᵀ·(beta·u)).
        if (fused) for (let j = 0; j < n; j++) atu[j] = atu[j]! * inv;
        else applyTransposeInto(op, u, atu);
        const sv = combine(atu, beta, v, n);
        alfa = sv > 1e-290 && sv < 1e290 ? Math.sqrt(sv) : nrm2(v);
        if (alfa > 0) {
          const inv2 = 1 / alfa;
          for (let j = 0; j < n; j++) v[j] = v[j]! * inv2;
        }
      }
      // Eliminate the damping parameter.
      let rhobar1: number;
      let psi: number;
      if (damp > 0) {
        rhobar1 = Math.sqrt(rhobar * rhobar + dampsq);
        const cs1 = rhobar / rhobar1;
        const sn1 = damp / rhobar1;
        psi = sn1 * phibar;
        phibar = cs1 * phibar;
      } else {
        rhobar1 = rhobar;
        psi = 0;
      }
      // Eliminate the subdiagonal beta.
      const [cs, sn, rho] = symOrtho(rhobar1, beta);
      const theta = sn * alfa;
      rhobar = -cs * alfa;
      const phi = cs * phibar;
      phibar = sn * phibar;
      const tau = sn * phi;
      // Update x and w; ‖dk‖² with dk = w / rho.
      const t1 = phi / rho;
      const t2 = -theta / rho;
      let dk = 0;
      for (let j = 0; j < n; j++) {
        const wj = w[j]!;
        dk += wj * wj;
        x[j] = x[j]! + t1 * wj;
        w[j] = v[j]! + t2 * wj;
      }
      ddnorm += dk / (rho * rho);
      // Estimate ‖x‖ by a rotation on the right.
      const delta = sn2 * rho;
      const gambar = -cs2 * rho;
      const rhs = phi - delta * z;
      const zbar = rhs / gambar;
      xnorm = Math.sqrt(xxnorm + zbar * zbar);
      const gamma = Math.sqrt(gambar * gambar + theta * theta);
      cs2 = gambar / gamma;
      sn2 = theta / gamma;
      z = rhs / gamma;
      xxnorm += z * z;
      // Convergence tests.
      acond = anorm * Math.sqrt(ddnorm);
      const res1 = phibar * phibar;
      res2 += psi * psi;
      rnorm = Math.sqrt(res1 + res2);
      arnorm = alfa * Math.abs(tau);
      if (damp > 0) {
        const r1sq = rnorm * rnorm - dampsq * xxnorm;
        r1norm = Math.sqrt(Math.abs(r1sq));
        if (r1sq < 0) r1norm = -r1norm;
      } else {
        r1norm = rnorm;
      }
      r2norm = rnorm;
      const test1 = rnorm / bscale;
      const test2 = arnorm / (anorm * rnorm + EPS);
      const test3 = 1 / (acond + EPS);
      const tt1 = test1 / (1 + (anorm * xnorm) / bscale);
      const rtol = btol + (atol * anorm * xnorm) / bscale;
      istop = 0;
      if (itn >= iterLim) istop = 7;
      if (1 + test3 <= 1) istop = 6;
      if (1 + test2 <= 1) istop = 5;
      if (1 + tt1 <= 1) istop = 4;
      if (test3 <= ctol) istop = 3;
      if (test2 <= atol) istop = 2;
      if (test1 <= rtol) istop = 1;
      history.push(r1norm);
      if (onIteration && onIteration({ iteration: itn, r1norm, r2norm, arnorm, anorm, acond, xnorm, x }) === false && istop === 0) {
        return result(-1, itn, true);
      }
      if (istop !== 0) break;
    }
    return result(istop, itn);
  }
}
