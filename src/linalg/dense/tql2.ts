/**
 * Implicit QL iteration for the symmetric tridiagonal eigenproblem (EISPACK tql2).
 *
 * @module
 * @internal
 */
import { SparsityError } from '../../core/errors.js';
import { hypot2 } from '../../kernels/blas1.js';

/**
 * Implicit QL on the symmetric tridiagonal (d, e) (EISPACK tql2 as in JAMA), overwriting d with
 * the eigenvalues (unsorted). When `zt` is given (n x n row-major, row i = the i-th basis vector),
 * the rotations are applied to its rows, which stay contiguous.
 * @throws {@link SparsityError} when an eigenvalue needs more than 60 iterations (does not happen
 *   in practice).
 * @internal
 */
export function tql2(d: Float64Array, eIn: Float64Array, zt: Float64Array | null): void {
  const n = d.length;
  if (n === 0) return;
  const e = new Float64Array(n);
  e.set(eIn.subarray(0, n - 1));
  const EPS = 2.220446049250313e-16;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new SparsityError('eigh: the QL iteration did not converge');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot2(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (zt) {
            const o0 = i * n;
            const o1 = o0 + n;
            for (let k = 0; k < n; k++) {
              const zi1 = zt[o1 + k]!;
              const zi = zt[o0 + k]!;
              zt[o1 + k] = s * zi + c * zi1;
              zt[o0 + k] = c * zi - s * zi1;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

