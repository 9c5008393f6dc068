/**
 * Numeric phase of the simplicial up-looking Cholesky factorization (Davis, "Direct Methods for
 * Sparse Linear Systems", §4.7, CSparse's `cs_chol`), for factors with few flops per nonzero where
 * supernodes would be one or two columns wide. Row k of L solves L(0:k, 0:k)·L(k, 0:k)ᵀ = A(0:k, k):
 * its pattern is the row subtree of k in the elimination tree ({@link ereach}, in topological
 * order), and each of its entries is one sparse update from the column of L computed so far. The
 * work is the flop count plus O(nnz(L)) tree walks; no dense blocks, no per-column bookkeeping.
 * The loop runs in WASM (`chol_simplicial` in assembly/sparse-simplicial.ts) when the WASM
 * kernels are in use, else in JS below, with the same operations in the same order.
 *
 * @module
 * @internal
 */
import type { CholeskySymbolic } from './cholesky-symbolic.js';
import { notPositiveDefinite } from './cholesky-numeric.js';
import { ereach } from './etree.js';
import { callOnCopies, type Room } from './wasm-call.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { ResidentCholesky } from './cholesky-resident.js';

/**
 * Factor values `ax` (the data array of the analysed matrix A) on the simplicial analysis `S`:
 * returns the values of L by columns (diagonal first, rows ascending) and writes their row
 * indices to S.rows (the same on every call: the pattern depends on S only). With `resident` and
 * the WASM kernels in use, L stays in WASM memory instead ({@link ResidentCholesky}; S.rows is
 * not written) unless the budget of resident factors is spent.
 * @throws {@link ArgumentError} naming the original column where a non-positive pivot appeared.
 * @internal
 */
export function factorSimplicial(S: CholeskySymbolic, ax: Float64Array): Float64Array;
export function factorSimplicial(S: CholeskySymbolic, ax: Float64Array, resident: boolean): Float64Array | ResidentCholesky;
export function factorSimplicial(S: CholeskySymbolic, ax: Float64Array, resident = false): Float64Array | ResidentCholesky {
  const { n, cp, ci, amap, parent, rowPtr: Lp, nnzL } = S;
  const cx = new Float64Array(cp[n]!);
  for (let p = 0; p < cx.length; p++) cx[p] = ax[amap[p]!]!;
  // Kept in WASM memory: only room is reserved for L's rows and values (copied out if the
  // resident block cannot be had).
  const li: Int32Array | Room = resident ? { bytes: 4, length: nnzL } : S.rows;
  let lx: Float64Array | Room = resident ? { bytes: 8, length: nnzL } : new Float64Array(nnzL);
  // next[j]: where the next entry of column j goes (its rows arrive in increasing k).
  const next = Lp.slice(0, n);
  const x = new Float64Array(n);
  const s = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  let kept: ResidentCholesky | null = null;
  const keep = (ret: number, args: number[]): number[] | undefined => {
    if (ret >= 0) return [8];
    kept = ResidentCholesky.copyOf(n, args[4]!, args[5]!, args[6]!, S.perm);
    if (kept) return [];
    const w = getWasm()!;
    S.rows.set(w.i32(args[5]!, nnzL));
    lx = w.f64(args[6]!, nnzL).slice();
    return [];
  };
  const fail = callOnCopies('chol_simplicial', [cp, ci, cx, parent, Lp, li, lx, next, x, s, mark], [n], [5, 6, 8], 0, [5, 6], resident ? keep : undefined);
  if (fail !== null) {
    if (fail >= 0) throw notPositiveDefinite(S.perm, fail, x[fail]!);
    return kept ?? (lx as Float64Array);
  }
  const Li = S.rows;
  const Lx = lx instanceof Float64Array ? lx : new Float64Array(nnzL);
  for (let k = 0; k < n; k++) {
    // x = A(0:k, k) (upper triangle of P·A·Pᵀ), and the pattern of L(k, :) in s[top..n).
    for (let p = cp[k]!; p < cp[k + 1]!; p++) x[ci[p]!] = cx[p]!;
    const top = ereach(k, cp, ci, parent, s, mark);
    let d = x[k]!;
    x[k] = 0;
    for (let t = top; t < n; t++) {
      const j = s[t]!;
      const lkj = x[j]! / Lx[Lp[j]!]!;
      x[j] = 0;
      const end = next[j]!;
      for (let p = Lp[j]! + 1; p < end; p++) x[Li[p]!]! -= Lx[p]! * lkj;
      d -= lkj * lkj;
      Li[end] = k;
      Lx[end] = lkj;
      next[j] = end + 1;
    }
    if (!(d > 0)) throw notPositiveDefinite(S.perm, k, d);
    const p = next[k]!++;
    Li[p] = k;
    Lx[p] = Math.sqrt(d);
  }
  return Lx;
}
