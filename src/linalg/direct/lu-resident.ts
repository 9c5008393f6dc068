/**
 * LU factors held in WASM memory: the simplicial kernel's L and U (CSC, L's unit diagonal first
 * and U's diagonal last in each column) in a {@link ResidentBlock} of their own, solved there
 * (`lu_solve`, `lu_solve_t`) without copying them per solve. The block belongs to one
 * {@link SparseLU}; its lifetime and the cap on such blocks are resident-block.ts's.
 *
 * @module
 * @internal
 */
import { CSCMatrix } from '../../formats/index.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { ResidentBlock } from './resident-block.js';

/** Byte offsets of the factors' arrays in WASM memory (lp, up: n + 1 ints; lnz = lp[n], unz = up[n]). @internal */
export interface FactorArrays {
  lp: number;
  li: number;
  lx: number;
  up: number;
  ui: number;
  ux: number;
}

/**
 * Factors of order n with lnz and unz stored entries in `block`, at the offsets `at`, with n
 * doubles of work space for the solves after them.
 * @internal
 */
export class ResidentLU {
  private constructor(readonly n: number, readonly lnz: number, readonly unz: number, private readonly block: ResidentBlock, private readonly at: FactorArrays) {}

  /**
   * Copies of the factors at `src` (in WASM memory, e.g. the arrays a kernel just wrote) in a new
   * block of their own; null when the WASM kernels are not loaded, memory is short or the block
   * would exceed the budget of resident factors.
   */
  static copyOf(n: number, src: FactorArrays): ResidentLU | null {
    const w = getWasm();
    if (!w) return null;
    const lnz = w.i32(src.lp, n + 1)[n]!;
    const unz = w.i32(src.up, n + 1)[n]!;
    const names: (keyof FactorArrays)[] = ['lp', 'up', 'li', 'ui', 'lx', 'ux'];
    const bytes = [4 * (n + 1), 4 * (n + 1), 4 * lnz, 4 * unz, 8 * lnz, 8 * unz];
    const block = ResidentBlock.copyOf(names.map((name, t) => ({ ptr: src[name], bytes: bytes[t]! })), 8 * n);
    if (!block) return null;
    const at = {} as FactorArrays;
    names.forEach((name, t) => (at[name] = block.at[t]!));
    return new ResidentLU(n, lnz, unz, block, at);
  }

  /** True once {@link ResidentLU.free} ran. */
  get freed(): boolean {
    return this.block.freed;
  }

  /** Bytes of WASM memory held (0 once freed). */
  get bytes(): number {
    return this.block.bytes;
  }

  /**
   * b ← A⁻¹·b (Aᵀ with `trans`) for Pr·A·Pc = L·U, Pr given by `pinv` and Pc by `q`: the
   * permutations and loops of SparseLU's solve, the triangular solves in WASM.
   */
  solve(b: Float64Array, pinv: Int32Array, q: Int32Array, trans: boolean): void {
    const w = getWasm()!;
    const n = this.n;
    const { lp, li, lx, up, ui, ux } = this.at;
    const yp = this.block.work;
    const y = w.f64(yp, n);
    if (!trans) {
      for (let i = 0; i < n; i++) y[pinv[i]!] = b[i]!;
      w.fn('lu_solve')(lp, li, lx, up, ui, ux, yp, n);
      for (let k = 0; k < n; k++) b[q[k]!] = y[k]!;
    } else {
      for (let k = 0; k < n; k++) y[k] = b[q[k]!]!;
      w.fn('lu_solve_t')(lp, li, lx, up, ui, ux, yp, n);
      for (let i = 0; i < n; i++) b[i] = y[pinv[i]!]!;
    }
  }

  /** JS copies of L and U (CSC, in the kernel's order within columns). O(nnz(L) + nnz(U)). */
  toCSC(): [CSCMatrix, CSCMatrix] {
    const w = getWasm()!;
    const n = this.n;
    const { lp, li, lx, up, ui, ux } = this.at;
    const L = new CSCMatrix({ indptr: w.i32(lp, n + 1).slice(), indices: w.i32(li, this.lnz).slice(), data: w.f64(lx, this.lnz).slice(), shape: [n, n] });
    const U = new CSCMatrix({ indptr: w.i32(up, n + 1).slice(), indices: w.i32(ui, this.unz).slice(), data: w.f64(ux, this.unz).slice(), shape: [n, n] });
    return [L, U];
  }

  /** Free the block now. Idempotent. */
  free(): void {
    this.block.free();
  }
}
