/**
 * The WASM path of two loops of the supernodal Cholesky factorization (`assembly/supernodal.ts`):
 * the right-side triangular solve of a panel's leaf triangles and the scatter of an update into
 * its target supernode. Both work in place on arrays from `allocF64` (resident in WASM memory);
 * each returns false, doing nothing, when its arrays are not resident or the WASM backend is off,
 * and the caller runs its JS loop.
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { isResidentF64 } from '../runtime/memory.js';
import { getWasm } from '../runtime/wasm/loader.js';

/**
 * X ← X·T⁻ᵀ in place: X m x n at element `xo` of `l`, T n x n lower triangular at `to`, leading
 * dimension ld (`trsm_rows_lower_t`).
 * @internal
 */
export function trsmRowsLowerTWasm(m: number, n: number, l: Float64Array, xo: number, to: number, ld: number): boolean {
  if (!isResidentF64(l) || !wantWasm(true)) return false;
  const w = getWasm();
  if (!w) return false;
  const out = w.scratch(14, 32);
  if (out < 0) return false;
  w.fn('trsm_rows_lower_t')(m, n, l.byteOffset + xo * 8, l.byteOffset + to * 8, ld, out);
  return true;
}

/**
 * l[rowOff[i] + col[j]] −= work[i·k + j] for j ≤ min(i, k − 1), i < m (`scatter_sub_lower`);
 * with `consecutive`, col[j] = col[0] + j. `work`, `l`, `rowOff` and `col` must all be resident.
 * @internal
 */
export function scatterSubLowerWasm(m: number, k: number, work: Float64Array, l: Float64Array, rowOff: Float64Array, col: Float64Array, consecutive: boolean): boolean {
  if (!isResidentF64(l) || !isResidentF64(work) || !isResidentF64(rowOff) || !isResidentF64(col) || !wantWasm(true)) return false;
  const w = getWasm();
  if (!w) return false;
  w.fn('scatter_sub_lower')(m, k, work.byteOffset, l.byteOffset, rowOff.byteOffset, col.byteOffset, consecutive ? 1 : 0);
  return true;
}
