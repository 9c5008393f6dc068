/**
 * The parallel tasks of SpGEMM (registered with the worker pool): the symbolic and numeric row
 * passes over chunks of rows, each running the WASM export or the JS kernel of `rows.ts`, with the
 * per-thread accumulator scratch of {@link spgemmScratch}.
 *
 * @module
 * @internal
 */
import { defineTask, type ThreadContext } from '../runtime/threads/registry.js';
import { spgemmNumericJs, spgemmSortRangeJs, spgemmSymbolicJs } from './rows.js';

/**
 * Scratch of one thread for the SpGEMM row kernels (reset at the first task of product `callId`
 * this thread joins): JS arrays cached in `ctx.local`, or a block of the shared memory at
 * `base + index·stride` for WASM (layout: keys, slots, hvals, marker, dvals with 16-byte slots).
 * @internal
 */
export function spgemmScratch(ctx: ThreadContext, wasm: boolean, base: number, stride: number, maxTable: number, n: number, needDense: boolean, callId: number): Record<string, unknown> {
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

type Scratch = (...a: unknown[]) => Record<string, unknown>;

/**
 * Symbolic SpGEMM pass over row chunks: rowNnz[i] = nnz(C(i,:)). Pointers are byte offsets in
 * the shared WASM memory; `flopsOut` (f64 per row, 0 = none) is filled by the WASM kernel only.
 * Returns the hash rows. @internal
 */
export const spgemmSymbolicTask = defineTask({
  name: 'spgemmSymbolic',
  ints: ['wasm', 'Ap', 'Aj', 'Bp', 'Bj', 'm', 'nnzA', 'nnzB', 'kB', 'n', 'mode', 'hashMul', 'rowNnz',
    'scratchBase', 'scratchStride', 'maxTable', 'needDense', 'callId', 'flopsOut'],
  floats: ['denseRatio'],
  kernels: { spgemmSymbolicJs, spgemmScratch },
  prepare: (ctx, p, K) => {
    const wasm = p.wasm === 1 && ctx.exports !== null;
    const { m, n, mode, hashMul, denseRatio } = p;
    const s = (K['spgemmScratch'] as unknown as Scratch)(ctx, wasm, p.scratchBase, p.scratchStride, p.maxTable, n, p.needDense === 1, p.callId);
    if (wasm) {
      const f = ctx.exports!['spgemm_symbolic'] as (...a: number[]) => number;
      const { Ap, Aj, Bp, Bj, rowNnz, flopsOut } = p;
      return (r0, r1) => f(Ap, Aj, Bp, Bj, n, r0, r1, mode, denseRatio, hashMul, rowNnz, s['keys'] as number, s['slots'] as number, s['marker'] as number, flopsOut);
    }
    const buf = ctx.memory.buffer;
    const args = {
      Ap: new Int32Array(buf, p.Ap, m + 1),
      Aj: new Int32Array(buf, p.Aj, p.nnzA),
      Bp: new Int32Array(buf, p.Bp, p.kB + 1),
      Bj: new Int32Array(buf, p.Bj, p.nnzB),
      n, mode, denseRatio, hashMul,
      rowNnz: new Int32Array(buf, p.rowNnz, m),
      keys: s['keys'], slots: s['slots'], marker: s['marker'],
    };
    const run = K['spgemmSymbolicJs'] as unknown as (a: unknown, r0: number, r1: number) => number;
    return (r0, r1) => run(args, r0, r1);
  },
});

/**
 * Numeric SpGEMM pass over row chunks of one block of rows whose entries go to the buffers Cj, Cx
 * (blockLen entries, row i at Cp[i] - cBase); rowCount receives the entries kept per row.
 * Returns the hash rows. @internal
 */
export const spgemmNumericTask = defineTask({
  name: 'spgemmNumeric',
  ints: ['wasm', 'Ap', 'Aj', 'Ax', 'Bp', 'Bj', 'Bx', 'm', 'nnzA', 'nnzB', 'kB', 'n', 'mode', 'hashMul', 'sorted',
    'Cp', 'Cj', 'Cx', 'blockLen', 'rowCount', 'scratchBase', 'scratchStride', 'maxTable', 'needDense', 'cBase', 'callId'],
  floats: ['denseRatio'],
  kernels: { spgemmNumericJs, spgemmSortRangeJs, spgemmScratch },
  prepare: (ctx, p, K) => {
    const wasm = p.wasm === 1 && ctx.exports !== null;
    const { m, n, mode, hashMul, sorted, cBase, denseRatio } = p;
    const s = (K['spgemmScratch'] as unknown as Scratch)(ctx, wasm, p.scratchBase, p.scratchStride, p.maxTable, n, p.needDense === 1, p.callId);
    if (wasm) {
      const f = ctx.exports!['spgemm_numeric'] as (...a: number[]) => number;
      const { Ap, Aj, Ax, Bp, Bj, Bx, Cp, Cj, Cx, rowCount } = p;
      return (r0, r1) =>
        f(Ap, Aj, Ax, Bp, Bj, Bx, n, r0, r1, mode, denseRatio, hashMul, sorted, Cp, cBase, Cj, Cx, rowCount,
          s['keys'] as number, s['hvals'] as number, s['slots'] as number, s['marker'] as number, s['dvals'] as number);
    }
    const buf = ctx.memory.buffer;
    const args = {
      Ap: new Int32Array(buf, p.Ap, m + 1),
      Aj: new Int32Array(buf, p.Aj, p.nnzA),
      Ax: new Float64Array(buf, p.Ax, p.nnzA),
      Bp: new Int32Array(buf, p.Bp, p.kB + 1),
      Bj: new Int32Array(buf, p.Bj, p.nnzB),
      Bx: new Float64Array(buf, p.Bx, p.nnzB),
      n, mode, denseRatio, hashMul, sorted,
      Cp: new Int32Array(buf, p.Cp, m + 1),
      cBase,
      Cj: new Int32Array(buf, p.Cj, p.blockLen),
      Cx: new Float64Array(buf, p.Cx, p.blockLen),
      rowCount: new Int32Array(buf, p.rowCount, m),
      keys: s['keys'], hvals: s['hvals'], slots: s['slots'], marker: s['marker'], dvals: s['dvals'],
    };
    const run = K['spgemmNumericJs'] as unknown as (a: unknown, r0: number, r1: number) => number;
    return (r0, r1) => run(args, r0, r1);
  },
});
