/**
 * Pattern coupling for block-sparse factors (PC-KroSBL, after Fang et al.'s PC-SBL): a factor's
 * effective prior variance is γ̃ = C_α·γ with C_α = tridiag(α, 1, α), so a coefficient's variance
 * borrows from its neighbours and clustered supports are favoured.
 *
 * @module
 * @internal
 */
import { checkNumber } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';

/** The n x n row-major C_α = tridiag(α, 1, α). @internal */
export function couplingMatrix(n: number, alpha: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    C[i * n + i] = 1;
    if (i > 0) C[i * n + i - 1] = alpha;
    if (i + 1 < n) C[i * n + i + 1] = alpha;
  }
  return C;
}

/** C restricted to rows and columns `keep` (a new K x K matrix). @internal */
export function restrictCoupling(C: Float64Array, n: number, keep: ArrayLike<number>): Float64Array {
  const k = keep.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = C[keep[a]! * n + keep[b]!]!;
  return out;
}

/** Read the `coupling` option: one α for every factor or one per factor, each in [0, 1] (0 = uncoupled). @internal */
export function couplingOption(v: unknown, I: number): number[] {
  if (v === undefined) return new Array<number>(I).fill(0);
  if (typeof v === 'number') return new Array<number>(I).fill(checkNumber('coupling', v, 0, 1));
  if (!Array.isArray(v) || v.length !== I) throw new ArgumentError('coupling', v, `a number in [0, 1] or an array of ${I} such numbers (one per factor)`);
  return v.map((a, i) => checkNumber(`coupling[${i}]`, a, 0, 1));
}
