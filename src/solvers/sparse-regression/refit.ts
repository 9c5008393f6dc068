/**
 * Least squares restricted to a support: the "debiasing" step that every support-selecting method
 * here ends with (OMP, CoSaMP, the refit after a Lasso), through `lstsq` (QR with rank detection).
 *
 * @module
 */
import { lstsqDense } from '../../linalg/dense/lstsq.js';
import { preparedColumns, type PreparedRegression } from './design.js';

/**
 * w minimizing ‖y − X_S w_S‖² over vectors supported on S (the prepared, centred problem);
 * entries outside S are zero. A rank-deficient X_S gets the minimum-norm solution. O(n|S|²).
 * @internal
 */
export function refitOnSupport(p: PreparedRegression, S: ArrayLike<number>, rows?: ArrayLike<number>): Float64Array {
  const w = new Float64Array(p.design.d);
  if (S.length === 0) return w;
  const XS = preparedColumns(p, S);
  let A = XS;
  let b = p.y;
  if (rows) {
    const k = S.length;
    const data = new Float64Array(rows.length * k);
    const yb = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      data.set(XS.data.subarray(i * k, i * k + k), r * k);
      yb[r] = p.y[i]!;
    }
    A = { rows: rows.length, cols: k, data };
    b = yb;
  }
  const sol = lstsqDense(A, { rows: b.length, cols: 1, data: b });
  for (let t = 0; t < S.length; t++) w[S[t]!] = sol.x.data[t]!;
  return w;
}
