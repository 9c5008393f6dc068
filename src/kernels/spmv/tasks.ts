/**
 * The parallel tasks of SpMV (registered with the worker pool): the row-split product y = αAx + βy
 * and the blocked transposed product. Each runs the WASM export or the JS row loop of
 * `rows.ts` over a chunk of rows, on whichever thread takes the chunk.
 *
 * @module
 * @internal
 */
import { defineTask } from '../runtime/threads/registry.js';
import { spmvGatherRangeJs, spmvScatterRangeJs } from './rows.js';

/**
 * y = alpha·A·x + beta·y over row chunks. Pointers are byte offsets in the shared WASM memory;
 * `wasm` 1 runs the WASM kernel, 0 the JS loop on views. @internal
 */
export const spmvGatherTask = defineTask({
  name: 'spmvGather',
  ints: ['wasm', 'indptr', 'indices', 'data', 'x', 'y', 'm', 'nnz', 'n'],
  floats: ['alpha', 'beta'],
  kernels: { spmvGatherRangeJs },
  prepare: (ctx, p, K) => {
    const { alpha, beta, indptr: ip, indices: ix, data: dv, x: xp, y: yp, m, nnz, n } = p;
    if (p.wasm && ctx.exports) {
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
  },
});

/**
 * Blocked transposed product (CSR rmatvec, CSC matvec): the rows of A are cut into `blocks` fixed
 * blocks (boundaries round(c·m/blocks)), and block c scatters alpha·A[block]ᵀ·x into its own
 * partial vector at `partials + c·stride` (bytes), zeroed first; the caller adds the partials in
 * block order. Chunks must be exactly the blocks. The stride keeps partials on separate cache
 * lines (no false sharing). @internal
 */
export const spmvScatterTask = defineTask({
  name: 'spmvScatter',
  ints: ['wasm', 'indptr', 'indices', 'data', 'x', 'partials', 'm', 'nnz', 'n', 'blocks', 'stride'],
  floats: ['alpha'],
  kernels: { spmvScatterRangeJs },
  prepare: (ctx, p, K) => {
    const { alpha, indptr: ip, indices: ix, data: dv, x: xp, partials: pp, m, nnz, n, blocks: nb, stride } = p;
    // The block that starts at row r0 (block boundaries are strictly increasing when m >= blocks).
    const partialOf = (r0: number): number => {
      let c = 0;
      while (c < nb && Math.round(((c + 1) * m) / nb) <= r0) c++;
      return pp + c * stride;
    };
    if (p.wasm && ctx.exports) {
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
  },
});
