/**
 * Numeric phase of the supernodal left-looking Cholesky factorization (Ng & Peyton 1993; the
 * scheme of CHOLMOD's supernodal factorization). Each supernode is a dense h x w block (its w
 * columns of L on the rows of its structure, row-major). Supernodes are factored in order: first
 * the entries of A are gathered into the block, then every descendant supernode d whose rows meet
 * the supernode's columns contributes  L_d[rows ≥ f, :] · L_d[rows in f..l, :]ᵀ  (one matrix
 * product in the dense kernel, then a scatter through the relative row map), and finally the
 * block is factored as a dense panel (L11 by Cholesky, L21 = A21·L11⁻ᵀ). Descendants are found
 * with linked lists keyed by the next supernode each one updates ({@link DescendantLists}), so
 * the work is the flop count plus O(nnz(L)) bookkeeping.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/index.js';
import { choleskyPanelInPlace } from '../dense/cholesky.js';
import { gemmNT } from '../dense/gemm.js';
import { allocF64, discardF64, releaseF64 } from '../../kernels/runtime/memory.js';
import type { CholeskySymbolic } from './cholesky-symbolic.js';
import { DescendantLists } from './supernode-lists.js';
import { scatterSubLowerWasm } from '../../kernels/dense/supernodal.js';

/** Updates with fewer multiply-adds than this run as plain loops (a kernel call costs more). */
const SMALL_UPDATE = 4096;
/**
 * Column block of the larger updates: the diagonal blocks' upper triangles (computed, not used)
 * cost about UPDATE_BLOCK / 2 of every k columns' multiply-adds.
 */
const UPDATE_BLOCK = 64;

/**
 * The error for a pivot `v` ≤ 0 at step k of the permuted factorization (original column perm[k]).
 * @internal
 */
export function notPositiveDefinite(perm: Int32Array, k: number, v: number): ArgumentError {
  return new ArgumentError(
    `A (column ${perm[k]!})`, v,
    `a symmetric positive definite matrix: the pivot of column ${perm[k]!} (step ${k} of the permuted factorization) must be positive`,
  );
}

/**
 * Factor values `ax` (the data array of the analysed matrix A) into a new block array.
 * @throws {@link ArgumentError} naming the original column where a non-positive pivot appeared.
 * @internal
 */
export function factorSupernodal(S: CholeskySymbolic, ax: Float64Array): Float64Array {
  const { n, nsuper, superStart, rowPtr, rows, blockPtr, cp, ci, amap } = S;
  // The blocks and the product buffer live in WASM memory (when the WASM kernels are in use), so
  // the dense kernels work on them in place instead of copying operands in and out per call.
  const L = allocF64(blockPtr[nsuper]!, false, 0);
  const relmap = new Int32Array(n);
  const lists = new DescendantLists(S);
  let maxWork = 0;
  for (let s = 0; s < nsuper; s++) {
    const sz = blockPtr[s + 1]! - blockPtr[s]!;
    if (sz > maxWork) maxWork = sz;
  }
  const work = allocF64(maxWork, false, 0);
  const cmap = new Int32Array(n);
  // The scatter runs in WASM when the blocks are resident: target row and column offsets are
  // passed in these (resident) arrays. A call with nothing to scatter tells whether it can.
  const rowOff = allocF64(n, false, 0);
  const colOff = allocF64(UPDATE_BLOCK, false, 0);
  const wasmScatter = scatterSubLowerWasm(0, 0, work, L, rowOff, colOff, true);

  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const l = superStart[s + 1]! - 1;
    const w = l - f + 1;
    const r0 = rowPtr[s]!;
    const h = rowPtr[s + 1]! - r0;
    const off = blockPtr[s]!;
    for (let t = 0; t < h; t++) relmap[rows[r0 + t]!] = t;
    // Zeroed here, not at allocation: the block is then in cache for the gather and the updates.
    L.fill(0, off, off + h * w);
    // Gather A's lower triangle for columns f..l.
    for (let j = f; j <= l; j++) {
      const c = j - f;
      for (let p = cp[j]!; p < cp[j + 1]!; p++) L[off + relmap[ci[p]!]! * w + c] = ax[amap[p]!]!;
    }
    // Updates from descendants.
    lists.forEach(s, (d, p1, p2) => {
      const dw = superStart[d + 1]! - superStart[d]!;
      const dr0 = rowPtr[d]!;
      const dh = rowPtr[d + 1]! - dr0;
      const m = dh - p1;
      const k = p2 - p1;
      const doff = blockPtr[d]!;
      if (m * k * dw <= SMALL_UPDATE) {
        // Small update: dot products straight into the target, no product buffer.
        for (let jj = 0; jj < k; jj++) {
          const c = rows[dr0 + p1 + jj]! - f;
          const bo = doff + (p1 + jj) * dw;
          for (let i = jj; i < m; i++) {
            const ao = doff + (p1 + i) * dw;
            let acc = 0;
            for (let t = 0; t < dw; t++) acc += L[ao + t]! * L[bo + t]!;
            L[off + relmap[rows[dr0 + p1 + i]!]! * w + c]! -= acc;
          }
        }
      } else {
        // The product's top k x k block is symmetric and only its lower triangle is used, so it
        // runs by column blocks of UPDATE_BLOCK: block [j0, j0 + kb) needs only rows j0..m − 1,
        // work[(m − j0) x kb] = L_d[p1 + j0.., :] · L_d[p1 + j0..p1 + j0 + kb, :]ᵀ, which is
        // then scattered (its lower trapezoid) before the next block.
        for (let j0 = 0; j0 < k; j0 += UPDATE_BLOCK) {
          const kb = k - j0 < UPDATE_BLOCK ? k - j0 : UPDATE_BLOCK;
          const mb = m - j0;
          const q1 = p1 + j0;
          work.fill(0, 0, mb * kb);
          gemmNT(mb, kb, dw, 1, L, doff + q1 * dw, dw, L, doff + q1 * dw, dw, work, 0, kb);
          const c0 = rows[dr0 + q1]! - f;
          const consecutive = rows[dr0 + q1 + kb - 1]! - f - c0 === kb - 1;
          if (wasmScatter) {
            for (let i = 0; i < mb; i++) rowOff[i] = off + relmap[rows[dr0 + q1 + i]!]! * w;
            if (consecutive) colOff[0] = c0;
            else for (let jj = 0; jj < kb; jj++) colOff[jj] = rows[dr0 + q1 + jj]! - f;
            scatterSubLowerWasm(mb, kb, work, L, rowOff, colOff, consecutive);
          } else if (consecutive) {
            // The target columns are consecutive: subtract whole row segments.
            for (let i = 0; i < mb; i++) {
              const ro = off + relmap[rows[dr0 + q1 + i]!]! * w + c0;
              const wo = i * kb;
              const jmax = i < kb ? i + 1 : kb;
              for (let jj = 0; jj < jmax; jj++) L[ro + jj]! -= work[wo + jj]!;
            }
          } else {
            for (let jj = 0; jj < kb; jj++) cmap[jj] = rows[dr0 + q1 + jj]! - f;
            for (let i = 0; i < mb; i++) {
              const ro = off + relmap[rows[dr0 + q1 + i]!]! * w;
              const wo = i * kb;
              const jmax = i < kb ? i + 1 : kb;
              for (let jj = 0; jj < jmax; jj++) L[ro + cmap[jj]!]! -= work[wo + jj]!;
            }
          }
        }
      }
    });
    const fail = choleskyPanelInPlace(h, w, L, off, w);
    if (fail >= 0) {
      const v = L[off + fail * w + fail]!;
      discardF64(work);
      discardF64(rowOff);
      discardF64(colOff);
      discardF64(L);
      throw notPositiveDefinite(S.perm, f + fail, v);
    }
    lists.factored(s);
  }
  discardF64(work);
  discardF64(rowOff);
  discardF64(colOff);
  return releaseF64(L);
}
