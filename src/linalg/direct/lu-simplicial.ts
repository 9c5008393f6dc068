/**
 * Simplicial LU with the pivots kept on the diagonal, for matrices with a (nearly) symmetric
 * pattern whose factors have few flops per nonzero: the counterpart of lu-supernodal.ts without
 * dense blocks. Column k is one sparse triangular solve x = L \ A(:, k) (Gilbert–Peierls), whose
 * upper part, the pattern of U(:, k), is the row subtree of k in the elimination tree of A + Aᵀ
 * ({@link ereach}, in topological order) instead of a depth-first search in the graph of L. The
 * rows below the diagonal are collected as the updates reach them. Each pivot must pass the
 * threshold test of partial pivoting (|u_kk| ≥ τ·max_{i≥k} |x_i|); when one fails the
 * factorization gives up (returns null) and {@link splu} falls back to Gilbert–Peierls with row
 * pivoting. The factors are those of Gilbert–Peierls in the same column order.
 *
 * @module
 * @internal
 */
import { CSCMatrix } from '../../formats/index.js';
import type { CholeskySymbolic } from './cholesky-symbolic.js';
import { ereach } from './etree.js';
import { dropZeros } from './lu-storage.js';
import { invertPermutation } from './input.js';
import type { LUFactors } from './lu-supernodal.js';

/**
 * Numeric simplicial LU of canonical CSC `A` on the simplicial analysis `S` of the pattern of
 * A + Aᵀ (its perm, elimination tree and upper triangle). Returns null when a pivot fails the
 * threshold test `tol` (or is zero).
 * @internal
 */
export function luSimplicial(A: CSCMatrix, S: CholeskySymbolic, tol: number): LUFactors | null {
  const { n, perm, cp, ci, parent, nnzL } = S;
  const pinv = invertPermutation(perm);
  const ap = A.indptr;
  const ai = A.indices;
  const ax = A.data;
  // Both factors fit in the Cholesky structure of A + Aᵀ: L(:, k) in its column k, U(:, k) in its row k.
  const lp = new Int32Array(n + 1);
  const li = new Int32Array(nnzL);
  const lx = new Float64Array(nnzL);
  const up = new Int32Array(n + 1);
  const ui = new Int32Array(nnzL);
  const ux = new Float64Array(nnzL);
  const x = new Float64Array(n);
  const s = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  let lnz = 0;
  let unz = 0;
  let flops = 0;
  for (let k = 0; k < n; k++) {
    const top = ereach(k, cp, ci, parent, s, mark);
    // Rows of L(:, k): the diagonal first, then rows > k as they appear (mark[i] = k flags rows
    // already met; ereach flagged k and the rows of U(:, k)).
    lp[k] = lnz;
    li[lnz++] = k;
    const col = perm[k]!;
    for (let p = ap[col]!; p < ap[col + 1]!; p++) {
      const i = pinv[ai[p]!]!;
      x[i] = ax[p]!;
      if (mark[i] !== k) {
        mark[i] = k;
        li[lnz++] = i;
      }
    }
    up[k] = unz;
    for (let t = top; t < n; t++) {
      const j = s[t]!;
      const ujk = x[j]!;
      x[j] = 0;
      ui[unz] = j;
      ux[unz++] = ujk;
      const end = lp[j + 1]!;
      flops += 2 * (end - lp[j]! - 1);
      if (ujk === 0) continue;
      for (let p = lp[j]! + 1; p < end; p++) {
        const i = li[p]!;
        x[i]! -= lx[p]! * ujk;
        if (mark[i] !== k) {
          mark[i] = k;
          li[lnz++] = i;
        }
      }
    }
    const pivot = x[k]!;
    x[k] = 0;
    let amax = Math.abs(pivot);
    for (let p = lp[k]! + 1; p < lnz; p++) {
      const v = Math.abs(x[li[p]!]!);
      if (v > amax) amax = v;
    }
    if (pivot === 0 || !(Math.abs(pivot) >= tol * amax)) return null;
    ui[unz] = k;
    ux[unz++] = pivot;
    lx[lp[k]!] = 1;
    for (let p = lp[k]! + 1; p < lnz; p++) {
      const i = li[p]!;
      lx[p] = x[i]! / pivot;
      x[i] = 0;
    }
    flops += lnz - lp[k]! - 1;
  }
  lp[n] = lnz;
  up[n] = unz;
  // Entries that cancelled to exactly zero are not kept (as in Gilbert–Peierls and SuperLU).
  lnz = dropZeros(n, lp, li, lx, true);
  unz = dropZeros(n, up, ui, ux, false);
  const L = new CSCMatrix({ indptr: lp, indices: li.slice(0, lnz), data: lx.slice(0, lnz), shape: [n, n] });
  const U = new CSCMatrix({ indptr: up, indices: ui.slice(0, unz), data: ux.slice(0, unz), shape: [n, n] });
  return { L, U, pinv, q: perm, flops };
}
