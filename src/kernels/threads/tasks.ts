/**
 * Thread tasks: for each parallel kernel, a self-contained "prepare" function that turns the task
 * parameters (pointers into the shared WASM memory in `I`, scalars in `F`) into a chunk runner
 * `(r0, r1) => stat`. The same function runs on the main thread and, from its source text, in the
 * workers; it calls either the WASM export or the JS kernel (looked up in `K`, the table of
 * kernel functions), so every row is computed by the same code whatever thread runs it.
 *
 * @module
 * @internal
 */

/** What a task sees of its thread. @internal */
export interface ThreadContext {
  /** The shared WASM memory. */
  memory: { readonly buffer: ArrayBufferLike };
  /** This thread's instance exports (null when the thread has no WASM). */
  exports: Record<string, unknown> | null;
  /** 0 for the main thread, 1.. for workers. */
  index: number;
  /** Per-thread cache (JS scratch arrays). */
  local: Record<string, unknown>;
}

/** A chunk runner: processes rows [r0, r1) and returns a statistic to sum (e.g. hash rows). @internal */
export type ChunkRunner = (r0: number, r1: number) => number;

/** Kernel table passed to tasks (function name -> function). @internal */
export type KernelTable = Record<string, (...args: never[]) => unknown>;

/** @internal */
export type TaskPrepare = (ctx: ThreadContext, I: Int32Array, F: Float64Array, K: KernelTable) => ChunkRunner;

/** y = alpha·A·x + beta·y over row chunks. I = [wasm, indptr, indices, data, x, y, m, nnz, n]; F = [alpha, beta]. @internal */
export function spmvGatherTask(ctx: ThreadContext, I: Int32Array, F: Float64Array, K: KernelTable): ChunkRunner {
  const alpha = F[0]!;
  const beta = F[1]!;
  const ip = I[1]!, ix = I[2]!, dv = I[3]!, xp = I[4]!, yp = I[5]!, m = I[6]!, nnz = I[7]!, n = I[8]!;
  if (I[0] && ctx.exports) {
    const f = ctx.exports['spmv_csr'] as (...a: number[]) => void;
    return (r0, r1) => {
      f(ip, ix, dv, xp, yp, r0, r1, alpha, beta);
      return 0;
    };
  }
  const buf = ctx.memory.buffer;
  const indptr = new Int32Array(buf, ip, m + 1);
  const indices = new Int32Array(buf, ix, nnz);
  const data = new Float64Array(buf, dv, nnz);
  const x = new Float64Array(buf, xp, n);
  const y = new Float64Array(buf, yp, m);
  const run = K['spmvGatherRangeJs'] as unknown as (...a: unknown[]) => void;
  return (r0, r1) => {
    run(indptr, indices, data, x, y, r0, r1, alpha, beta);
    return 0;
  };
}

/**
 * Blocked transposed product (CSR rmatvec, CSC matvec): the rows of A are cut into `blocks` fixed
 * blocks (boundaries round(c·m/blocks)), and block c scatters alpha·A[block]ᵀ·x into its own
 * partial vector at `partials + c·n·8`, zeroed first; the caller adds the partials in block order.
 * Chunks must be exactly the blocks. I = [wasm, indptr, indices, data, x, partials, m, nnz, n,
 * blocks, stride]; F = [alpha]. The stride keeps partials on separate cache lines (no false sharing). @internal
 */
export function spmvScatterTask(ctx: ThreadContext, I: Int32Array, F: Float64Array, K: KernelTable): ChunkRunner {
  const alpha = F[0]!;
  const ip = I[1]!, ix = I[2]!, dv = I[3]!, xp = I[4]!, pp = I[5]!, m = I[6]!, nnz = I[7]!, n = I[8]!, nb = I[9]!, stride = I[10]!;
  // The block that starts at row r0 (block boundaries are strictly increasing when m >= blocks).
  const partialOf = (r0: number): number => {
    let c = 0;
    while (c < nb && Math.round(((c + 1) * m) / nb) <= r0) c++;
    return pp + c * stride;
  };
  if (I[0] && ctx.exports) {
    const f = ctx.exports['spmv_csr_t'] as (...a: number[]) => void;
    return (r0, r1) => {
      const out = partialOf(r0);
      new Float64Array(ctx.memory.buffer, out, n).fill(0);
      f(ip, ix, dv, xp, out, r0, r1, alpha);
      return 0;
    };
  }
  const buf = ctx.memory.buffer;
  const indptr = new Int32Array(buf, ip, m + 1);
  const indices = new Int32Array(buf, ix, nnz);
  const data = new Float64Array(buf, dv, nnz);
  const x = new Float64Array(buf, xp, m);
  const run = K['spmvScatterRangeJs'] as unknown as (...a: unknown[]) => void;
  return (r0, r1) => {
    const out = new Float64Array(buf, partialOf(r0), n).fill(0);
    run(indptr, indices, data, x, out, r0, r1, alpha);
    return 0;
  };
}

/**
 * Scratch of one thread for the SpGEMM row kernels (reset at the first task of product `callId`
 * this thread joins): JS arrays cached in `ctx.local`, or a block
 * of the shared memory at `base + index·stride` for WASM (layout: keys, slots, hvals, marker, dvals
 * with 16-byte slots).
 * @internal
 */
export function spgemmScratchTask(ctx: ThreadContext, wasm: boolean, base: number, stride: number, maxTable: number, n: number, needDense: boolean, callId: number): Record<string, unknown> {
  const al = (b: number): number => Math.ceil(b / 16) * 16;
  // Reset once per product on each thread, at the first task of that product the thread joins
  // (a thread may sit out the symbolic pass and still take numeric chunks).
  let reset = ctx.local['spgemmCall'] !== callId;
  ctx.local['spgemmCall'] = callId;
  if (wasm) {
    const b = base + ctx.index * stride;
    const keys = b;
    const slots = keys + al(4 * maxTable);
    const hvals = slots + al(4 * maxTable);
    const marker = hvals + al(8 * maxTable);
    const dvals = marker + al(4 * (needDense ? n : 0));
    if (reset) {
      new Int32Array(ctx.memory.buffer, keys, maxTable).fill(-1);
      if (needDense) {
        new Int32Array(ctx.memory.buffer, marker, n).fill(-2147483648);
        new Int32Array(ctx.memory.buffer, dvals, 4 * n).fill(-2147483648);
      }
    }
    return { keys, slots, hvals, marker, dvals };
  }
  let s = ctx.local['spgemm'] as Record<string, Int32Array | Float64Array> | undefined;
  const tableLen = Math.max(maxTable, 8);
  const denseLen = needDense ? n : 0;
  if (!s || s['keys']!.length < tableLen || s['marker']!.length < denseLen) {
    s = {
      keys: new Int32Array(tableLen).fill(-1),
      slots: new Int32Array(tableLen),
      hvals: new Float64Array(tableLen),
      marker: new Int32Array(denseLen),
      dvals: new Float64Array(2 * denseLen),
    };
    ctx.local['spgemm'] = s;
    reset = true;
  }
  if (reset) {
    s['keys']!.fill(-1);
    s['marker']!.fill(-2147483648);
    s['dvals']!.fill(NaN);
  }
  return s;
}

/**
 * Symbolic SpGEMM pass over row chunks. I = [wasm, Ap, Aj, Bp, Bj, m, nnzA, nnzB, kB, n, mode,
 * hashMul, rowNnz, scratchBase, scratchStride, maxTable, needDense, callId, flopsOut]; F =
 * [denseRatio]. flopsOut (f64 per row, 0 = none) is filled by the WASM kernel only. @internal
 */
export function spgemmSymbolicTask(ctx: ThreadContext, I: Int32Array, F: Float64Array, K: KernelTable): ChunkRunner {
  const wasm = I[0] === 1 && ctx.exports !== null;
  const m = I[5]!, nnzA = I[6]!, nnzB = I[7]!, kB = I[8]!, n = I[9]!, mode = I[10]!, hashMul = I[11]!;
  const s = (K['spgemmScratchTask'] as unknown as (...a: unknown[]) => Record<string, unknown>)(ctx, wasm, I[13]!, I[14]!, I[15]!, n, I[16] === 1, I[17]!);
  const ratio = F[0]!;
  if (wasm) {
    const f = ctx.exports!['spgemm_symbolic'] as (...a: number[]) => number;
    return (r0, r1) => f(I[1]!, I[2]!, I[3]!, I[4]!, n, r0, r1, mode, ratio, hashMul, I[12]!, s['keys'] as number, s['slots'] as number, s['marker'] as number, I[18]!);
  }
  const buf = ctx.memory.buffer;
  const Ap = new Int32Array(buf, I[1]!, m + 1);
  const Aj = new Int32Array(buf, I[2]!, nnzA);
  const Bp = new Int32Array(buf, I[3]!, kB + 1);
  const Bj = new Int32Array(buf, I[4]!, nnzB);
  const rowNnz = new Int32Array(buf, I[12]!, m);
  const run = K['spgemmSymbolicJs'] as unknown as (...a: unknown[]) => number;
  return (r0, r1) => run(Ap, Aj, Bp, Bj, n, r0, r1, mode, ratio, hashMul, rowNnz, s['keys'], s['slots'], s['marker']);
}

/**
 * Numeric SpGEMM pass over row chunks of one block of rows whose entries go to the buffers Cj, Cx
 * (blockLen entries, row i at Cp[i] - cBase). I = [wasm, Ap, Aj, Ax, Bp, Bj, Bx, m, nnzA, nnzB,
 * kB, n, mode, hashMul, sorted, Cp, Cj, Cx, blockLen, rowCount, scratchBase, scratchStride,
 * maxTable, needDense, cBase, callId]; F = [denseRatio]. @internal
 */
export function spgemmNumericTask(ctx: ThreadContext, I: Int32Array, F: Float64Array, K: KernelTable): ChunkRunner {
  const wasm = I[0] === 1 && ctx.exports !== null;
  const m = I[7]!, nnzA = I[8]!, nnzB = I[9]!, kB = I[10]!, n = I[11]!, mode = I[12]!, hashMul = I[13]!, sorted = I[14]!;
  const nnzC = I[18]!;
  const cBase = I[24]!;
  const s = (K['spgemmScratchTask'] as unknown as (...a: unknown[]) => Record<string, unknown>)(ctx, wasm, I[20]!, I[21]!, I[22]!, n, I[23] === 1, I[25]!);
  const ratio = F[0]!;
  if (wasm) {
    const f = ctx.exports!['spgemm_numeric'] as (...a: number[]) => number;
    return (r0, r1) =>
      f(I[1]!, I[2]!, I[3]!, I[4]!, I[5]!, I[6]!, n, r0, r1, mode, ratio, hashMul, sorted, I[15]!, cBase, I[16]!, I[17]!, I[19]!,
        s['keys'] as number, s['hvals'] as number, s['slots'] as number, s['marker'] as number, s['dvals'] as number);
  }
  const buf = ctx.memory.buffer;
  const Ap = new Int32Array(buf, I[1]!, m + 1);
  const Aj = new Int32Array(buf, I[2]!, nnzA);
  const Ax = new Float64Array(buf, I[3]!, nnzA);
  const Bp = new Int32Array(buf, I[4]!, kB + 1);
  const Bj = new Int32Array(buf, I[5]!, nnzB);
  const Bx = new Float64Array(buf, I[6]!, nnzB);
  const Cp = new Int32Array(buf, I[15]!, m + 1);
  const Cj = new Int32Array(buf, I[16]!, nnzC);
  const Cx = new Float64Array(buf, I[17]!, nnzC);
  const rowCount = new Int32Array(buf, I[19]!, m);
  const run = K['spgemmNumericJs'] as unknown as (...a: unknown[]) => number;
  return (r0, r1) =>
    run(Ap, Aj, Ax, Bp, Bj, Bx, n, r0, r1, mode, ratio, hashMul, sorted, Cp, cBase, Cj, Cx, rowCount, s['keys'], s['hvals'], s['slots'], s['marker'], s['dvals']);
}

/**
 * Pool self-test (used by the tests): returns r1 - r0 per chunk; I[0] = 1 makes workers throw
 * when they join, 2 makes them exit abruptly, 3 makes every thread throw on its chunks. With a
 * nonzero mode the main thread pauses 5 ms per chunk, so that workers surely join. @internal
 */
export function selfTestTask(ctx: ThreadContext, I: Int32Array): ChunkRunner {
  const mode = I[0]!;
  if (mode === 1 && ctx.index > 0) throw new Error(`induced failure on thread ${ctx.index}`);
  if (mode === 2 && ctx.index > 0) (globalThis as unknown as { process: { exit(c: number): void } }).process.exit(3);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return (r0, r1) => {
    if (mode !== 0 && ctx.index === 0) Atomics.wait(pause, 0, 0, 5);
    if (mode === 3) throw new Error(`induced failure on thread ${ctx.index}`);
    return r1 - r0;
  };
}
