/**
 * `spsolve`'s Cholesky route for one vector b: A·x = b solved without a factor object (spsolve
 * discards it). With the WASM kernels, A's pattern is copied into WASM memory once: the ordering
 * graph (A's pattern without the diagonal), AMD and the symbolic counts run there in one call
 * (chol_order_counts), and then the simplicial factorization with the two permuted triangular
 * solves (chol_solve_once) on the same memory: L is never copied out, the analysis never copied
 * back in. These are the loops that `choleskyChecked` followed by `SparseCholesky.solveInPlace`
 * run, on the same inputs in the same order, so x is the same bits.
 *
 * @module
 * @internal
 */
import type { CSCMatrix } from '../../formats/index.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { amdScratchBytes, amdSizes } from './amd.js';
import { fillTotals, wantsDissectionTrial, wantsSimplicial } from './cholesky-symbolic.js';
import { alignedOffsets, callOnCopies, type Room } from './wasm-call.js';

/**
 * Solve A·x = x in place for symmetric A (canonical CSC, finite, every diagonal entry stored;
 * lower triangle read) when ordering `'auto'` keeps AMD's order and the layout is simplicial.
 * Returns true when x holds the solution; false when A is not positive definite (x untouched);
 * AMD's order of A's off-diagonal pattern when the general path (`choleskyChecked`) has to take
 * over (x untouched; it may reuse the order); undefined when nothing was done (no WASM kernels,
 * or AMD wants a larger work array).
 * @internal
 */
export function choleskySolveOnce(C: CSCMatrix, x: Float64Array): boolean | Int32Array | undefined {
  const n = C.shape[0];
  const w = n > 0 && wantWasm(true) ? getWasm() : null;
  if (!w) return undefined;
  const nnzA = C.indptr[n]!;
  // The pattern is symmetric with its diagonal stored: the ordering graph has nnzA − n entries.
  const { iwlen, denseLimit } = amdSizes(n, nnzA - n);
  const room = (length: number): Room => ({ bytes: 4, length });
  const perm = new Int32Array(n);
  let result: boolean | Int32Array | undefined;
  // chol_order_counts (assembly/sparse-chol-once.ts): the ordering graph, AMD's order and its
  // inverse, then simplicial_counts' upper triangle of P·A·Pᵀ (cp, ci, amap), elimination tree
  // and column counts, left in WASM memory.
  const arrays = [C.indptr, C.indices.subarray(0, nnzA), room(n + 1), room(nnzA - n), perm, room(n), room(n + 1), room(nnzA), room(nnzA), room(n), room(n)];
  const scratch = Math.max(amdScratchBytes(n, iwlen), (8 * n + 2 + nnzA) * 4);
  callOnCopies('chol_order_counts', arrays, [n, iwlen, denseLimit], [], scratch, [2, 3, 4, 5, 6, 7, 8, 9, 10], (ret, args) => {
    if (ret !== 0) return [];
    const [, , , , permP, , cpP, ciP, amapP, parentP, countP] = args as [number, number, number, number, number, number, number, number, number, number, number];
    const { nnzL, flops } = fillTotals(w.i32(countP, n));
    if (wantsDissectionTrial(n, nnzL, flops) || !wantsSimplicial(nnzL, flops)) {
      result = perm;
      return [4];
    }
    const nnzC = w.i32(cpP, n + 1)[n]!;
    // chol_solve_once's other arrays: A's values and b copied in; L, the set-up of the
    // factorization (cholesky-simplicial.ts) and the solve's y.
    const sizes = [8 * nnzA, 8 * n, 8 * nnzL, 8 * n, 8 * nnzC, 8 * n, 4 * (n + 1), 4 * nnzL, 4 * n, 4 * n, 4 * n];
    const { offsets, bytes } = alignedOffsets(sizes);
    const base = w.alloc(bytes);
    if (base < 0) {
      result = perm;
      return [4];
    }
    try {
      const [axP, bP, lxP, xP, cxP, yP, lpP, liP, nextP, sP, markP] = offsets.map((o) => base + o) as [number, number, number, number, number, number, number, number, number, number, number];
      // Views after the allocation (memory may have grown).
      w.f64(axP, nnzA).set(C.data.subarray(0, nnzA));
      w.f64(bP, n).set(x);
      const fail = w.fn('chol_solve_once')(cpP, ciP, amapP, parentP, countP, axP, permP, bP, lpP, liP, lxP, nextP, xP, sP, markP, cxP, yP, n);
      result = fail < 0;
      if (result) x.set(w.f64(bP, n));
      return [];
    } finally {
      w.free(base);
    }
  });
  return result;
}
