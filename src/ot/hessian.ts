/**
 * The sparsified Newton system of SNS. The (negated, scaled) Hessian of the potential is
 * M = [[diag(r), P], [Pᵀ, diag(c)]] with r = P·1, c = Pᵀ·1; SNS keeps the diagonal blocks exactly and
 * only the k largest entries of P in the off-diagonal blocks (a CSR matrix of this library), and
 * removes the gauge freedom (x + t, y − t) by fixing the last column potential (dropping its row
 * and column of M), which leaves an (n + m − 1)-square symmetric positive definite system.
 *
 * @module
 * @internal
 */
import { CSRMatrix } from '../formats/csr.js';
import type { LinearOperator } from '../linalg/iterative/linear-operator.js';
import { kthLargest } from './selection.js';

/**
 * The k largest entries of the row-major n x m array P as an n x m CSR matrix (canonical: sorted
 * column indices, no duplicates). Ties at the threshold are taken in row-major order, so exactly
 * min(k, number of positive entries) entries are kept. `scratch` must hold n·m values.
 * Expected O(n·m) (one compaction pass, Floyd–Rivest selection, one collection pass); no sort.
 * @internal
 */
export function sparsifyPlan(P: Float64Array, n: number, m: number, k: number, scratch: Float64Array): CSRMatrix {
  const len = n * m;
  let cnt = 0;
  for (let t = 0; t < len; t++) {
    const v = P[t]!;
    if (v > 0) scratch[cnt++] = v;
  }
  const keep = Math.min(k, cnt);
  let thr: number;
  let ties: number;
  if (keep <= 0) {
    thr = Infinity;
    ties = 0;
  } else if (keep === cnt) {
    thr = 0;
    ties = 0;
  } else {
    thr = kthLargest(scratch, cnt, keep);
    let gt = 0;
    for (let t = 0; t < cnt; t++) if (scratch[t]! > thr) gt++;
    ties = keep - gt;
  }
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(keep);
  const data = new Float64Array(keep);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const v = P[base + j]!;
      let take = v > thr;
      if (!take && v === thr && ties > 0) {
        ties--;
        take = true;
      }
      if (take) {
        indices[q] = j;
        data[q] = v;
        q++;
      }
    }
    indptr[i + 1] = q;
  }
  return new CSRMatrix({ indptr, indices, data, shape: [n, m] }, { canonical: true });
}

/**
 * The gauge-fixed sparsified Hessian as a LinearOperator of size N = n + m − 1: for
 * v = (v_x, v_y) (v_y without its last entry, taken as 0),
 * M·v = ((1 + λ)·r ∘ v_x + P_s·v_y, P_sᵀ·v_x + (1 + λ)·c ∘ v_y), where λ = `shift` ≥ 0 is an optional
 * Levenberg–Marquardt damping of the diagonal. Both products come from one sweep over the CSR
 * arrays of P_s. O(n + m + nnz(P_s)) per product.
 * @internal
 */
export function newtonOperator(Ps: CSRMatrix, r: Float64Array, c: Float64Array, shift = 0): LinearOperator {
  const [n, m] = Ps.shape;
  const N = n + m - 1;
  const { indptr, indices, data } = Ps;
  const s1 = 1 + shift;
  const last = m - 1;
  const apply = (v: Float64Array): Float64Array => {
    const out = new Float64Array(N);
    for (let j = 0; j < last; j++) out[n + j] = s1 * c[j]! * v[n + j]!;
    for (let i = 0; i < n; i++) {
      const vi = v[i]!;
      let s = s1 * r[i]! * vi;
      const end = indptr[i + 1]!;
      for (let p = indptr[i]!; p < end; p++) {
        const j = indices[p]!;
        if (j === last) continue; // the fixed y_m
        const w = data[p]!;
        s += w * v[n + j]!;
        out[n + j] = out[n + j]! + w * vi;
      }
      out[i] = s;
    }
    return out;
  };
  return { shape: Object.freeze([N, N]) as readonly [number, number], matvec: apply, rmatvec: apply };
}
