/**
 * Restarted GMRES (Saad & Schultz, 1986) for general square systems, as SciPy's
 * `scipy.sparse.linalg.gmres`.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { nrm2, nrm2At } from '../../kernels/blas1.js';
import { mgsStep, rowsCombineSub, scaleCopy } from '../../kernels/krylov/fused.js';
import { krylovWorkspace, optCallback, optMaxIter, residualInto, squareSystem } from './common.js';
import { readOptions } from '../../core/options.js';
import { type OperatorSource, type PreconditionerSource, applyInto } from './linear-operator.js';
import type { KrylovResult } from './result.js';
import { withResidency } from '../../kernels/index.js';

const EPS = 2.220446049250313e-16;

/** What {@link gmres} passes to `onIteration` after each inner (Arnoldi) iteration. */
export interface GMRESIterationInfo {
  /** Inner iterations done so far, over all restart cycles. */
  iteration: number;
  /** Restart cycle of this iteration (0 for the first cycle). */
  cycle: number;
  /**
   * The Arnoldi estimate of the (left-preconditioned) residual norm ‖M·(b − A·x)‖ at this
   * iteration (‖b − A·x‖ without M); x itself is only formed at the end of a cycle.
   */
  residualNorm: number;
}

/** Options of {@link gmres} (SciPy's names; `maxiter` is `maxIter`). */
export interface GMRESOptions {
  /** Initial guess (default zeros). Not modified. */
  x0?: VectorLike;
  /** Relative tolerance: converged when ‖b − A·x‖ ≤ max(rtol·‖b‖, atol). Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Krylov vectors per cycle before a restart (default min(20, n), as SciPy). */
  restart?: number;
  /** Limit on restart cycles (SciPy's `maxiter`, default 10·n). */
  maxIter?: number;
  /** Preconditioner M ≈ A⁻¹, applied on the left (GMRES runs on M·A): operator, matrix or function r => M·r. */
  M?: PreconditionerSource;
  /** Called after every inner iteration; return `false` to stop (x is then formed from the partial cycle). */
  onIteration?: (info: GMRESIterationInfo) => boolean | void;
}

/** Result of {@link gmres}. */
export interface GMRESResult extends KrylovResult {
  /** SciPy's `info`: 0 converged, > 0 not converged (the restart limit `maxIter`, or the iterations done when stopped). */
  info: number;
  /** Inner (Arnoldi) iterations over all cycles: one product with A and one with M each. */
  iterations: number;
  /** Restart cycles started. */
  restarts: number;
  /** ‖b − A·x‖ of the returned x (a true residual, computed at the end of the last cycle). */
  residualNorm: number;
  /**
   * The Arnoldi residual estimate (‖M·r‖ with M, ‖r‖ without) before the first iteration
   * (history[0]) and after each inner iteration: length iterations + 1.
   */
  history: number[];
  /**
   * `'converged'`, `'maxIter'`, `'stopped'`, or `'breakdown'` (the Krylov space became invariant,
   * or M·r = 0, while the true residual still exceeds the tolerance: a singular A or M).
   */
  reason: KrylovResult['reason'];
}

const KEYS = ['x0', 'rtol', 'atol', 'restart', 'maxIter', 'M', 'onIteration'] as const;

/** LAPACK's dlartg: c, s, r with [c s; −s c]·[f; g] = [r; 0]. */
function lartg(f: number, g: number): [number, number, number] {
  if (g === 0) return [1, 0, f];
  if (f === 0) return [0, Math.sign(g), Math.abs(g)];
  const d = Math.hypot(f, g);
  const r = f < 0 ? -d : d;
  return [Math.abs(f) / d, g / r, r];
}

/**
 * Solve A·x = b for a general square A by restarted GMRES, as `scipy.sparse.linalg.gmres`
 * (same Arnoldi process, restart rule, inner tolerance control and `info`).
 *
 * Each cycle builds an orthonormal basis V of the Krylov space of M·A (modified Gram–Schmidt) with
 * the Hessenberg matrix H, M·A·Vₖ = Vₖ₊₁·H, reduced by Givens rotations so the residual estimate
 * ‖M·r‖ is known at every step; the cycle ends after `restart` steps or when the estimate meets an
 * inner tolerance, x ← x + Vₖ·y with H·y the least-squares fit, and the true residual is checked.
 * Per inner iteration: one product with A, one with M, and O(j·n) orthogonalization for the j-th
 * basis vector; memory (restart + 1)·n.
 *
 * @param A - n x n: sparse, dense, a LinearOperator, or a function (wrap it with {@link aslinearoperator})
 * @param b - right-hand side, length n
 * @param options - {@link GMRESOptions}
 * @returns {@link GMRESResult}; non-convergence gives `converged: false`, not an exception
 * @throws {@link ShapeError} when A is not square or b / x0 / M do not match; {@link ArgumentError}
 *   on NaN/Infinity in b or x0, a bad option value or an unknown option key.
 *
 * @example
 * ```ts
 * import { gmres, csr } from 'sparsity';
 * const A = csr([[4, 1, 0], [-1, 3, 1], [0, -2, 2]]); // not symmetric
 * const r = gmres(A, [1, 2, 3], { rtol: 1e-12 });
 * r.converged; // => true
 * r.info; // => 0
 * Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e9) / 1e9); // => [1, 2, 3]
 * ```
 */
export function gmres(A: OperatorSource, b: VectorLike, options: GMRESOptions = {}): GMRESResult {
  // One residency scope: the operator's matrix is copied into WASM memory once for all iterations.
  return withResidency(() => solveGmres(A, b, options));
}

function solveGmres(A: OperatorSource, b: VectorLike, options: GMRESOptions): GMRESResult {
  options = readOptions('gmres', options, KEYS);
  const sys = squareSystem('gmres', A, b, options);
  const { op, n, psolve, bnorm, atol } = sys;
  const restart = Math.min(optMaxIter(options.restart, 20, 'restart'), Math.max(n, 1));
  const maxIter = optMaxIter(options.maxIter, Math.max(1, 10 * n));
  const onIteration = optCallback<GMRESIterationInfo>(options.onIteration);
  if (bnorm === 0) {
    return { x: new Float64Array(n), info: 0, converged: true, iterations: 0, restarts: 0, residualNorm: 0, history: [0], stopped: false, reason: 'converged' };
  }
  // The solution, the residual and the basis live in WASM memory under the WASM kernels: A·v and
  // the Gram–Schmidt steps then run on them in place.
  const ws = krylovWorkspace(n);
  try {
    const x = ws.vec(n, false);
    x.set(sys.x);
    const res = cycles(x, ws.vec(), ws.vec((restart + 1) * n, false), ws.vec(restart + 2));
    return { ...res, x: ws.release(x) };
  } finally {
    ws.free();
  }

  function cycles(x: Float64Array, r: Float64Array, V: Float64Array, h: Float64Array): GMRESResult {
    residualInto(sys, x, r, !sys.nonzeroX0);
    let rnorm = nrm2(r);
    if (rnorm < atol) {
      return { x, info: 0, converged: true, iterations: 0, restarts: 0, residualNorm: rnorm, history: [rnorm], stopped: false, reason: 'converged' };
    }
    // Tolerance control of the inner iteration (SciPy's gh-8400): the inner loop works on the
    // preconditioned residual, so its target is rescaled after each cycle from the true residual.
    const mbNorm = psolve ? nrm2(psolve(sys.b)) : bnorm;
    let ptolMax = 1;
    let ptol = mbNorm * Math.min(ptolMax, atol / bnorm);
    let presid = 0;

    const ld = restart + 1;
    const H = new Float64Array(restart * ld); // H[col·ld + k] = h(k, col)
    const G = new Float64Array(2 * restart); // Givens (c, s) per column
    const S = new Float64Array(ld);
    const y = h; // after a cycle, h holds the coefficients of x's update
    const av = psolve ? new Float64Array(n) : null;
    const history: number[] = [];
    let inner = 0;
    let restarts = 0;
    let reason: GMRESResult['reason'] = 'maxIter';
    for (let cycle = 0; cycle < maxIter; cycle++) {
      restarts++;
      const z = psolve ? psolve(r) : r;
      const znorm = nrm2(z);
      if (cycle === 0) history.push(znorm);
      if (!(znorm > 0) || !Number.isFinite(znorm)) {
        reason = 'breakdown';
        break;
      }
      if (psolve) V.set(z);
      scaleCopy(1 / znorm, psolve ? V : r, V, n);
      S.fill(0);
      S[0] = znorm;
      let breakdown = false;
      let stop = false;
      let col = 0;
      for (; col < restart; col++) {
        const wo = (col + 1) * n;
        const w = V.subarray(wo, wo + n);
        const vcol = V.subarray(col * n, wo);
        if (av) {
          applyInto(op, vcol, av);
          w.set(psolve!(av));
        } else {
          applyInto(op, vcol, w);
        }
        // Modified Gram–Schmidt against v₀..v_col (one fused pass per basis vector).
        const ss = mgsStep(V, col, n, h);
        const hc = col * ld;
        for (let k = 0; k <= col; k++) H[hc + k] = h[k]!;
        const h0 = Math.sqrt(h[col + 1]!);
        const h1 = ss > 1e-280 && ss < 1e300 ? Math.sqrt(ss) : nrm2At(n, V, wo);
        H[hc + col + 1] = h1;
        if (h1 <= EPS * h0) {
          // Exact solution within this Krylov space.
          H[hc + col + 1] = 0;
          breakdown = true;
        } else {
          scaleCopy(1 / h1, w, w, n);
        }
        // Previous rotations on the new column, then the new rotation on it and on S.
        for (let k = 0; k < col; k++) {
          const c = G[2 * k]!;
          const s = G[2 * k + 1]!;
          const n0 = H[hc + k]!;
          const n1 = H[hc + k + 1]!;
          H[hc + k] = c * n0 + s * n1;
          H[hc + k + 1] = -s * n0 + c * n1;
        }
        const [c, s, mag] = lartg(H[hc + col]!, H[hc + col + 1]!);
        G[2 * col] = c;
        G[2 * col + 1] = s;
        H[hc + col] = mag;
        H[hc + col + 1] = 0;
        const t = -s * S[col]!;
        S[col] = c * S[col]!;
        S[col + 1] = t;
        presid = Math.abs(t);
        inner++;
        history.push(presid);
        if (onIteration && onIteration({ iteration: inner, cycle, residualNorm: presid }) === false) stop = true;
        if (presid <= ptol || breakdown || stop) break;
      }
      if (col === restart) col = restart - 1;
      // Back substitution on the triangular H (a zero last pivot is skipped, as SciPy).
      if (H[col * ld + col] === 0) S[col] = 0;
      for (let k = 0; k <= col; k++) y[k] = S[k]!;
      for (let k = col; k > 0; k--) {
        if (y[k] !== 0) {
          y[k] = y[k]! / H[k * ld + k]!;
          const yk = y[k]!;
          for (let i = 0; i < k; i++) y[i] = y[i]! - yk * H[k * ld + i]!;
        }
      }
      if (y[0] !== 0) y[0] = y[0]! / H[0]!;
      // x += Σ y_k v_k (as x −= Σ (−y_k) v_k through the row-block kernel).
      for (let k = 0; k <= col; k++) y[k] = -y[k]!;
      rowsCombineSub(col + 1, n, V, y, x);
      residualInto(sys, x, r, false);
      rnorm = nrm2(r);
      if (rnorm <= atol) {
        reason = 'converged';
        break;
      }
      if (stop) {
        reason = 'stopped';
        break;
      }
      if (breakdown) {
        reason = 'breakdown';
        break;
      }
      if (presid <= ptol) ptolMax = Math.max(EPS, 0.25 * ptolMax);
      else ptolMax = Math.min(1, 1.5 * ptolMax);
      ptol = presid * Math.min(ptolMax, atol / rnorm);
    }
    if (reason !== 'converged' && rnorm <= atol) reason = 'converged';
    const converged = reason === 'converged';
    return {
      x, info: converged ? 0 : reason === 'stopped' ? Math.max(1, inner) : maxIter, converged,
      iterations: inner, restarts, residualNorm: rnorm, history, stopped: reason === 'stopped', reason,
    };
  }
}
