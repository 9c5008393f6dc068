/**
 * Supernodal LU with the pivots kept on the diagonal (static pivoting), for matrices whose pattern
 * is (nearly) symmetric: the symbolic analysis of the Cholesky factorization of A + Aᵀ (AMD,
 * postorder, column counts, relaxed supernodes) bounds the patterns of L and Uᵀ, so both factors
 * are stored as dense supernode blocks with the same row structure, and the numeric phase is the
 * left-looking supernodal scheme of the Cholesky factorization (cholesky-numeric.ts) with two
 * products per descendant instead of one: L_s −= L_d·U_d and U_sᵀ −= U_dᵀ·L_dᵀ (the dense kernel
 * `gemmNT`), then a dense LU of the panel.
 *
 * Each pivot must pass the threshold test of partial pivoting, |u_jj| ≥ τ·max_i≥j |a_ij| on the
 * updated column (the test Gilbert–Peierls applies when it prefers the diagonal); when one fails
 * the factorization gives up (returns null) and {@link splu} falls back to Gilbert–Peierls with
 * row pivoting. When all pass, the factors are those of Gilbert–Peierls in the same column order
 * (the same pivots, the same fill).
 *
 * @module
 * @internal
 */
import { CSCMatrix } from '../../formats/index.js';
import { gemmNN, gemmNT } from '../dense/gemm.js';
import { allocF64, discardF64 } from '../../kernels/runtime/memory.js';
import { analyzeCholesky, type CholeskyLayout, type CholeskySymbolic } from './cholesky-symbolic.js';
import { invertPermutation } from './input.js';
import { DescendantLists } from './supernode-lists.js';
import type { Graph } from './pattern.js';

/** Updates with fewer multiply-adds than this run as plain loops (a kernel call costs more). */
const SMALL_UPDATE = 4096;

/** Factors of Pr·A·Pc = L·U as the Gilbert–Peierls code builds them (permuted row indices). @internal */
export interface LUFactors {
  L: CSCMatrix;
  U: CSCMatrix;
  pinv: Int32Array;
  q: Int32Array;
  flops: number;
}

/**
 * Symbolic analysis of A + Aᵀ for the diagonal-pivot LU (supernodal or simplicial), from the adjacency `G` of A + Aᵀ and the
 * fill-reducing order `order` (new -> old), or the name of the ordering of A + Aᵀ to compute
 * (as {@link analyzeCholesky}), in the layout `layout` (simplicial or supernodal; `'auto'` by flops).
 * `pattern`: a canonical CSC matrix whose pattern is that of A + Aᵀ + I, when the caller has one
 * (A itself when its pattern is symmetric with the diagonal stored); it is built from G otherwise.
 * @internal
 */
export function analyzeSymmetricLU(G: Graph, order: Int32Array | 'auto' | 'amd' | 'nesdis', layout: CholeskyLayout = 'auto', pattern?: CSCMatrix): CholeskySymbolic {
  if (pattern) return analyzeCholesky(pattern, order, true, layout, G);
  // The pattern of A + Aᵀ + I as a CSC matrix: what the Cholesky analysis reads.
  const n = G.n;
  const ptr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) ptr[j + 1] = G.ptr[j + 1]! + j + 1;
  const idx = new Int32Array(ptr[n]!);
  for (let j = 0; j < n; j++) {
    let q = ptr[j]!;
    idx[q++] = j;
    for (let p = G.ptr[j]!; p < G.ptr[j + 1]!; p++) idx[q++] = G.idx[p]!;
  }
  const P = new CSCMatrix({ indptr: ptr, indices: idx, data: new Float64Array(idx.length), shape: [n, n] });
  return analyzeCholesky(P, order, true, layout, G);
}

/**
 * Numeric supernodal LU of canonical CSC `A` (CSR copy `R` for the row-wise gathers) on the
 * analysis `S` of A + Aᵀ. Returns null when a pivot fails the threshold test `tol` (or is zero).
 * @internal
 */
export function luSupernodal(A: CSCMatrix, R: { indptr: Int32Array; indices: Int32Array; data: Float64Array }, S: CholeskySymbolic, tol: number): LUFactors | null {
  const { n, nsuper, superStart, rowPtr, rows, blockPtr, perm } = S;
  const pinv = invertPermutation(perm);
  const ap = A.indptr;
  const ai = A.indices;
  const ax = A.data;
  const rp = R.indptr;
  const ri = R.indices;
  const rx = R.data;
  // Lb: rows × columns of each supernode (L below and on the diagonal block, U's upper part of
  // the diagonal block too); Ub: the same layout holding Uᵀ on the rows below the diagonal block.
  const size = blockPtr[nsuper]!;
  // Blocks and product buffer in WASM memory (when the WASM kernels are in use): the dense
  // kernels work on them in place; they are freed once the CSC factors are assembled.
  const Lb = allocF64(size, true, 0);
  const Ub = allocF64(size, true, 0);
  const relmap = new Int32Array(n);
  const lists = new DescendantLists(S);
  let maxWork = 0;
  for (let s = 0; s < nsuper; s++) maxWork = Math.max(maxWork, blockPtr[s + 1]! - blockPtr[s]!);
  const work = allocF64(maxWork, false, 0);
  const free = (): void => {
    discardF64(work);
    discardF64(Ub);
    discardF64(Lb);
  };
  const lcol = new Float64Array(n);

  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const l = superStart[s + 1]! - 1;
    const w = l - f + 1;
    const r0 = rowPtr[s]!;
    const h = rowPtr[s + 1]! - r0;
    const off = blockPtr[s]!;
    for (let t = 0; t < h; t++) relmap[rows[r0 + t]!] = t;
    // Gather A: columns f..l (rows ≥ f) into Lb, rows f..l (columns > l) into Ub.
    for (let c = f; c <= l; c++) {
      const j = perm[c]!;
      for (let p = ap[j]!; p < ap[j + 1]!; p++) {
        const r = pinv[ai[p]!]!;
        if (r >= f) Lb[off + relmap[r]! * w + c - f] = ax[p]!;
      }
      const i = perm[c]!;
      for (let p = rp[i]!; p < rp[i + 1]!; p++) {
        const cc = pinv[ri[p]!]!;
        if (cc > l) Ub[off + relmap[cc]! * w + c - f] = rx[p]!;
      }
    }
    // Updates from descendants d: rows p1..p2 of d are columns f..l here.
    lists.forEach(s, (d, p1, p2) => {
      const dw = superStart[d + 1]! - superStart[d]!;
      const dr0 = rowPtr[d]!;
      const dh = rowPtr[d + 1]! - dr0;
      const m = dh - p1;
      const k = p2 - p1;
      const doff = blockPtr[d]!;
      if (m * k * dw <= SMALL_UPDATE) {
        for (let jj = 0; jj < k; jj++) {
          const c = rows[dr0 + p1 + jj]! - f;
          const uo = doff + (p1 + jj) * dw;
          const lo = uo;
          // L_s(row, c) −= L_d(row, :)·U_d(:, c) for every row of d from p1 on.
          for (let i = 0; i < m; i++) {
            const ao = doff + (p1 + i) * dw;
            let acc = 0;
            for (let t = 0; t < dw; t++) acc += Lb[ao + t]! * Ub[uo + t]!;
            Lb[off + relmap[rows[dr0 + p1 + i]!]! * w + c]! -= acc;
          }
          // U_sᵀ(col, c) −= U_dᵀ(col, :)·L_d(c, :)ᵀ for the columns of d below l.
          for (let i = k; i < m; i++) {
            const ao = doff + (p1 + i) * dw;
            let acc = 0;
            for (let t = 0; t < dw; t++) acc += Ub[ao + t]! * Lb[lo + t]!;
            Ub[off + relmap[rows[dr0 + p1 + i]!]! * w + c]! -= acc;
          }
        }
      } else {
        work.fill(0, 0, m * k);
        gemmNT(m, k, dw, 1, Lb, doff + p1 * dw, dw, Ub, doff + p1 * dw, dw, work, 0, k);
        for (let i = 0; i < m; i++) {
          const ro = off + relmap[rows[dr0 + p1 + i]!]! * w - f;
          const wo = i * k;
          for (let jj = 0; jj < k; jj++) Lb[ro + rows[dr0 + p1 + jj]!]! -= work[wo + jj]!;
        }
        if (m > k) {
          work.fill(0, 0, (m - k) * k);
          gemmNT(m - k, k, dw, 1, Ub, doff + p2 * dw, dw, Lb, doff + p1 * dw, dw, work, 0, k);
          for (let i = 0; i < m - k; i++) {
            const ro = off + relmap[rows[dr0 + p2 + i]!]! * w - f;
            const wo = i * k;
            for (let jj = 0; jj < k; jj++) Ub[ro + rows[dr0 + p1 + jj]!]! -= work[wo + jj]!;
          }
        }
      }
    });
    if (!panelLU(h, w, Lb, Ub, off, tol, lcol)) {
      free();
      return null;
    }
    lists.factored(s);
  }
  const factors = assemble(S, Lb, Ub, pinv);
  free();
  return factors;
}

/** Columns per block of the panel factorization (the rest of the panel is updated by one product per block). */
const PANEL_BLOCK = 32;

/**
 * Dense LU without pivoting of supernode block Lb (h x w, row-major at `off`; rows 0..w the
 * diagonal block) together with Ub's rows w..h (U₁₂ᵀ), blocked by columns: each block of
 * `PANEL_BLOCK` columns is factored by plain loops, then the columns right of it are updated with
 * `gemmNN`/`gemmNT`. Returns false when a pivot fails the threshold test (or is zero).
 */
function panelLU(h: number, w: number, Lb: Float64Array, Ub: Float64Array, off: number, tol: number, lcol: Float64Array): boolean {
  for (let kb = 0; kb < w; kb += PANEL_BLOCK) {
    const e = Math.min(kb + PANEL_BLOCK, w);
    for (let c = kb; c < e; c++) {
      const piv = Lb[off + c * w + c]!;
      let amax = 0;
      for (let t = c; t < h; t++) amax = Math.max(amax, Math.abs(Lb[off + t * w + c]!));
      if (piv === 0 || !(Math.abs(piv) >= tol * amax)) return false;
      const uo = off + c * w;
      for (let t = c + 1; t < h; t++) {
        const o = off + t * w;
        const v = Lb[o + c]! / piv;
        Lb[o + c] = v;
        lcol[t] = v;
        if (v === 0) continue;
        // Inside the block only; rows of the block also take the columns right of it (the
        // triangular solve for U's block row).
        const c2end = t < e ? w : e;
        for (let c2 = c + 1; c2 < c2end; c2++) Lb[o + c2]! -= v * Lb[uo + c2]!;
      }
      for (let t = w; t < h; t++) {
        const o = off + t * w;
        const u = Ub[o + c]!;
        if (u === 0) continue;
        for (let c2 = c + 1; c2 < e; c2++) Ub[o + c2]! -= lcol[c2]! * u;
      }
    }
    if (e === w) break;
    const nb = e - kb;
    // Trailing update: L₂₂ −= L₂₁·U₁₂ on rows e..h, and U₂₂ᵀ −= U₂₁ᵀ·L₁₂ᵀ on Ub's rows.
    gemmNN(h - e, w - e, nb, -1, Lb, off + e * w + kb, w, 1, Lb, off + kb * w + e, w, Lb, off + e * w + e, w);
    if (h > w) gemmNT(h - w, w - e, nb, -1, Ub, off + w * w + kb, w, Lb, off + e * w + kb, w, Ub, off + w * w + e, w);
  }
  return true;
}

/** CSC factors from the blocks: L with its unit diagonal first, U with its diagonal last; exact zeros dropped. */
function assemble(S: CholeskySymbolic, Lb: Float64Array, Ub: Float64Array, pinv: Int32Array): LUFactors {
  const { n, nsuper, superStart, rowPtr, rows, blockPtr, perm } = S;
  // Counts per column of L (lp) and of U (up), and per row of U (urow, for the flop count). The
  // blocks are read row by row (they are row-major).
  const lp = new Int32Array(n + 1);
  const up = new Int32Array(n + 1);
  const urow = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const w = superStart[s + 1]! - f;
    const r0 = rowPtr[s]!;
    const h = rowPtr[s + 1]! - r0;
    const off = blockPtr[s]!;
    for (let t = 0; t < h; t++) {
      const o = off + t * w;
      const lend = t < w ? t : w;
      for (let c = 0; c < lend; c++) if (Lb[o + c] !== 0) lp[f + c + 1]!++;
      if (t < w) {
        up[f + t + 1]!++;
        for (let c2 = t + 1; c2 < w; c2++) {
          if (Lb[o + c2] !== 0) {
            up[f + c2 + 1]!++;
            urow[f + t]!++;
          }
        }
      } else {
        const col = rows[r0 + t]!;
        for (let c = 0; c < w; c++) {
          if (Ub[o + c] !== 0) {
            up[col + 1]!++;
            urow[f + c]!++;
          }
        }
      }
    }
  }
  let flops = 0;
  for (let j = 0; j < n; j++) {
    const lc = lp[j + 1]!;
    flops += lc + 2 * lc * urow[j]!;
    lp[j + 1] = lp[j]! + lc + 1;
    up[j + 1]! += up[j]!;
  }
  const li = new Int32Array(lp[n]!);
  const lx = new Float64Array(lp[n]!);
  const ui = new Int32Array(up[n]!);
  const ux = new Float64Array(up[n]!);
  const lpos = new Int32Array(n);
  for (let j = 0; j < n; j++) lpos[j] = lp[j]! + 1;
  const upos = up.slice(0, n);
  // Fill, supernodes and rows in order: indices come out ascending (L's diagonal first, U's last).
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const w = superStart[s + 1]! - f;
    const r0 = rowPtr[s]!;
    const h = rowPtr[s + 1]! - r0;
    const off = blockPtr[s]!;
    // L below the diagonal, in tiles of 8 columns (one cache line of a block row) so that the
    // writes go to few columns at a time.
    for (let c0 = 0; c0 < w; c0 += 8) {
      const c1 = Math.min(c0 + 8, w);
      for (let t = c0 + 1; t < h; t++) {
        const o = off + t * w;
        const i = rows[r0 + t]!;
        const lend = t < c1 ? t : c1;
        for (let c = c0; c < lend; c++) {
          const v = Lb[o + c]!;
          if (v === 0) continue;
          const q = lpos[f + c]!++;
          li[q] = i;
          lx[q] = v;
        }
      }
    }
    for (let t = 0; t < h; t++) {
      const o = off + t * w;
      const i = rows[r0 + t]!;
      if (t < w) {
        // Row t of the diagonal block: L's unit diagonal, U's diagonal and U's row to its right.
        const j = f + t;
        li[lp[j]!] = j;
        lx[lp[j]!] = 1;
        let q = upos[j]!++;
        ui[q] = j;
        ux[q] = Lb[o + t]!;
        for (let c2 = t + 1; c2 < w; c2++) {
          const v = Lb[o + c2]!;
          if (v === 0) continue;
          q = upos[f + c2]!++;
          ui[q] = j;
          ux[q] = v;
        }
      } else {
        for (let c = 0; c < w; c++) {
          const v = Ub[o + c]!;
          if (v === 0) continue;
          const q = upos[i]!++;
          ui[q] = f + c;
          ux[q] = v;
        }
      }
    }
  }
  const L = new CSCMatrix({ indptr: lp, indices: li, data: lx, shape: [n, n] }, { canonical: true });
  const U = new CSCMatrix({ indptr: up, indices: ui, data: ux, shape: [n, n] }, { canonical: true });
  return { L, U, pinv, q: perm, flops };
}
