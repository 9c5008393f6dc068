/**
 * `spsolve`'s Cholesky route for one vector b: A·x = b solved without a factor object (spsolve
 * discards it). With the WASM kernels, the symbolic counts (simplicial_counts) and then the
 * simplicial factorization with the two permuted triangular solves (chol_solve_once) run on one
 * copy of the analysis in WASM memory: L is never copied out, the analysis never copied back in.
 * These are the loops that `choleskyChecked` followed by `SparseCholesky.solveInPlace` run, on the
 * same inputs in the same order, so x is the same bits.
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
    // chol_solve_once's other arrays (assembly/sparse-chol-once.ts): A's values, the order and b
    // copied in; L, the set-up of the factorization (cholesky-simplicial.ts) and the solve's y.
    const sizes = [8 * nnzA, 8 * n, 8 * nnzL, 8 * n, 8 * nnzC, 8 * n, 4 * n, 4 * (n + 1), 4 * nnzL, 4 * n, 4 * n, 4 * n];
    const offsets: number[] = [];
    let bytes = 0;
    for (const b of sizes) {
      offsets.push(bytes);
      bytes += (b + 15) & ~15;
    }
    const base = w.alloc(bytes);
    if (base < 0) return [];
    try {
      const [axP, bP, lxP, xP, cxP, yP, permP, lpP, liP, nextP, sP, markP] = offsets.map((o) => base + o) as [number, number, number, number, number, number, number, number, number, number, number, number];
      // Views after the allocation (memory may have grown).
      w.f64(axP, nnzA).set(C.data.subarray(0, nnzA));
      w.f64(bP, n).set(x);
      w.i32(permP, n).set(first);
      const fail = w.fn('chol_solve_once')(cpP, ciP, amapP, parentP, countP, axP, permP, bP, lpP, liP, lxP, nextP, xP, sP, markP, cxP, yP, n);
      result = fail < 0;
      if (result) x.set(w.f64(bP, n));
      return [];
    } finally {
      w.free(base);
    }
  });
  return ret === null ? first : result;
}
