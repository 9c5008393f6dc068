/**
 * Simplicial LU with the pivots kept on the diagonal, for matrices with a (nearly) symmetric
 * pattern whose factors have few flops per nonzero: the counterpart of lu-supernodal.ts without
 * dense blocks. Column k is one sparse triangular solve x = L \ A(:, k) (Gilbert–Peierls), whose
 * upper part, the pattern of U(:, k), is the row subtree of k in the elimination tree of A + Aᵀ
 * ({@link ereach}, in topological order) instead of a depth-first search in the graph of L, and
 * whose lower part is column k of the Cholesky structure of A + Aᵀ. Each pivot must pass the
 * threshold test of partial pivoting (|u_kk| ≥ τ·max_{i≥k} |x_i|); when one fails the
 * factorization gives up (returns null) and {@link splu} falls back to Gilbert–Peierls with row
 * pivoting. The factors are those of Gilbert–Peierls in the same column order. The numeric loop
 * runs in WASM (`lu_simplicial` in assembly/sparse-simplicial.ts) when the WASM kernels are in
 * use, else in JS, with the same operations in the same order.
 *
 * @module
 * @internal
 */
import { CSCMatrix } from '../../formats/index.js';
import type { CholeskySymbolic } from './cholesky-symbolic.js';
import { ereach } from './etree.js';
import { invertPermutation } from './input.js';
import { callOnCopies, type Room } from './wasm-call.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import type { LUFactors } from './lu-supernodal.js';
import { ResidentLU } from './lu-resident.js';

/** Simplicial LU factors left in WASM memory ({@link luSimplicial} with `'resident'`). @internal */
export interface ResidentFactors {
  resident: ResidentLU;
  pinv: Int32Array;
  q: Int32Array;
  flops: number;
}

/**
 * Numeric simplicial LU of canonical CSC `A` on the simplicial analysis `S` of the pattern of
 * A + Aᵀ (its perm, elimination tree and upper triangle). Returns null when a pivot fails the
 * threshold test `tol` (or is zero). With `rhs` (length n) and the WASM kernels in use, the
 * factors are not returned: rhs is overwritten with A⁻¹·rhs, solved in WASM memory where the
 * factors were written (`lu_solve`, the loops of SparseLU's solve), and the result is
 * `'solved'`; without the kernels rhs is left alone and the factors are returned. With
 * `'resident'` and the kernels in use, the factors stay in WASM memory ({@link ResidentLU}, a
 * block of their own) instead of being copied into JS arrays.
 * @internal
 */
export function luSimplicial(A: CSCMatrix, S: CholeskySymbolic, tol: number): LUFactors | null;
export function luSimplicial(A: CSCMatrix, S: CholeskySymbolic, tol: number, out?: Float64Array | 'resident'): LUFactors | ResidentFactors | 'solved' | null;
export function luSimplicial(A: CSCMatrix, S: CholeskySymbolic, tol: number, out?: Float64Array | 'resident'): LUFactors | ResidentFactors | 'solved' | null {
  const rhs = out instanceof Float64Array ? out : undefined;
  const { n, perm, cp, ci, parent, rowPtr, nnzL } = S;
  const pinv = invertPermutation(perm);
  const ap = A.indptr;
  const ai = A.indices;
  const ax = A.data;
  // Both factors take the Cholesky structure of A + Aᵀ: L(:, k) its column k (diagonal first),
  // U(:, k) its row k (the row subtree of k, ascending, then the diagonal). One pass of tree
  // walks lays out L, a transpose U. Exact zeros (structural zeros of A's own pattern,
  // cancellations) are not kept, as in Gilbert–Peierls and SuperLU: they are dropped once all
  // columns are computed, and the flops are counted on what is kept, as lu-supernodal.ts does.
  const lp = rowPtr.slice();
  const up = new Int32Array(n + 1);
  // Solving in WASM memory or keeping the factors there: only room is reserved for them.
  const inPlace = out !== undefined && wantWasm(true) && getWasm() !== null;
  let li: Int32Array | Room = inPlace ? { bytes: 4, length: nnzL } : new Int32Array(nnzL);
  let ui: Int32Array | Room = inPlace ? { bytes: 4, length: nnzL } : new Int32Array(nnzL);
  let lx: Float64Array | Room = inPlace ? { bytes: 8, length: nnzL } : new Float64Array(nnzL);
  let ux: Float64Array | Room = inPlace ? { bytes: 8, length: nnzL } : new Float64Array(nnzL);
  const x = new Float64Array(n);
  const s = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  const next = rowPtr.slice(0, n);
  const urow = new Int32Array(n);
  const flops = new Float64Array(1);
  let solved = false;
  let resident: ResidentLU | null = null;
  const keep = (ret: number, args: number[]): number[] | undefined => {
    if (ret >= 0) return [];
    const at = { lp: args[8]!, li: args[9]!, up: args[10]!, ui: args[11]!, lx: args[12]!, ux: args[13]! };
    resident = ResidentLU.copyOf(n, at);
    if (resident) return [19];
    // Memory is short: copy the factors out as usual.
    const w = getWasm()!;
    li = w.i32(at.li, nnzL).slice();
    ui = w.i32(at.ui, nnzL).slice();
    lx = w.f64(at.lx, nnzL).slice();
    ux = w.f64(at.ux, nnzL).slice();
    return [8, 10, 19];
  };
  const solveHere = rhs
    ? (ret: number, args: number[]): number[] | undefined => {
      if (ret >= 0) return [];
      // The scratch block (32n bytes, after the arrays) is free again: y = Pr·rhs there, then
      // y ← U⁻¹·L⁻¹·y on the factors in place, and rhs = Pc·y.
      const w = getWasm()!;
      const y = w.f64(args[20]!, n);
      for (let i = 0; i < n; i++) y[pinv[i]!] = rhs[i]!;
      w.fn('lu_solve')(args[8]!, args[9]!, args[12]!, args[10]!, args[11]!, args[13]!, args[20]!, n);
      const yv = w.f64(args[20]!, n);
      for (let k = 0; k < n; k++) rhs[perm[k]!] = yv[k]!;
      solved = true;
      return [];
    }
    : undefined;
  const fail = callOnCopies('lu_simplicial', [cp, ci, parent, ap, ai, ax, perm, pinv, lp, li, up, ui, lx, ux, x, s, mark, next, urow, flops], [n, tol], [8, 9, 10, 11, 12, 13, 19], 32 * n, [9, 10, 11, 12, 13, 19], out === 'resident' ? keep : solveHere);
  if (fail !== null && fail >= 0) return null;
  if (solved) return 'solved';
  if (resident) return { resident, pinv, q: perm, flops: flops[0]! };
  if (fail === null && inPlace) {
    li = new Int32Array(nnzL);
    ui = new Int32Array(nnzL);
    lx = new Float64Array(nnzL);
    ux = new Float64Array(nnzL);
  }
  if (!(li instanceof Int32Array && ui instanceof Int32Array && lx instanceof Float64Array && ux instanceof Float64Array)) throw new Error('luSimplicial: factors left in WASM memory');
  if (fail === null && !luSimplicialJS(n, cp, ci, parent, ap, ai, ax, perm, pinv, lp, li, up, ui, lx, ux, x, s, mark, next, urow, flops, tol)) return null;
  const lnz = lp[n]!;
  const unz = up[n]!;
  const L = new CSCMatrix({ indptr: lp, indices: li.subarray(0, lnz), data: lx.subarray(0, lnz), shape: [n, n] });
  const U = new CSCMatrix({ indptr: up, indices: ui.subarray(0, unz), data: ux.subarray(0, unz), shape: [n, n] });
  return { L, U, pinv, q: perm, flops: flops[0]! };
}

/**
 * The loop of `lu_simplicial` (assembly/sparse-simplicial.ts), which documents the arrays; the
 * same operations in the same order (the kernel's four-column f64x2 steps give each row its
 * updates in column order, as the loops here do). Returns false when a pivot fails the
 * threshold test.
 */
function luSimplicialJS(
  n: number, cp: Int32Array, ci: Int32Array, parent: Int32Array, ap: Int32Array, ai: Int32Array, ax: Float64Array, perm: Int32Array, pinv: Int32Array,
  lp: Int32Array, li: Int32Array, up: Int32Array, ui: Int32Array, lx: Float64Array, ux: Float64Array, x: Float64Array, s: Int32Array, mark: Int32Array,
  next: Int32Array, urow: Int32Array, flops: Float64Array, tol: number,
): boolean {
  let unz = 0;
  for (let k = 0; k < n; k++) {
    const top = ereach(k, cp, ci, parent, s, mark);
    up[k] = unz;
    unz += n - top + 1;
    for (let t = top; t < n; t++) li[next[s[t]!]!++] = k;
    li[next[k]!++] = k;
  }
  up[n] = unz;
  // U's rows by a transpose of L's structure (ascending); then the chain ends: e = mark[j] ends
  // the chain of columns j..e whose structures nest, L(:, j) = {j} ∪ L(:, j + 1).
  for (let k = 0; k < n; k++) s[k] = up[k]!;
  for (let j = 0; j < n; j++) {
    for (let p = lp[j]! + 1; p < lp[j + 1]!; p++) ui[s[li[p]!]!++] = j;
    ui[up[j + 1]! - 1] = j;
  }
  for (let j = n - 1; j >= 0; j--) {
    const c = lp[j + 1]! - lp[j]!;
    mark[j] = j + 1 < n && parent[j] === j + 1 && c === lp[j + 2]! - lp[j + 1]! + 1 ? mark[j + 1]! : j;
  }
  for (let k = 0; k < n; k++) {
    // x = L \ A(:, k): U's rows in ascending order, by chains j..e (clipped below k).
    const col = perm[k]!;
    for (let p = ap[col]!; p < ap[col + 1]!; p++) x[pinv[ai[p]!]!] = ax[p]!;
    const uend = up[k + 1]! - 1;
    let q = up[k]!;
    while (q < uend) {
      const j = ui[q]!;
      const e = Math.min(mark[j]!, k - 1);
      // The chain's own rows, one column at a time.
      for (let jj = j; jj <= e; jj++) {
        const u = x[jj]!;
        x[jj] = 0;
        ux[q + jj - j] = u;
        if (u === 0 || jj === e) continue;
        const p0 = lp[jj]! + 1;
        for (let p = p0; p < p0 + e - jj; p++) x[li[p]!]! -= lx[p]! * u;
      }
      // Its shared rows below e (those of L(:, e)): column jj's values start e − jj entries in.
      const rs = lp[e]! + 1;
      const h = lp[e + 1]! - rs;
      if (e === j) {
        const u = ux[q]!;
        if (u !== 0) for (let p = rs; p < rs + h; p++) x[li[p]!]! -= lx[p]! * u;
      } else {
        for (let jj = j; jj <= e; jj++) {
          const u = ux[q + jj - j]!;
          const pv = lp[jj]! + 1 + e - jj;
          for (let i = 0; i < h; i++) x[li[rs + i]!]! -= lx[pv + i]! * u;
        }
      }
      q += e - j + 1;
    }
    const pivot = x[k]!;
    x[k] = 0;
    const l0 = lp[k]!;
    const lend = lp[k + 1]!;
    let amax = Math.abs(pivot);
    for (let p = l0 + 1; p < lend; p++) {
      const v = Math.abs(x[li[p]!]!);
      if (v > amax) amax = v;
    }
    if (pivot === 0 || !(Math.abs(pivot) >= tol * amax)) return false;
    ux[uend] = pivot;
    lx[l0] = 1;
    const inv = 1 / pivot;
    for (let p = l0 + 1; p < lend; p++) {
      const i = li[p]!;
      lx[p] = x[i]! * inv;
      x[i] = 0;
    }
  }
  // Drop exact zeros (U's diagonal, last, and L's, first, stay), counting U's entries per row.
  let uo = 0;
  let q0 = 0;
  for (let k = 0; k < n; k++) {
    const qe = up[k + 1]! - 1;
    up[k] = uo;
    for (let q = q0; q < qe; q++) {
      const v = ux[q]!;
      if (v === 0) continue;
      const j = ui[q]!;
      ui[uo] = j;
      ux[uo++] = v;
      urow[j]!++;
    }
    ui[uo] = k;
    ux[uo++] = ux[qe]!;
    q0 = qe + 1;
  }
  up[n] = uo;
  let lo = 0;
  let f = 0;
  let p0 = 0;
  for (let j = 0; j < n; j++) {
    const pe = lp[j + 1]!;
    lp[j] = lo;
    li[lo] = j;
    lx[lo++] = 1;
    for (let p = p0 + 1; p < pe; p++) {
      const v = lx[p]!;
      if (v === 0) continue;
      li[lo] = li[p]!;
      lx[lo++] = v;
    }
    f += (lo - lp[j]! - 1) * (2 * urow[j]! + 1);
    p0 = pe;
  }
  lp[n] = lo;
  flops[0] = f;
  return true;
}
