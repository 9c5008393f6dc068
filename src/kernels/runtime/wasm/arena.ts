/**
 * A first-fit allocator over the WASM linear memory, driven from JS (the kernels themselves never
 * allocate). Blocks are 16-byte aligned; freed blocks coalesce with their free neighbours. The
 * memory grows on demand up to its maximum; when it cannot, `alloc` returns -1 and the caller
 * evicts cached arrays or falls back to the JS kernels.
 *
 * @module
 * @internal
 */

/** Minimal view of a WebAssembly.Memory (the global WebAssembly types are not in our lib). @internal */
export interface WasmMemoryLike {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

const ALIGN = 16;
const PAGE = 65536;

/** @internal */
export class Arena {
  private readonly memory: WasmMemoryLike;
  private readonly maxBytes: number;
  /** Start of the managed region (below it: the module's static data). */
  private readonly base: number;
  /** End of the managed region (everything below is either allocated or in `free`). */
  private top: number;
  /** Free blocks sorted by offset: parallel arrays of start and size. */
  private freeStart: number[] = [];
  private freeSize: number[] = [];
  private readonly used = new Map<number, number>();
  /** Bytes currently allocated. */
  allocated = 0;

  constructor(memory: WasmMemoryLike, base: number, maxBytes: number) {
    this.memory = memory;
    this.base = base;
    this.top = base;
    this.maxBytes = maxBytes;
  }

  /** Total bytes in the managed region (allocated or free). */
  get size(): number {
    return this.top - this.base;
  }

  /** Allocate `bytes` (rounded up to 16); returns the byte offset, or -1 when memory cannot grow. */
  alloc(bytes: number): number {
    const need = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let k = 0; k < this.freeStart.length; k++) {
      const size = this.freeSize[k]!;
      if (size >= need) {
        const start = this.freeStart[k]!;
        if (size === need) {
          this.freeStart.splice(k, 1);
          this.freeSize.splice(k, 1);
        } else {
          this.freeStart[k] = start + need;
          this.freeSize[k] = size - need;
        }
        this.used.set(start, need);
        this.allocated += need;
        return start;
      }
    }
    // Extend the region, reusing a free block that touches the top.
    let start = this.top;
    const last = this.freeStart.length - 1;
    if (last >= 0 && this.freeStart[last]! + this.freeSize[last]! === this.top) start = this.freeStart[last]!;
    const end = start + need;
    if (end > this.maxBytes) return -1;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        return -1;
      }
    }
    if (start !== this.top) {
      this.freeStart.pop();
      this.freeSize.pop();
    }
    this.top = end;
    this.used.set(start, need);
    this.allocated += need;
    return start;
  }

  /** Release a block returned by `alloc` (unknown pointers are ignored). */
  free(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) return;
    this.used.delete(ptr);
    this.allocated -= size;
    // Insert sorted, then coalesce with neighbours.
    let lo = 0;
    let hi = this.freeStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.freeStart[mid]! < ptr) lo = mid + 1;
      else hi = mid;
    }
    this.freeStart.splice(lo, 0, ptr);
    this.freeSize.splice(lo, 0, size);
    if (lo + 1 < this.freeStart.length && this.freeStart[lo]! + this.freeSize[lo]! === this.freeStart[lo + 1]) {
      this.freeSize[lo]! += this.freeSize[lo + 1]!;
      this.freeStart.splice(lo + 1, 1);
      this.freeSize.splice(lo + 1, 1);
    }
    if (lo > 0 && this.freeStart[lo - 1]! + this.freeSize[lo - 1]! === this.freeStart[lo]) {
      this.freeSize[lo - 1]! += this.freeSize[lo]!;
      this.freeStart.splice(lo, 1);
      this.freeSize.splice(lo, 1);
    }
  }

  /** Size of an allocated block (0 when `ptr` is not allocated). */
  sizeOf(ptr: number): number {
    return this.used.get(ptr) ?? 0;
  }
}
