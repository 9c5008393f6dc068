/**
 * `spsolve`'s Cholesky route for one vector b: A·x = b solved without a factor object (spsolve
 * discards it). With the WASM kernels, the symbolic counts, the simplicial factorization and the
 * two triangular solves run on one copy of the analysis in WASM memory: L is never copied out,
 * the analysis never copied back in. These are the kernels that `choleskyChecked` followed by
 * `SparseCholesky.solveInPlace` call, on the same inputs in the same order, so x is the same bits.
 *
 * @module
 * @internal
 */
import type { CSCMatrix } from '../../formats/index.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { amdOrder } from './amd.js';
import { fillTotals, wantsDissectionTrial, wantsSimplicial } from './cholesky-symbolic.js';
import { invertPermutation } from './input.js';
import type { Graph } from './pattern.js';
import { callOnCopies, type Room } from './wasm-call.js';

/**
 * Solve A·x = x in place for symmetric A (canonical CSC, finite; lower triangle read) whose
 * off-diagonal pattern is `G`, when ordering `'auto'` keeps AMD's order and the layout is
 * simplicial. Returns true when x holds the solution; false when A is not positive definite (x
 * untouched); else AMD's order of G (x untouched): the general path (`choleskyChecked`) takes
 * over and may reuse it.
 * @internal
 */
export function choleskySolveOnce(C: CSCMatrix, G: Graph, x: Float64Array): boolean | Int32Array {
  const n = C.shape[0];
  const first = amdOrder(G);
  const w = n > 0 && wantWasm(true) ? getWasm() : null;
  if (!w) return first;
  const nnzA = C.indptr[n]!;
  const room = (length: number): Room => ({ bytes: 4, length });
  let result: boolean | Int32Array = first;
  // simplicial_counts (cholesky-symbolic.ts's simplicialCounts): the upper triangle of P·A·Pᵀ
  // (cp, ci, amap), the elimination tree and the column counts, left in WASM memory.
  const arrays = [C.indptr, C.indices.subarray(0, nnzA), invertPermutation(first), room(n + 1), room(nnzA), room(nnzA), room(n), room(n)];
  const ret = callOnCopies('simplicial_counts', arrays, [n], [], (8 * n + 2 + nnzA) * 4, [3, 4, 5, 6, 7], (_, args) => {
    const [, , , cpP, ciP, amapP, parentP, countP] = args as [number, number, number, number, number, number, number, number];
    const { nnzL, flops } = fillTotals(w.i32(countP, n));
    if (wantsDissectionTrial(n, nnzL, flops) || !wantsSimplicial(nnzL, flops)) return [];
    const nnzC = w.i32(cpP, n + 1)[n]!;
    // The numeric phase's arrays (cholesky-simplicial.ts's factorSimplicial) and the solve's y.
    const sizes = [8 * nnzL, 8 * n, 8 * nnzC, 8 * n, 4 * (n + 1), 4 * nnzL, 4 * n, 4 * n, 4 * n];
    const offsets: number[] = [];
    let bytes = 0;
    for (const b of sizes) {
      offsets.push(bytes);
      bytes += (b + 15) & ~15;
    }
    const base = w.alloc(bytes);
    if (base < 0) return [];
    try {
      const [lxP, xP, cxP, yP, lpP, liP, nextP, sP, markP] = offsets.map((o) => base + o) as [number, number, number, number, number, number, number, number, number];
      // Views after the allocation (memory may have grown).
      const colcount = w.i32(countP, n);
      const lp = w.i32(lpP, n + 1);
      lp[0] = 0;
      for (let j = 0; j < n; j++) lp[j + 1] = lp[j]! + colcount[j]!;
      w.i32(nextP, n).set(lp.subarray(0, n));
      w.f64(xP, n).fill(0);
      w.i32(markP, n).fill(-1);
      const cx = w.f64(cxP, nnzC);
      const amap = w.i32(amapP, nnzC);
      const ax = C.data;
      for (let p = 0; p < nnzC; p++) cx[p] = ax[amap[p]!]!;
      if (w.fn('chol_simplicial')(cpP, ciP, cxP, parentP, lpP, liP, lxP, nextP, xP, sP, markP, n) >= 0) {
        result = false;
        return [];
      }
      const y = w.f64(yP, n);
      for (let k = 0; k < n; k++) y[k] = x[first[k]!]!;
      w.fn('chol_simplicial_solve')(lpP, liP, lxP, yP, n);
      for (let k = 0; k < n; k++) x[first[k]!] = y[k]!;
      result = true;
      return [];
    } finally {
      w.free(base);
    }
  });
  return ret === null ? first : result;
}
