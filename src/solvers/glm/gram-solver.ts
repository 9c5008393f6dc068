/**
 * Covariance-mode coordinate descent for dense designs with few features (glmnet's
 * `type.gaussian = "covariance"`): with the Gram matrix G = X̃ᵀX̃ and q = X̃ᵀỹ formed once per
 * design, the gradient g = X̃ᵀr = q − Gw moves by −δ·G[:, j] when wⱼ moves by δ, so an epoch costs
 * O(p²) instead of O(n·p), and the duality gap O(p): ‖r‖² = ‖ỹ‖² − wᵀq − wᵀg, rᵀỹ = ‖ỹ‖² − wᵀq.
 * Anderson extrapolation every K epochs as in the working-set driver, and, once an epoch leaves the
 * signs of w unchanged, one exact solve on that sign pattern (see {@link trySupportSolve}).
 *
 * Those residual terms lose digits to cancellation near the optimum: a gap that meets the
 * tolerance is confirmed on the exact residual y − X̃w (O(n·p)) before stopping, unless the
 * rounding error of the O(p) terms is a millionth of the tolerance or less (then the O(p) gap is
 * the certificate, and a path skips an O(n·p) pass per α).
 *
 * @module
 * @internal
 */
import { dotAt } from '../../kernels/blas1.js';
import { gemmNT } from '../../linalg/dense/gemm.js';
import { choSolveInPlace } from '../../linalg/dense/cholesky.js';
import { Anderson } from './anderson.js';
import { coordinateValue, penaltyAt } from './coordinate-update.js';
import { columnAxpy, type Design, fullGradient } from './design.js';
import { type EnetTerms, enetGap } from './duality-gap.js';
import type { EnetOutcome, EnetSettings, EnetState } from './working-set.js';
import { gramBlock, minimizeBlock, type UnpenalizedBlock } from './unpenalized-block.js';

/** Covariance mode's buffers, kept in the state across a path's α values. @internal */
export interface GramScratch {
  acc: Anderson;
  /** Copies of w and g to undo a rejected trial point. */
  wSave: Float64Array;
  gSave: Float64Array;
  /** The support's system (p x p at most), right-hand side and indices. */
  M: Float64Array;
  rhs: Float64Array;
  idx: Int32Array;
  /** Signs of w after the last epoch. */
  sign: Int8Array;
  /** The unpenalized features' block, for the penalty factors `pf` (null: none unpenalized). */
  unpen?: { pf: Float64Array; blk: UnpenalizedBlock | null };
}

function gramScratch(s: EnetState, p: number, K: number): GramScratch {
  if (s.gram?.acc.m === p) return s.gram;
  return (s.gram = {
    acc: new Anderson(K, p), wSave: new Float64Array(p), gSave: new Float64Array(p),
    M: new Float64Array(p * p), rhs: new Float64Array(p), idx: new Int32Array(p), sign: new Int8Array(p),
  });
}

/** Record the signs of w in `sign`; returns whether any changed. */
function signsChanged(w: Float64Array, sign: Int8Array): boolean {
  let changed = false;
  for (let j = 0; j < w.length; j++) {
    const sj = w[j]! > 0 ? 1 : w[j]! < 0 ? -1 : 0;
    if (sj !== sign[j]) {
      sign[j] = sj;
      changed = true;
    }
  }
  return changed;
}

/** wⱼ ← e with g = q − Gw kept current: O(p) (G is symmetric, so column j is row j, contiguous). */
function moveTo(G: Float64Array, w: Float64Array, g: Float64Array, j: number, e: number): void {
  const p = w.length;
  const delta = e - w[j]!;
  if (delta !== 0) for (let k = 0, o = j * p; k < p; k++) g[k] = g[k]! - delta * G[o + k]!;
  w[j] = e;
}

/**
 * The minimizer of the objective on the current sign pattern, taken if it lowers the objective:
 * with A the support and σ the signs, (G_AA + λ₂·diag(f_A))·w_A = q_A − λ₁·f_A⊙σ (the stationarity
 * condition there), solved by Cholesky. A coordinate whose solution would cross zero is set to
 * zero instead (as the Anderson trials do). When the pattern is the optimum's, this lands on the
 * solution up to rounding, where coordinate descent would take many epochs on a correlated design.
 * O(|A|³/3 + p·|A|). Returns whether the point moved.
 */
function trySupportSolve(t: EnetTerms, G: Float64Array, q: Float64Array, yy: number, w: Float64Array, g: Float64Array, sc: GramScratch): boolean {
  const p = w.length;
  const { M, rhs, idx } = sc;
  let m = 0;
  for (let j = 0; j < p; j++) if (w[j] !== 0) idx[m++] = j;
  if (m === 0) return false;
  for (let a = 0; a < m; a++) {
    const ja = idx[a]!;
    for (let b = 0; b <= a; b++) M[a * m + b] = G[ja * p + idx[b]!]!;
    M[a * m + a] = M[a * m + a]! + t.l2 * t.pf[ja]!;
    rhs[a] = q[ja]! - t.l1 * t.pf[ja]! * (w[ja]! > 0 ? 1 : -1);
  }
  if (!choSolveInPlace(m, M, rhs)) return false;
  const before = primalOf(t, w, g, q, yy);
  sc.wSave.set(w);
  sc.gSave.set(g);
  for (let a = 0; a < m; a++) {
    const ja = idx[a]!;
    const e = rhs[a]!;
    moveTo(G, w, g, ja, e * w[ja]! > 0 ? e : 0);
  }
  if (primalOf(t, w, g, q, yy) < before) return true;
  w.set(sc.wSave);
  g.set(sc.gSave);
  return false;
}

/**
 * Minimize the objective exactly over the unpenalized features, the others fixed, with g kept
 * current (see unpenalized-block.ts: the gap needs their dual constraints met). Returns whether w moved.
 */
function minimizeUnpenalized(t: EnetTerms, G: Float64Array, w: Float64Array, g: Float64Array, colSq: Float64Array, sc: GramScratch): boolean {
  const p = w.length;
  if (sc.unpen?.pf !== t.pf) sc.unpen = { pf: t.pf, blk: gramBlock(G, p, t.pf, colSq) };
  const blk = sc.unpen.blk;
  if (!blk) return false;
  const { idx, x, b } = blk;
  for (let a = 0; a < idx.length; a++) {
    x[a] = w[idx[a]!]!;
    b[a] = g[idx[a]!]!;
  }
  if (!minimizeBlock(blk, t.positive)) return false;
  let moved = false;
  for (let a = 0; a < idx.length; a++) {
    if (x[a] !== w[idx[a]!]) {
      moveTo(G, w, g, idx[a]!, x[a]!);
      moved = true;
    }
  }
  return moved;
}

/** The Gram matrix and X̃ᵀỹ of a dense design. */
interface Gram {
  G: Float64Array;
  q: Float64Array;
}

// G per design (a PreparedDesign reuses it across calls), q per design and target.
const grams = new WeakMap<Design, { G: Float64Array; q: WeakMap<Float64Array, Float64Array> }>();

/** Whether covariance mode pays: a dense design with few features (p ≤ 256 and p ≤ n). @internal */
export function gramPays(d: Design): boolean {
  return d.dense !== null && d.p <= 256 && d.p <= d.n;
}

function gramOf(d: Design, y: Float64Array): Gram {
  const { n, p } = d;
  let e = grams.get(d);
  if (!e) {
    const G = new Float64Array(p * p);
    gemmNT(p, p, n, 1, d.dense!, 0, n, d.dense!, 0, n, G, 0, p);
    grams.set(d, (e = { G, q: new WeakMap() }));
  }
  let q = e.q.get(y);
  if (!q) {
    q = fullGradient(d, y, 0, new Float64Array(p));
    e.q.set(y, q);
  }
  return { G: e.G, q };
}

/** rs = ỹ − X̃w exactly and grad = X̃ᵀrs; returns the exact ‖r‖² and rᵀỹ. */
function syncExact(d: Design, y: Float64Array, s: EnetState): { rr: number; ry: number } {
  s.rs.set(y);
  for (let j = 0; j < d.p; j++) if (s.w[j] !== 0) columnAxpy(d, j, -s.w[j]!, s.rs);
  fullGradient(d, s.rs, 0, s.grad);
  s.gradFresh = true;
  return { rr: dotAt(d.n, s.rs, 0, s.rs, 0), ry: dotAt(d.n, s.rs, 0, y, 0) };
}

/** Primal value from w and g = q − Gw: ½‖r‖² + penalty, O(p). */
function primalOf(t: EnetTerms, w: Float64Array, g: Float64Array, q: Float64Array, yy: number): number {
  const p = w.length;
  let pen = 0;
  for (let j = 0; j < p; j++) pen += penaltyAt(t, j, w[j]!);
  return 0.5 * (yy - dotAt(p, w, 0, q, 0) - dotAt(p, w, 0, g, 0)) + pen;
}

/**
 * Minimize ½‖ỹ − X̃w‖² + Σfⱼ(λ₁|wⱼ| + ½λ₂wⱼ²) from `s` (updated in place; on return the gradient
 * is current, the residual only after an exact confirmation) by covariance-mode coordinate descent, until the duality gap ≤ tolAbs. For
 * dense designs (no implicit centring). @internal
 */
export function solveEnetGram(t: EnetTerms, d: Design, y: Float64Array, s: EnetState, settings: EnetSettings): EnetOutcome {
  const p = d.p;
  const { G, q } = gramOf(d, y);
  const yy = dotAt(d.n, y, 0, y, 0);
  const w = s.w;
  const g = s.grad;
  if (!s.gradFresh) syncExact(d, y, s);
  const colSq = d.colSq;
  const K = 5;
  // One scratch per state: a path's α values share it (allocating the Anderson buffer per α was a
  // tenth of the diabetes path's profile).
  const sc = gramScratch(s, p, K);
  const acc = sc.acc;
  acc.reset();
  const { wSave, gSave } = sc;
  signsChanged(w, sc.sign);
  // One support solve per sign pattern: retried only once an epoch changes the pattern.
  let solved = false;
  const history: number[] = [];
  let epochs = 0;
  let exact: { rr: number; ry: number } | null = null;
  acc.push(w);
  for (;;) {
    if (minimizeUnpenalized(t, G, w, g, colSq, sc)) exact = null;
    let rr: number;
    let ry: number;
    if (exact) ({ rr, ry } = exact);
    else {
      const wq = dotAt(p, w, 0, q, 0);
      rr = yy - wq - dotAt(p, w, 0, g, 0);
      ry = yy - wq;
    }
    let gi = enetGap(t, w, g, rr, ry);
    // The O(p) residual terms are trusted when their rounding error, at most about
    // p·ε·(‖ỹ‖² + |wᵀq| + |wᵀg|), is a millionth of the tolerance or less; else confirmed exactly.
    const trusted = !exact && settings.tolAbs >= 1e6 * p * Number.EPSILON * (yy + Math.abs(yy - ry) + Math.abs(ry - rr));
    if (gi.gap <= settings.tolAbs && !exact && !trusted && epochs > 0) {
      // Confirm on the exact residual (and continue from the exact gradient if it fails).
      exact = syncExact(d, y, s);
      gi = enetGap(t, w, g, exact.rr, exact.ry);
    }
    history.push(gi.gap);
    if (settings.onProgress && epochs > 0) {
      if (settings.onProgress({ iteration: epochs, epochs, gap: gi.gap, workingSetSize: p, screened: 0 }) === false) {
        if (!exact) syncExact(d, y, s);
        return { gap: gi.gap, primal: gi.primal, converged: gi.gap <= settings.tolAbs, stopped: true, epochs, history };
      }
    }
    // A start that already meets the tolerance still gets one epoch (see the working-set driver).
    const warmPass = epochs === 0 && gi.gap > 0;
    if ((gi.gap <= settings.tolAbs && !warmPass) || epochs >= settings.maxEpochs) {
      if (!exact && !(trusted && gi.gap <= settings.tolAbs)) {
        exact = syncExact(d, y, s);
        gi = enetGap(t, w, g, exact.rr, exact.ry);
      }
      // g is current (exact, or kept by the Gram updates): the next α of a path starts from it.
      // rs may lag behind w; in covariance mode only syncExact reads it, and rebuilds it first.
      s.gradFresh = true;
      return { gap: gi.gap, primal: gi.primal, converged: gi.gap <= settings.tolAbs, stopped: false, epochs, history };
    }
    exact = null;
    s.gradFresh = false;
    for (let j = 0; j < p; j++) {
      const cs = colSq[j]!;
      if (cs === 0) continue;
      const wj = w[j]!;
      const nw = coordinateValue(t, cs, j, g[j]!, wj);
      if (nw !== wj) moveTo(G, w, g, j, nw);
    }
    epochs++;
    if (signsChanged(w, sc.sign)) solved = false;
    else if (!solved) {
      solved = true;
      if (trySupportSolve(t, G, q, yy, w, g, sc)) {
        signsChanged(w, sc.sign);
        acc.reset();
        acc.push(w);
        continue;
      }
    }
    if (acc.push(w)) {
      const ext = acc.extrapolate();
      if (ext) {
        const before = primalOf(t, w, g, q, yy);
        wSave.set(w);
        gSave.set(g);
        // Off zero or across zero: zero instead (see tryExtrapolated in working-set.ts).
        for (let j = 0; j < p; j++) moveTo(G, w, g, j, ext[j]! * w[j]! > 0 ? ext[j]! : 0);
        if (!(primalOf(t, w, g, q, yy) < before)) {
          w.set(wSave);
          g.set(gSave);
        }
      }
      acc.push(w);
    }
  }
}
