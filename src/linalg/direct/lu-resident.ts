/**
 * LU factors held in WASM memory: the simplicial kernel's L and U (CSC, L's unit diagonal first
 * and U's diagonal last in each column) in one block of their own, solved there (`lu_solve`,
 * `lu_solve_t`) without copying them per solve. The block belongs to one {@link SparseLU} and
 * nothing else writes to it, so the factors never change after the factorization; it is freed by
 * {@link ResidentLU.free} or, for a factorization dropped without `dispose()`, when the garbage
 * collector reclaims it. The collector does not see WASM memory, so a loop that drops its
 * factorizations without `dispose()` could pile them up there (WASM memory never shrinks): the
 * blocks alive at once are capped at {@link residentLUBudget} bytes, and factors beyond it are
 * copied into JS arrays instead.
 *
 * @module
 * @internal
 */
import { CSCMatrix } from '../../formats/index.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';

/** The block's address (-1 once freed) and size; shared with the finalizer, which must not hold the owner. */
interface Block {
  ptr: number;
  bytes: number;
}

let liveBytes = 0;
let budget = 64 * 2 ** 20;

/**
 * Bytes of WASM memory that resident LU factors may hold at once (default 64 MiB); with `bytes`,
 * set it (factors already resident stay). @internal
 */
export function residentLUBudget(bytes?: number): number {
  if (bytes !== undefined) budget = Math.max(0, bytes);
  return budget;
}

function release(b: Block): void {
  if (b.ptr < 0) return;
  getWasm()?.free(b.ptr);
  liveBytes -= b.bytes;
  b.ptr = -1;
}

const finalizer = new FinalizationRegistry<Block>(release);

const align = (bytes: number): number => (bytes + 15) & ~15;

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
 * doubles of work space for the solves at `y`.
 * @internal
 */
export class ResidentLU {
  private constructor(readonly n: number, readonly lnz: number, readonly unz: number, private readonly block: Block, private readonly at: FactorArrays, private readonly y: number) {
    finalizer.register(this, block, this);
  }

  /**
   * Copies of the factors at `src` (in WASM memory, e.g. the arrays a kernel just wrote) in a new
   * block of their own; null when the WASM kernels are not loaded, memory is short or the block
   * would exceed {@link residentLUBudget}.
   */
  static copyOf(n: number, src: FactorArrays): ResidentLU | null {
    const w = getWasm();
    if (!w) return null;
    const lnz = w.i32(src.lp, n + 1)[n]!;
    const unz = w.i32(src.up, n + 1)[n]!;
    const sizes: [keyof FactorArrays, number][] = [['lp', 4 * (n + 1)], ['up', 4 * (n + 1)], ['li', 4 * lnz], ['ui', 4 * unz], ['lx', 8 * lnz], ['ux', 8 * unz]];
    let bytes = 0;
    const offset: number[] = [];
    for (const [, b] of sizes) {
      offset.push(bytes);
      bytes += align(b);
    }
    const total = bytes + 8 * n;
    if (liveBytes + total > budget) return null;
    const ptr = w.alloc(total);
    if (ptr < 0) return null;
    liveBytes += total;
    // A view made after the allocation (memory may have grown).
    const mem = new Uint8Array(w.memory.buffer);
    const at = {} as FactorArrays;
    sizes.forEach(([name, b], t) => {
      at[name] = ptr + offset[t]!;
      mem.copyWithin(at[name], src[name], src[name] + b);
    });
    return new ResidentLU(n, lnz, unz, { ptr, bytes: total }, at, ptr + bytes);
  }

  /** True once {@link ResidentLU.free} ran. */
  get freed(): boolean {
    return this.block.ptr < 0;
  }

  /** Bytes of WASM memory held (0 once freed). */
  get bytes(): number {
    return this.freed ? 0 : this.block.bytes;
  }

  /**
   * b ← A⁻¹·b (Aᵀ with `trans`) for Pr·A·Pc = L·U, Pr given by `pinv` and Pc by `q`: the
   * permutations and loops of SparseLU's solve, the triangular solves in WASM.
   */
  solve(b: Float64Array, pinv: Int32Array, q: Int32Array, trans: boolean): void {
    const w = getWasm()!;
    const n = this.n;
    const { lp, li, lx, up, ui, ux } = this.at;
    const y = w.f64(this.y, n);
    if (!trans) {
      for (let i = 0; i < n; i++) y[pinv[i]!] = b[i]!;
      w.fn('lu_solve')(lp, li, lx, up, ui, ux, this.y, n);
      for (let k = 0; k < n; k++) b[q[k]!] = y[k]!;
    } else {
      for (let k = 0; k < n; k++) y[k] = b[q[k]!]!;
      w.fn('lu_solve_t')(lp, li, lx, up, ui, ux, this.y, n);
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
    finalizer.unregister(this);
    release(this.block);
  }
}
