// Column loops of the proximal Newton solver for L1 / elastic-net logistic regression over a CSC
// design in linear memory (all pointers are byte offsets). Arrays indexed by k are compact over the
// working set ws[0..m); arrays indexed by i have one entry per sample. The operations follow the JS
// fallback of src/solvers/glm/logistic-working-set.ts in the same order, so both backends give the
// same iterates.

/** G[k] = Σᵢ xᵢⱼ·gᵢ and H[k] = Σᵢ hᵢ·xᵢⱼ² for the m columns j = ws[k] (the model's gradient and diagonal). */
export function logistic_ws_grad_hess(
  indptr: usize, indices: usize, data: usize, ws: usize, m: i32, g: usize, h: usize, G: usize, H: usize,
): void {
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(ws + (<usize>k << 2));
    const e = <usize>load<i32>(indptr + (j << 2), 4);
    let sg = 0.0;
    let sh = 0.0;
    for (let q = <usize>load<i32>(indptr + (j << 2)); q < e; q++) {
      const i = <usize>load<i32>(indices + (q << 2)) << 3;
      const x = load<f64>(data + (q << 3));
      sg += x * load<f64>(g + i);
      sh += load<f64>(h + i) * x * x;
    }
    store<f64>(G + (<usize>k << 3), sg);
    store<f64>(H + (<usize>k << 3), sh);
  }
}

/**
 * One cyclic coordinate-descent epoch on the penalized quadratic model Σ Gₖδₖ + ½‖δ‖²_(XᵀhX) +
 * Σ fₖ(l1|wₖ + δₖ| + ½·l2(wₖ + δₖ)²) over the working-set positions k = sel[0..ms): for each k the model gradient
 * Gₖ + Σᵢ xᵢⱼhᵢuᵢ (u = X·δ, kept up to date), the soft-threshold step on the diagonal Hₖ + fₖ·l2
 * (one-sided when `positive`), and the scatter u += Δ·xⱼ. Returns the largest (Hₖ + fₖ·l2)·|Δ|.
 */
export function logistic_cd_epoch(
  indptr: usize, indices: usize, data: usize, ws: usize, sel: usize, ms: i32, G: usize, H: usize, w: usize, dw: usize, pf: usize,
  h: usize, u: usize, l1: f64, l2: f64, positive: i32,
): f64 {
  let worst = 0.0;
  for (let t = 0; t < ms; t++) {
    const k = <usize>load<i32>(sel + (<usize>t << 2));
    const ko = k << 3;
    const a = load<f64>(H + ko);
    const f = load<f64>(pf + ko);
    const den = a + f * l2;
    if (den <= 0) continue;
    const j = <usize>load<i32>(ws + (k << 2));
    const s0 = <usize>load<i32>(indptr + (j << 2));
    const e = <usize>load<i32>(indptr + (j << 2), 4);
    let s = 0.0;
    for (let q = s0; q < e; q++) {
      const i = <usize>load<i32>(indices + (q << 2)) << 3;
      s += load<f64>(data + (q << 3)) * load<f64>(h + i) * load<f64>(u + i);
    }
    const c = load<f64>(w + ko) + load<f64>(dw + ko);
    const z = a * c - (load<f64>(G + ko) + s);
    const thr = f * l1;
    let nc = 0.0;
    if (z > thr) nc = (z - thr) / den;
    else if (z < -thr && !positive) nc = (z + thr) / den;
    const delta = nc - c;
    if (delta != 0) {
      for (let q = s0; q < e; q++) {
        const p = u + (<usize>load<i32>(indices + (q << 2)) << 3);
        store<f64>(p, load<f64>(p) + delta * load<f64>(data + (q << 3)));
      }
      store<f64>(dw + ko, load<f64>(dw + ko) + delta);
      worst = max(worst, den * abs(delta));
    }
  }
  return worst;
}
