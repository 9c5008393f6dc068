/**
 * The worker-pool task of completion: the CGLS problems of one `'sketched'` half-step (shared
 * preconditioner) split across threads. The problems are independent and write disjoint rows of
 * the factor, so a half-step on several threads gives the bits of one thread. The data live in
 * the shared WASM memory for the whole fit ({@link ResidentFit}).
 *
 * @module
 * @internal
 */
import { SparsityError } from '../../core/errors.js';
import { defineTask } from '../../kernels/runtime/threads/registry.js';
import { poolSize, runParallel } from '../../kernels/runtime/threads/pool.js';
import { getWasm, type WasmKernels } from '../../kernels/runtime/wasm/loader.js';
import {
  gatherPass, gatheredCglsAt, gatheredCglsRange, gatheredPrecondGamma, gatheredResidualSq, gatheredTrsv,
} from '../../linalg/iterative/gathered-cgls.js';
import { spmmGatherJs } from '../../kernels/spmm/rows.js';
import type { HalfStep } from './batch.js';
import type { Grouped } from './observed.js';
import type { CglsPlan, CglsRunner, SketchedSettings } from './sketched-step.js';

/**
 * `gatheredCglsRange` over chunks of problems: the WASM export `gathered_cgls_range` when `wasm`
 * is 1 (and the thread has the instance), else the JS kernel. Pointers are byte offsets in the
 * shared WASM memory: `a` (aRows x k), the groups `ptr` (count + 1), `rows` and `b` (nnz), the
 * factor `F` (count x k), the plan (`ridge`, `rOff`: count; `R`: nR doubles; `inv` 1: `R` holds
 * P = (RᵀR)⁻¹), `resid` (count;
 * 0 = none) and the WASM kernel's scratch, 5k + 4 doubles per thread at `work + index·workStride`.
 * @internal
 */
export const completionCglsTask = defineTask({
  name: 'completionCgls',
  ints: ['a', 'aRows', 'k', 'ptr', 'rows', 'b', 'nnz', 'F', 'count', 'ridge', 'R', 'nR', 'rOff', 'inv', 'maxIter', 'resid', 'wasm', 'work', 'workStride'],
  floats: ['tol', 'floor'],
  kernels: { gatheredCglsRange, gatheredCglsAt, gatheredPrecondGamma, gatherPass, gatheredTrsv, gatheredResidualSq },
  prepare: (ctx, p, K) => {
    if (p.wasm === 1 && ctx.exports !== null) {
      const f = ctx.exports['gathered_cgls_range'] as (...a: number[]) => number;
      const work = p.work + ctx.index * p.workStride;
      return (g0, g1) => f(p.a, p.k, p.ptr, p.rows, p.b, p.F, p.ridge, p.R, p.rOff, p.inv, p.tol, p.maxIter, p.floor, work, p.resid, g0, g1);
    }
    const buf = ctx.memory.buffer;
    const { k, count, nnz } = p;
    const f64 = (ptr: number, len: number) => new Float64Array(buf, ptr, len);
    const a = f64(p.a, p.aRows * k);
    const ptr = new Int32Array(buf, p.ptr, count + 1);
    const rows = new Int32Array(buf, p.rows, nnz);
    const b = f64(p.b, nnz);
    const F = f64(p.F, count * k);
    const ridge = f64(p.ridge, count);
    const R = f64(p.R, p.nR);
    const rOff = new Int32Array(buf, p.rOff, count);
    const resid = p.resid ? f64(p.resid, count) : null;
    const work = { k, g: new Float64Array(k), h: new Float64Array(k), s: new Float64Array(k), z: new Float64Array(k), t: new Float64Array(k) };
    const run = K['gatheredCglsRange'] as unknown as (...args: unknown[]) => number;
    return (g0, g1) => run(a, k, ptr, rows, b, F, ridge, R, rOff, p.inv === 1, p.tol, p.maxIter, p.floor, work, resid, g0, g1);
  },
});

/**
 * C = alpha·X·B over chunks of rows, X the CSR of a grouping (`ptr` count + 1, `idx` and `val`
 * nnz) and B (bRows x cols) and C (count x cols) row-major: the spectral start's products on the
 * resident groupings. The WASM export `spmm_csr_dense` when `wasm` is 1, else the JS row loop
 * (the same multiply-adds in the same order). Pointers are byte offsets in the shared WASM memory.
 * @internal
 */
export const completionSpmmTask = defineTask({
  name: 'completionSpmm',
  ints: ['ptr', 'idx', 'val', 'nnz', 'count', 'B', 'bRows', 'cols', 'C', 'wasm'],
  floats: ['alpha'],
  kernels: { spmmGatherJs },
  prepare: (ctx, p, K) => {
    if (p.wasm === 1 && ctx.exports !== null) {
      const f = ctx.exports['spmm_csr_dense'] as (...a: number[]) => void;
      return (r0, r1) => {
        f(p.ptr, p.idx, p.val, p.B, p.cols, p.C, r0, r1, p.alpha, 0);
        return 0;
      };
    }
    const buf = ctx.memory.buffer;
    const ptr = new Int32Array(buf, p.ptr, p.count + 1);
    const idx = new Int32Array(buf, p.idx, p.nnz);
    const val = new Float64Array(buf, p.val, p.nnz);
    const B = new Float64Array(buf, p.B, p.bRows * p.cols);
    const C = new Float64Array(buf, p.C, p.count * p.cols);
    const run = K['spmmGatherJs'] as unknown as (...a: unknown[]) => void;
    return (r0, r1) => {
      run(ptr, idx, val, B, p.cols, C, r0, r1, p.alpha, 0);
      return 0;
    };
  },
});

/** Chunk bounds over the groups with about equal entries each (dynamic taking evens out the rest). */
function chunkBounds(ptr: Int32Array, count: number, chunks: number): Int32Array {
  const nnz = ptr[count]!;
  const out: number[] = [0];
  let g = 0;
  for (let c = 1; c < chunks; c++) {
    const target = (c * nnz) / chunks;
    while (g < count && ptr[g]! < target) g++;
    if (g > out[out.length - 1]!) out.push(g);
  }
  if (out[out.length - 1]! < count) out.push(count);
  return Int32Array.from(out);
}

/**
 * The arrays of one fit placed in the shared WASM memory (the factors and both groupings), so the
 * pool's threads (and the WASM kernel) can read and write them, and the {@link CglsRunner} that
 * runs a half-step's CGLS problems on `threads` threads, with the WASM kernel when `wasmKernel`
 * (fixed for the fit, so every sweep and thread count runs the same code). Call
 * {@link ResidentFit.free} when the fit ends.
 * @internal
 */
export class ResidentFit {
  private readonly w: WasmKernels;
  private readonly blocks: number[] = [];
  private readonly ptrOf = new WeakMap<ArrayBufferView, number>();

  constructor(private readonly wasmKernel: boolean) {
    const w = getWasm();
    if (!w) throw new SparsityError('completeMatrix: threads need the WASM memory');
    this.w = w;
  }

  private block(bytes: number): number {
    const p = this.w.alloc(Math.max(16, bytes));
    if (p < 0) {
      this.free();
      throw new SparsityError(`completeMatrix: no room for ${bytes} bytes in the WASM memory`);
    }
    this.blocks.push(p);
    return p;
  }

  /** A copy of `src` in WASM memory. */
  f64(src: Float64Array): Float64Array {
    return this.copy(src, (p) => this.w.f64(p, src.length));
  }

  /** A copy of `src` in WASM memory. */
  i32(src: Int32Array): Int32Array {
    return this.copy(src, (p) => this.w.i32(p, src.length));
  }

  private copy<T extends Float64Array | Int32Array>(src: T, view: (ptr: number) => T): T {
    const p = this.block(src.byteLength);
    const v = view(p);
    v.set(src as never);
    this.ptrOf.set(v, p);
    return v;
  }

  /** The grouping with its arrays in WASM memory. */
  groups(g: Grouped): Grouped {
    return { count: g.count, ptr: this.i32(g.ptr), idx: this.i32(g.idx), val: this.f64(g.val), perm: g.perm };
  }

  private pointer(a: ArrayBufferView, name: string): number {
    const p = this.ptrOf.get(a);
    if (p === undefined) throw new SparsityError(`completeMatrix: ${name} is not in the WASM memory`);
    return p;
  }

  /** Runs a half-step's planned CGLS problems on `threads` threads (the plan and resid are copied in and out). */
  runner(threads: number): CglsRunner {
    return (h: HalfStep, plan: CglsPlan, set: SketchedSettings, resid: Float64Array | null): number => {
      const { G, groups, F } = h;
      const k = G.cols;
      const count = groups.count;
      const w = this.w;
      const temp: number[] = [];
      const put = (src: Float64Array | Int32Array): number => {
        const p = w.alloc(Math.max(16, src.byteLength));
        if (p < 0) throw new SparsityError('completeMatrix: no room for a half-step plan in the WASM memory');
        temp.push(p);
        (src instanceof Float64Array ? w.f64(p, src.length) : w.i32(p, src.length)).set(src as never);
        return p;
      };
      try {
        const ridge = put(plan.ridge);
        const rOff = put(plan.rOff);
        const R = put(plan.R);
        const rp = resid ? put(resid) : 0;
        // Scratch of the WASM kernel for every thread that may join (index 0 = this thread).
        const workStride = Math.ceil(((5 * k + 4) * 8) / 16) * 16;
        const work = this.wasmKernel ? put(new Float64Array((workStride / 8) * (Math.max(threads, poolSize() + 1) + 1))) : 0;
        const params = {
          a: this.pointer(G.data, 'the fixed factor'), aRows: G.rows, k, ptr: this.pointer(groups.ptr, 'the groups'),
          rows: this.pointer(groups.idx, 'the groups'), b: this.pointer(groups.val, 'the values'), nnz: groups.val.length,
          F: this.pointer(F, 'the factor'), count, ridge, R, nR: plan.R.length, rOff, inv: plan.inv ? 1 : 0, maxIter: set.innerMaxIter, resid: rp, tol: set.innerTol, floor: set.innerFloor,
          wasm: this.wasmKernel ? 1 : 0, work, workStride,
        };
        const its = runParallel(completionCglsTask, params, chunkBounds(groups.ptr, count, Math.min(4096, threads * 32)), threads);
        if (resid) {
          // Only the planned problems' entries come back: the others were written on this thread.
          const out = w.f64(rp, count);
          for (let g = 0; g < count; g++) if (plan.rOff[g]! >= 0) resid[g] = out[g]!;
        }
        return its;
      } finally {
        for (const p of temp) w.free(p);
      }
    };
  }

  /**
   * alpha·X·B on `threads` threads, X the CSR of the resident grouping `g` (g.count x bRows) and B
   * row-major with `cols` columns (copied in; the product is copied out). Rows are independent,
   * so the result does not depend on the thread count.
   */
  product(g: Grouped, B: Float64Array, cols: number, alpha: number, threads: number): Float64Array {
    const w = this.w;
    const count = g.count;
    const bp = w.alloc(Math.max(16, B.byteLength));
    const cp = bp < 0 ? -1 : w.alloc(Math.max(16, count * cols * 8));
    try {
      if (bp < 0 || cp < 0) throw new SparsityError('completeMatrix: no room for the spectral start in the WASM memory');
      w.f64(bp, B.length).set(B);
      const params = {
        ptr: this.pointer(g.ptr, 'the groups'), idx: this.pointer(g.idx, 'the groups'), val: this.pointer(g.val, 'the values'),
        nnz: g.val.length, count, B: bp, bRows: B.length / cols, cols, C: cp, wasm: this.wasmKernel ? 1 : 0, alpha,
      };
      runParallel(completionSpmmTask, params, chunkBounds(g.ptr, count, Math.min(4096, threads * 32)), threads);
      return w.f64(cp, count * cols).slice();
    } finally {
      if (cp >= 0) w.free(cp);
      if (bp >= 0) w.free(bp);
    }
  }

  /** Free every block (the views must not be used afterwards). */
  free(): void {
    for (const p of this.blocks) this.w.free(p);
    this.blocks.length = 0;
  }
}
