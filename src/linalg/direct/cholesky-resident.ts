/**
 * A simplicial Cholesky factor held in WASM memory: L by columns (diagonal first, as
 * cholesky-simplicial.ts writes it) in a {@link ResidentBlock} of its own, solved there
 * (`chol_simplicial_solve`) without copying L per solve. The block belongs to one
 * {@link SparseCholesky}; its lifetime and the cap on such blocks are resident-block.ts's.
 *
 * @module
 * @internal
 */
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { ResidentBlock } from './resident-block.js';
import { align16 } from './wasm-call.js';

/**
 * L of order n with nnz stored entries (its pointers, rows and values at `at` = [lp, li, lx]),
 * followed by the permutation p of A[p][:, p] = L·Lᵀ and 2n doubles of work space for the solves.
 * @internal
 */
export class ResidentCholesky {
  private constructor(readonly n: number, readonly nnz: number, private readonly block: ResidentBlock) {}

  /**
   * A copy of L at byte offsets `lp` (n + 1 ints), `li` (ints) and `lx` (doubles) in WASM memory
   * (the arrays the factorization kernel just wrote) and of `perm` in a new block of its own; null when the
   * WASM kernels are not loaded, memory is short or the block would exceed the budget of
   * resident factors.
   */
  static copyOf(n: number, lp: number, li: number, lx: number, perm: Int32Array): ResidentCholesky | null {
    const w = getWasm();
    if (!w) return null;
    const nnz = w.i32(lp, n + 1)[n]!;
    // Work space after L: the permutation (padded to 16 bytes), then b and y (n doubles each).
    const block = ResidentBlock.copyOf([{ ptr: lp, bytes: 4 * (n + 1) }, { ptr: li, bytes: 4 * nnz }, { ptr: lx, bytes: 8 * nnz }], align16(4 * n) + 16 * n);
    if (!block) return null;
    w.i32(block.work, n).set(perm);
    return new ResidentCholesky(n, nnz, block);
  }

  /** True once {@link ResidentCholesky.free} ran. */
  get freed(): boolean {
    return this.block.freed;
  }

  /** Bytes of WASM memory held (0 once freed). */
  get bytes(): number {
    return this.block.bytes;
  }

  /**
   * b ← A⁻¹·b for A[p][:, p] = L·Lᵀ (p as given to copyOf): the permutation and loops of
   * SparseCholesky's solve, in WASM.
   */
  solve(b: Float64Array): void {
    const w = getWasm()!;
    const n = this.n;
    const [lp, li, lx] = this.block.at as [number, number, number];
    const permP = this.block.work;
    const bP = permP + align16(4 * n);
    w.f64(bP, n).set(b);
    w.fn('chol_simplicial_solve_perm')(lp, li, lx, permP, bP, bP + 8 * n, n);
    b.set(w.f64(bP, n));
  }

  /** Σ log L_jj. O(n). */
  logDiagonalSum(): number {
    const w = getWasm()!;
    const [lp, , lx] = this.block.at as [number, number, number];
    const ptr = w.i32(lp, this.n + 1);
    const values = w.f64(lx, this.nnz);
    let s = 0;
    for (let j = 0; j < this.n; j++) s += Math.log(values[ptr[j]!]!);
    return s;
  }

  /** JS copies of L's row indices and values (by columns, diagonal first). O(nnz(L)). */
  toArrays(): { rows: Int32Array; values: Float64Array } {
    const w = getWasm()!;
    const [, li, lx] = this.block.at as [number, number, number];
    return { rows: w.i32(li, this.nnz).slice(), values: w.f64(lx, this.nnz).slice() };
  }

  /** Free the block now. Idempotent. */
  free(): void {
    this.block.free();
  }
}
