/**
 * Covariance-mode coordinate descent for dense designs with few features (glmnet's
 * `type.gaussian = "covariance"`): with the Gram matrix G = X̃ᵀX̃ and q = X̃ᵀỹ formed once per
 * design, the gradient g = X̃ᵀr = q − Gw moves by −δ·G[:, j] when wⱼ moves by δ, so an epoch costs
 * O(p²) instead of O(n·p), and the duality gap O(p): ‖r‖² = ‖ỹ‖² − wᵀq − wᵀg, rᵀỹ = ‖ỹ‖² − wᵀq.
 * Anderson extrapolation every K epochs as in the working-set driver.
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
import { Anderson } from './anderson.js';
import { coordinateValue } from './coordinate-update.js';
import { columnAxpy, type Design, fullGradient } from './design.js';
import { type EnetTerms, enetGap } from './duality-gap.js';
import type { EnetOutcome, EnetSettings, EnetState } from './working-set.js';

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
  for (let j = 0; j < p; j++) pen += t.l1 * t.pf[j]! * Math.abs(w[j]!) + 0.5 * t.l2 * w[j]! * w[j]!;
  return 0.5 * (yy - dotAt(p, w, 0, q, 0) - dotAt(p, w, 0, g, 0)) + pen;
}

/**
 * Minimize ½‖ỹ − X̃w‖² + λ₁Σfⱼ|wⱼ| + ½λ₂‖w‖² from `s` (updated in place; on return the gradient
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
  // One Anderson buffer per state: a path's α values share it (allocating it per α was a tenth of
  // the diabetes path's profile).
  const acc = s.gramAnderson?.m === p ? s.gramAnderson : (s.gramAnderson = new Anderson(K, p));
  acc.reset();
  const gSave = new Float64Array(p);
  const wSave = new Float64Array(p);
  const history: number[] = [];
  let epochs = 0;
  let exact: { rr: number; ry: number } | null = null;
  acc.push(w);
  for (;;) {
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
      if (nw !== wj) {
        // G is symmetric: column j is row j, contiguous.
        const delta = nw - wj;
        for (let k = 0, o = j * p; k < p; k++) g[k] = g[k]! - delta * G[o + k]!;
        w[j] = nw;
      }
    }
    epochs++;
    if (acc.push(w)) {
      const ext = acc.extrapolate();
      if (ext) {
        const before = primalOf(t, w, g, q, yy);
        wSave.set(w);
        gSave.set(g);
        for (let j = 0; j < p; j++) {
          // Off zero or across zero: zero instead (see tryExtrapolated in working-set.ts).
          let e = ext[j]!;
          if (e * w[j]! <= 0) e = 0;
          const delta = e - w[j]!;
          if (delta !== 0) for (let k = 0, o = j * p; k < p; k++) g[k] = g[k]! - delta * G[o + k]!;
          w[j] = e;
        }
        if (!(primalOf(t, w, g, q, yy) < before)) {
          w.set(wSave);
          g.set(gSave);
        }
      }
      acc.push(w);
    }
  }
}
