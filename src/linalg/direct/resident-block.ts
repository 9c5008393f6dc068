/**
 * Blocks of WASM memory that hold a factorization's factors where its solves run (SparseLU's
 * simplicial L and U, SparseCholesky's simplicial L): one block per factorization, written once
 * after the factorization and never changed, so a solve reads them without copying. A block is
 * freed by {@link ResidentBlock.free} (the owner's `dispose()`) or, for a factorization dropped
 * without `dispose()`, when the garbage collector reclaims it. The collector does not see WASM
 * memory, so a loop that drops its factorizations without `dispose()` could pile them up there
 * (WASM memory never shrinks): the blocks alive at once are capped at {@link residentFactorBudget}
 * bytes, and factors beyond it are kept in JS arrays instead.
 *
 * @module
 * @internal
 */
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { alignedOffsets } from './wasm-call.js';

/** The block's address (-1 once freed) and size; shared with the finalizer, which must not hold the owner. */
interface Block {
  ptr: number;
  bytes: number;
}

let liveBytes = 0;
let budget = 64 * 2 ** 20;

/**
 * Bytes of WASM memory that resident factors (LU and Cholesky together) may hold at once
 * (default 64 MiB); with `bytes`, set it (factors already resident stay). @internal
 */
export function residentFactorBudget(bytes?: number): number {
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

/** An array in WASM memory: its byte offset and length in bytes. @internal */
export interface WasmSpan {
  ptr: number;
  bytes: number;
}

/**
 * Copies of arrays in WASM memory (e.g. the factors a kernel just wrote in its scratch block), 16-byte
 * aligned in one block of their own, followed by uninitialised work space for the solves.
 * @internal
 */
export class ResidentBlock {
  private constructor(private readonly block: Block, readonly at: number[], readonly work: number) {
    finalizer.register(this, block, this);
  }

  /**
   * A block holding copies of `src` and `workBytes` more; null when the WASM kernels are not
   * loaded, memory is short or the block would exceed {@link residentFactorBudget}.
   */
  static copyOf(src: WasmSpan[], workBytes: number): ResidentBlock | null {
    const w = getWasm();
    if (!w) return null;
    const { offsets: offset, bytes: work } = alignedOffsets(src.map((s) => s.bytes));
    const total = work + workBytes;
    if (liveBytes + total > budget) return null;
    const ptr = w.alloc(total);
    if (ptr < 0) return null;
    liveBytes += total;
    // A view made after the allocation (memory may have grown).
    const mem = new Uint8Array(w.memory.buffer);
    const at = src.map((s, t) => {
      mem.copyWithin(ptr + offset[t]!, s.ptr, s.ptr + s.bytes);
      return ptr + offset[t]!;
    });
    return new ResidentBlock({ ptr, bytes: total }, at, ptr + work);
  }

  /** True once {@link ResidentBlock.free} ran. */
  get freed(): boolean {
    return this.block.ptr < 0;
  }

  /** Bytes of WASM memory held (0 once freed). */
  get bytes(): number {
    return this.freed ? 0 : this.block.bytes;
  }

  /** Free the block now. Idempotent. */
  free(): void {
    finalizer.unregister(this);
    release(this.block);
  }
}
