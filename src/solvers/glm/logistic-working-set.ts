/**
 * Binary logistic regression with an L1 term (L1 or elastic net) by proximal Newton on working sets
 * (the scheme of celer / skglm, Massias et al. 2018, Bertrand et al. 2022): a full check computes
 * the loss gradient Xᵀg once (O(nnz(X))), the working set is the support plus the features that
 * violate optimality most, and Newton steps are taken on the working set only (coordinate descent
 * on the penalized quadratic model, Armijo line search on the true objective) until its violation
 * is a fraction of the full one. The margins z = Xw + b are kept up to date, so a Newton step costs
 * O(nnz of the working set's columns) per epoch plus O(n). Over a sparse design the column loops
 * run in WASM (assembly/logistic.ts) on the design's kernel copy.
 *
 * @module
 * @internal
 */
import { getWasm, type WasmFn } from '../../kernels/runtime/wasm/loader.js';
import { allocF64, discardF64, isResidentF64 } from '../../kernels/runtime/memory.js';
import { columnAxpy, columnDotWeighted, cscKernel, type Design, fullGradient } from './design.js';
import { log1pExp, sigmoid } from './logistic-loss.js';
import { coordinateViolation, lineSearch, type Penalty, penaltyValue } from './prox-newton.js';
import { kthSmallest } from './screening.js';
import { Anderson } from './anderson.js';
import type { LogisticRegressionOptions, LogisticRegressionResult } from './logistic-regression.js';

/** What the binary working-set solver returns: the model's fields, one coefficient vector. @internal */
export type BinaryFit = Pick<LogisticRegressionResult, 'objective' | 'optimality' | 'converged' | 'iterations' | 'history' | 'stopped'> & {
  w: Float64Array;
  b: number;
};

/** Smallest working set (features), and how much larger than the support it is kept. */
const WS_MIN = 1000;
const WS_GROWTH = 2;
/** The working set is solved until its violation ≤ this fraction of the full problem's. */
const INNER_RATIO = 0.3;
/** Model epochs per Newton step stop when every scaled move (Hⱼ + fⱼλ₂)|Δⱼ| ≤ this × the working set's violation. */
const EPOCH_RATIO = 0.1;
const MAX_EPOCHS = 100;
/** Model epochs between Anderson extrapolations of the Newton direction (iterates kept: K + 1). */
const ANDERSON_K = 5;

/** The arrays of one working set: compact over its m features, plus g, h and u over the n samples. @internal */
export interface Buffers {
  block: Float64Array;
  ws: Int32Array;
  G: Float64Array;
  H: Float64Array;
  wl: Float64Array;
  dw: Float64Array;
  pfl: Float64Array;
  /** 0, 1, ..., p − 1 (a whole-working-set epoch), and the positions of the nonzero coordinates. */
  all: Int32Array;
  act: Int32Array;
  /** An extrapolated direction's change per coordinate, and its u = X·δ (Anderson trials). */
  ext: Float64Array;
  ut: Float64Array;
  g: Float64Array;
  grad: Float64Array;
  h: Float64Array;
  u: Float64Array;
}

/** The buffers of a working set of up to p features over n samples (in WASM memory when `resident`). @internal */
export function buffers(n: number, p: number, resident: boolean): Buffers {
  const q = (p + 1) & ~1;
  const nq = (n + 1) & ~1;
  const size = 4 * nq + 7 * q + 3 * (q / 2);
  const block = resident ? allocF64(size, false, 0) : new Float64Array(size);
  const at = (o: number, len: number): Float64Array => block.subarray(o, o + len);
  const int32 = (o: number): Int32Array => new Int32Array(block.buffer, block.byteOffset + 8 * o, p);
  const B = {
    block, g: at(0, n), h: at(nq, n), u: at(2 * nq, n), ut: at(3 * nq, n), G: at(4 * nq, p), H: at(4 * nq + q, p), wl: at(4 * nq + 2 * q, p),
    dw: at(4 * nq + 3 * q, p), pfl: at(4 * nq + 4 * q, p), grad: at(4 * nq + 5 * q, p), ext: at(4 * nq + 6 * q, p),
    ws: int32(4 * nq + 7 * q), all: int32(4 * nq + 7 * q + q / 2), act: int32(4 * nq + 8 * q),
  };
  for (let k = 0; k < p; k++) B.all[k] = k;
  return B;
}

/**
 * Minimize Σᵢ sᵢ·(log(1 + e^{zᵢ}) − tᵢzᵢ) + pen(w), z = Xw + b, t ∈ {0, 1} (`cls`), until the
 * optimality violation (intercept included) is ≤ tol × its value at w = 0; `maxIter` bounds the
 * Newton steps. `pen.l1` must be > 0 for the working sets to be small (it is correct either way).
 * @internal
 */
export function solveBinaryWorkingSet(
  d: Design, cls: Int32Array, sw: Float64Array, pen: Penalty, intercept: boolean, tol: number, maxIter: number, cb?: LogisticRegressionOptions['onIteration'],
): BinaryFit {
  const n = d.n;
  const p = d.p;
  const kern = cscKernel(d);
  const wasm = kern ? getWasm() : null;
  let B = buffers(n, p, wasm !== null);
  let fns: { gradHess: WasmFn; epoch: WasmFn; xtv: WasmFn; scatter: WasmFn } | null = null;
  if (wasm && isResidentF64(B.block)) fns = { gradHess: wasm.fn('logistic_ws_grad_hess'), epoch: wasm.fn('logistic_cd_epoch'), xtv: wasm.fn('spmv_csr'), scatter: kern!.scatter };
  else if (wasm) B = buffers(n, p, false);
  const { g, grad, h, u, G, H, wl, dw, pfl, ws } = B;
  const w = new Float64Array(p);
  let b = 0;
  const z = new Float64Array(n);
  const zt = new Float64Array(n);
  const score = new Float64Array(p);
  const scratch = new Float64Array(p);
  const acc = new Anderson(ANDERSON_K, Math.min(p, WS_MIN));

  const loss = (zz: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += sw[i]! * (log1pExp(zz[i]!) - (cls[i] === 1 ? zz[i]! : 0));
    return s;
  };
  /** g and h (the loss's first and second derivatives in z) at the current margins; returns Σg. */
  const derivatives = (): number => {
    let sg = 0;
    for (let i = 0; i < n; i++) {
      const q = sigmoid(z[i]!);
      const s = sw[i]!;
      g[i] = s * (q - (cls[i] === 1 ? 1 : 0));
      h[i] = Math.max(s * q * (1 - q), 1e-12 * s);
      sg += g[i]!;
    }
    return sg;
  };
  /** Full check: ∇ = Xᵀg for every feature; returns the largest violation (intercept included). */
  const fullCheck = (sg: number): number => {
    // Xᵀg: CSC columns are the rows of Xᵀ, so the CSR product kernel applies to the kernel copy.
    if (fns) fns.xtv(d.kernel!.indptr, d.kernel!.indices, d.kernel!.data, g.byteOffset, grad.byteOffset, 0, p, 1, 0);
    else fullGradient(d, g, 0, grad);
    let worst = intercept ? Math.abs(sg) : 0;
    for (let j = 0; j < p; j++) {
      const v = coordinateViolation(pen, pen.pf[j]!, w[j]!, grad[j]!);
      if (v > worst) worst = v;
      score[j] = v;
    }
    return worst;
  };

  // The WASM buffers are freed however the solve ends (onIteration may throw).
  try {
    let sg = derivatives();
    let objective = loss(z) + penaltyValue(pen, w);
    const history = [objective];
    let viol = fullCheck(sg);
    const target = tol * Math.max(viol, Number.MIN_VALUE);
    let iterations = 0;
    let stopped = false;
    let support = 0;
    while (viol > target && iterations < maxIter) {
      const wsIdx = workingSet(w, score, Math.min(p, Math.max(WS_MIN, WS_GROWTH * support)), scratch);
      const m = wsIdx.length;
      ws.set(wsIdx);
      for (let k = 0; k < m; k++) {
        wl[k] = w[wsIdx[k]!]!;
        pfl[k] = pen.pf[wsIdx[k]!]!;
      }
      const penWs: Penalty = { l1: pen.l1, l2: pen.l2, pf: pfl.subarray(0, m), positive: pen.positive };
      const trial = new Float64Array(m);
      const innerTol = Math.max(INNER_RATIO * viol, target);
      let progress = false;
      while (iterations < maxIter) {
        gradHess(d, fns, ws, m, g, h, G, H);
        let vws = intercept ? Math.abs(sg) : 0;
        for (let k = 0; k < m; k++) vws = Math.max(vws, coordinateViolation(pen, pfl[k]!, wl[k]!, G[k]!));
        if (vws <= innerTol) break;
        // Newton direction: coordinate descent on the penalized second-order model.
        let hb = 0;
        for (let i = 0; i < n; i++) hb += h[i]!;
        u.fill(0);
        dw.fill(0, 0, m);
        let db = 0;
        /** The intercept's exact step on the model; returns its scaled move. */
        const interceptStep = (): number => {
          if (!intercept || !(hb > 0)) return 0;
          let s = 0;
          for (let i = 0; i < n; i++) s += h[i]! * u[i]!;
          const delta = -(sg + s) / hb;
          if (delta === 0) return 0;
          for (let i = 0; i < n; i++) u[i] = u[i]! + delta;
          db += delta;
          return hb * Math.abs(delta);
        };
        // glmnet's cycling: an epoch over the whole working set, then epochs over its nonzero
        // coordinates until they settle, until a whole epoch moves nothing beyond the tolerance.
        // Every ANDERSON_K epochs, the extrapolation of the last directions replaces the direction
        // when it lowers the model (CD on the quadratic model is a linear iteration on fixed signs).
        acc.resize(m);
        acc.push(dw);
        const epoch = (sel: Int32Array, ms: number): number => {
          const worst = Math.max(interceptStep(), modelEpoch(d, fns, B, sel, ms, pen));
          if (acc.push(dw)) {
            const ext = acc.extrapolate();
            if (ext) tryDirection(d, fns, B, m, ext, penWs, trial);
            acc.push(dw);
          }
          return worst;
        };
        const epochTol = EPOCH_RATIO * vws;
        for (let e = 0; e < MAX_EPOCHS;) {
          const worst = epoch(B.all, m);
          e++;
          if (worst <= epochTol) break;
          let na = 0;
          for (let k = 0; k < m; k++) if (wl[k]! + dw[k]! !== 0) B.act[na++] = k;
          while (e < MAX_EPOCHS) {
            const wa = epoch(B.act, na);
            e++;
            if (wa <= epochTol) break;
          }
        }
        const penNow = penaltyValue(penWs, wl.subarray(0, m));
        for (let k = 0; k < m; k++) trial[k] = wl[k]! + dw[k]!;
        let decrease = -penNow + penaltyValue(penWs, trial);
        for (let i = 0; i < n; i++) decrease += g[i]! * u[i]!;
        // A model decrease at the rounding level of the objective still carries a useful step.
        if (!(decrease < 1e-13 * Math.abs(objective))) break;
        const ls = lineSearch((t) => {
          for (let i = 0; i < n; i++) zt[i] = z[i]! + t * u[i]!;
          for (let k = 0; k < m; k++) trial[k] = wl[k]! + t * dw[k]!;
          return loss(zt) + penaltyValue(penWs, trial);
        }, objective, decrease);
        if (ls.t === 0) break;
        for (let i = 0; i < n; i++) z[i] = z[i]! + ls.t * u[i]!;
        for (let k = 0; k < m; k++) wl[k] = wl[k]! + ls.t * dw[k]!;
        b += ls.t * db;
        objective = ls.value;
        sg = derivatives();
        iterations++;
        history.push(objective);
        progress = true;
      }
      support = 0;
      for (let k = 0; k < m; k++) {
        w[wsIdx[k]!] = wl[k]!;
        if (wl[k] !== 0) support++;
      }
      viol = fullCheck(sg);
      if (cb && cb({ iteration: iterations, objective, optimality: viol }) === false) {
        stopped = true;
        break;
      }
      if (!progress) break;
    }
    return { w, b, objective, optimality: viol, converged: viol <= target, iterations, history, stopped };
  } finally {
    if (fns) discardF64(B.block);
  }
}

/**
 * Replace the Newton direction dw (and u = X·dw) by the extrapolated `ext` if that lowers the
 * penalized model Σ Gₖdwₖ + ½Σ hᵢuᵢ² + pen(wl + dw) (the intercept's terms do not change). A
 * coordinate that the extrapolation would move off zero or across zero is set to zero instead, as
 * the Lasso's trials do. The trial u is built in B.ut by one scatter of the working set's columns.
 * @internal
 */
export function tryDirection(d: Design, fns: { scatter: WasmFn } | null, B: Buffers, m: number, ext: Float64Array, pen: Penalty, trial: Float64Array): void {
  const { ws, G, wl, dw, h, u, ut, ext: delta } = B;
  let lin = 0;
  for (let k = 0; k < m; k++) {
    const c = wl[k]! + dw[k]!;
    let e = wl[k]! + ext[k]!;
    if (e * c <= 0) e = 0;
    delta[k] = e - c;
    lin += G[k]! * delta[k]!;
    trial[k] = c;
  }
  let change = lin - penaltyValue(pen, trial);
  for (let k = 0; k < m; k++) trial[k] = trial[k]! + delta[k]!;
  change += penaltyValue(pen, trial);
  ut.set(u);
  if (fns) {
    const k = d.kernel!;
    fns.scatter(k.indptr, k.indices, k.data, ws.byteOffset, delta.byteOffset, m, ut.byteOffset);
  } else for (let k = 0; k < m; k++) if (delta[k] !== 0) columnAxpy(d, ws[k]!, delta[k]!, ut);
  for (let i = 0; i < u.length; i++) change += 0.5 * h[i]! * (ut[i]! * ut[i]! - u[i]! * u[i]!);
  if (!(change < 0)) return;
  for (let k = 0; k < m; k++) dw[k] = dw[k]! + delta[k]!;
  u.set(ut);
}

/**
 * The working set, in increasing index order: every nonzero wⱼ, then the zero coordinates that
 * violate optimality (viol[j] > 0), the most violating first, `size` in all (the support is kept
 * whole even when larger). O(p) with a quickselect when there are more candidates than room.
 */
function workingSet(w: Float64Array, viol: Float64Array, size: number, scratch: Float64Array): Int32Array {
  const p = w.length;
  let support = 0;
  let cand = 0;
  for (let j = 0; j < p; j++) {
    if (w[j] !== 0) support++;
    else if (viol[j]! > 0) scratch[cand++] = -viol[j]!;
  }
  const room = Math.max(0, size - support);
  // Every candidate above the cut (the room-th largest violation), then ties at it, lowest index first.
  const cut = cand <= room ? 0 : room === 0 ? Infinity : -kthSmallest(scratch.subarray(0, cand), room - 1);
  let ties = room;
  for (let j = 0; j < p; j++) if (w[j] === 0 && viol[j]! > cut) ties--;
  const out = new Int32Array(support + Math.min(cand, room));
  let m = 0;
  for (let j = 0; j < p; j++) {
    const v = viol[j]!;
    if (w[j] !== 0 || v > cut) out[m++] = j;
    else if (v === cut && v > 0 && ties > 0) {
      out[m++] = j;
      ties--;
    }
  }
  return out.subarray(0, m);
}

/** G[k] = xⱼᵀg and H[k] = Σᵢ hᵢxᵢⱼ² over the working set j = ws[k] (the JS loops in the WASM kernel's order). */
function gradHess(d: Design, fns: { gradHess: WasmFn } | null, ws: Int32Array, m: number, g: Float64Array, h: Float64Array, G: Float64Array, H: Float64Array): void {
  if (fns) {
    const k = d.kernel!;
    fns.gradHess(k.indptr, k.indices, k.data, ws.byteOffset, m, g.byteOffset, h.byteOffset, G.byteOffset, H.byteOffset);
    return;
  }
  const n = d.n;
  for (let k = 0; k < m; k++) {
    const j = ws[k]!;
    let sg = 0;
    let sh = 0;
    if (d.dense) {
      const X = d.dense;
      for (let i = 0, o = j * n; i < n; i++) {
        sg += X[o + i]! * g[i]!;
        sh += h[i]! * X[o + i]! * X[o + i]!;
      }
    } else {
      const ix = d.indices!;
      const dv = d.data!;
      for (let q = d.indptr![j]!, e = d.indptr![j + 1]!; q < e; q++) {
        const x = dv[q]!;
        sg += x * g[ix[q]!]!;
        sh += h[ix[q]!]! * x * x;
      }
    }
    G[k] = sg;
    H[k] = sh;
  }
}

/** One epoch of coordinate descent on the model over the working-set positions sel[0..ms); returns the largest scaled move. */
function modelEpoch(d: Design, fns: { epoch: WasmFn } | null, B: Buffers, sel: Int32Array, ms: number, pen: Penalty): number {
  const { ws, G, H, wl, dw, pfl, h, u } = B;
  if (fns) {
    const k = d.kernel!;
    return fns.epoch(
      k.indptr, k.indices, k.data, ws.byteOffset, sel.byteOffset, ms, G.byteOffset, H.byteOffset, wl.byteOffset, dw.byteOffset, pfl.byteOffset,
      h.byteOffset, u.byteOffset, pen.l1, pen.l2, pen.positive ? 1 : 0,
    );
  }
  let worst = 0;
  for (let t = 0; t < ms; t++) {
    const k = sel[t]!;
    const a = H[k]!;
    const f = pfl[k]!;
    const den = a + f * pen.l2;
    if (den <= 0) continue;
    const j = ws[k]!;
    const c = wl[k]! + dw[k]!;
    const zz = a * c - (G[k]! + columnDotWeighted(d, j, h, u));
    const thr = f * pen.l1;
    let nc = 0;
    if (zz > thr) nc = (zz - thr) / den;
    else if (zz < -thr && !pen.positive) nc = (zz + thr) / den;
    const delta = nc - c;
    if (delta !== 0) {
      columnAxpy(d, j, delta, u);
      dw[k] = dw[k]! + delta;
      worst = Math.max(worst, den * Math.abs(delta));
    }
  }
  return worst;
}

