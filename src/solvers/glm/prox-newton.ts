/**
 * The proximal Newton step of glmnet / newGLMNET for a loss Σᵢ ℓᵢ(zᵢ) of the linear predictor
 * z = Xw + b plus an elastic-net penalty: the loss is replaced by its second-order model
 * Σ gᵢuᵢ + ½Σ hᵢuᵢ² (u = XΔw + Δb), the model plus the penalty is minimized by coordinate descent
 * (sweeps over the active coordinates, then a full sweep to check), and the step is accepted by
 * an Armijo backtracking line search on the true objective.
 *
 * @module
 * @internal
 */
import { columnAxpy, columnDotWeighted, columnSqWeighted, type Design, fullGradient } from './design.js';

/** Elastic-net penalty Σⱼ fⱼ(λ₁|wⱼ| + ½λ₂wⱼ²), optionally with w ≥ 0. @internal */
export interface Penalty {
  l1: number;
  l2: number;
  pf: Float64Array;
  positive: boolean;
}

/** The penalty's value. @internal */
export function penaltyValue(pen: Penalty, w: Float64Array): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) {
    const v = w[j]!;
    if (v !== 0) s += pen.pf[j]! * (pen.l1 * Math.abs(v) + 0.5 * pen.l2 * v * v);
  }
  return s;
}

/**
 * Largest distance of −∇ⱼ (∇ = Xᵀg, the loss gradient) to the penalty's subdifferential at w, and
 * |Σgᵢ| for the intercept. O(nnz(X)). @internal
 */
export function optimalityViolation(d: Design, pen: Penalty, w: Float64Array, g: Float64Array, intercept: boolean, grad: Float64Array): number {
  fullGradient(d, g, 0, grad);
  let worst = 0;
  if (intercept) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i]!;
    worst = Math.abs(s);
  }
  for (let j = 0; j < w.length; j++) {
    const v = coordinateViolation(pen, pen.pf[j]!, w[j]!, grad[j]!);
    if (v > worst) worst = v;
  }
  return worst;
}

/**
 * Distance of −(∇ⱼ + f·l2·wⱼ) to f·l1 times the subdifferential of |·| at wⱼ (one-sided when
 * `positive`): coordinate j's optimality violation, with ∇ⱼ the loss gradient and f its penalty factor. @internal
 */
export function coordinateViolation(pen: Penalty, f: number, wj: number, gradj: number): number {
  const a = gradj + f * pen.l2 * wj;
  const thr = f * pen.l1;
  if (wj !== 0) return Math.abs(a + (wj > 0 ? thr : -thr));
  if (pen.positive) return Math.max(-a - thr, 0);
  return Math.max(Math.abs(a) - thr, 0);
}

/** A Newton direction and its model decrease. @internal */
export interface NewtonStep {
  dw: Float64Array;
  db: number;
  /** u = X·dw + db. */
  u: Float64Array;
  /** D = gᵀu + pen(w + dw) − pen(w) (negative for a descent direction). */
  decrease: number;
}

/**
 * Minimize the penalized second-order model around (w, b) by coordinate descent, until the largest
 * scaled coordinate move hⱼ|δⱼ| ≤ tol (or maxSweeps). O(nnz of the swept columns) per sweep. @internal
 */
export function newtonDirection(
  d: Design, pen: Penalty, w: Float64Array, intercept: boolean, g: Float64Array, h: Float64Array, tol: number, maxSweeps: number,
): NewtonStep {
  const n = d.n;
  const p = d.p;
  const G = fullGradient(d, g, 0, new Float64Array(p));
  const H = columnSqWeighted(d, h, new Float64Array(p));
  let gb = 0;
  let hb = 0;
  for (let i = 0; i < n; i++) {
    gb += g[i]!;
    hb += h[i]!;
  }
  const dw = new Float64Array(p);
  const u = new Float64Array(n);
  let db = 0;
  const active = new Uint8Array(p);
  const sweep = (all: boolean): number => {
    let worst = 0;
    if (intercept && hb > 0) {
      let s = 0;
      for (let i = 0; i < n; i++) s += h[i]! * u[i]!;
      const delta = -(gb + s) / hb;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) u[i] = u[i]! + delta;
        db += delta;
        worst = Math.max(worst, hb * Math.abs(delta));
      }
    }
    for (let j = 0; j < p; j++) {
      if (!all && !active[j]) continue;
      const a = H[j]!;
      const f = pen.pf[j]!;
      const den = a + f * pen.l2;
      if (den <= 0) continue;
      const c = w[j]! + dw[j]!;
      const grad = G[j]! + columnDotWeighted(d, j, h, u);
      const z = a * c - grad;
      const thr = f * pen.l1;
      let nc = 0;
      if (z > thr) nc = (z - thr) / den;
      else if (z < -thr && !pen.positive) nc = (z + thr) / den;
      const delta = nc - c;
      active[j] = nc !== 0 ? 1 : 0;
      if (delta !== 0) {
        columnAxpy(d, j, delta, u);
        dw[j] = dw[j]! + delta;
        worst = Math.max(worst, den * Math.abs(delta));
      }
    }
    return worst;
  };
  for (let s = 0; s < maxSweeps; s++) {
    if (sweep(true) <= tol) break;
    // Converge on the active coordinates before the next full sweep (glmnet's active-set cycling).
    for (let t = 0; t < maxSweeps; t++) if (sweep(false) <= tol) break;
  }
  let decrease = 0;
  for (let i = 0; i < n; i++) decrease += g[i]! * u[i]!;
  const wNew = new Float64Array(p);
  for (let j = 0; j < p; j++) wNew[j] = w[j]! + dw[j]!;
  decrease += penaltyValue(pen, wNew) - penaltyValue(pen, w);
  return { dw, db, u, decrease };
}

/**
 * Armijo backtracking: the largest t in {1, ½, ¼, ...} with F(t) ≤ F(0) + σ·t·D (σ = 0.01);
 * returns t and F(t), or t = 0 when 30 halvings fail. Near the optimum, where D is at the rounding
 * level of F, the full step is taken as long as F does not grow beyond rounding (the quadratic
 * model is then exact and the step is what reduces the gradient further). @internal
 */
export function lineSearch(F: (t: number) => number, F0: number, D: number): { t: number; value: number } {
  let t = 1;
  const noise = 1e-13 * Math.abs(F0);
  for (let k = 0; k < 30; k++) {
    const v = F(t);
    if (v <= F0 + 0.01 * t * D || (t === 1 && Math.abs(D) <= noise && v <= F0 + noise)) return { t, value: v };
    t *= 0.5;
  }
  return { t: 0, value: F0 };
}
