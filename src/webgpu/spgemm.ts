/**
 * SpGEMM C = A·B on the GPU (f32), row by row. A row whose upper bound on products (Σ over A's
 * row of B's row lengths) is at most 512 is accumulated in a hash table keyed by column in
 * workgroup memory (the SMASH idea: 1024 slots, so at most half full); a longer row in a dense
 * accumulator of n slots in global memory (rows processed in chunks under a memory budget).
 *
 * Two passes, as in cuSPARSE and most GPU SpGEMMs: a symbolic pass counts each row's distinct
 * columns, the CPU turns the counts into row pointers, and a numeric pass accumulates the values
 * (f32 atomic adds by compare-and-swap on the bit pattern) and writes each row sorted by column (rank
 * counting in the workgroup table; an ordered scan of the dense accumulator). Rounding: each entry is an f32 sum of its products in an unspecified order, so
 * |c − ĉ| ≤ (t + 1)·2⁻²⁴·Σ|a_ik·b_kj| for an entry with t products.
 *
 * @module
 */
import { ArgumentError, ShapeError } from '../core/errors.js';
import { csr } from '../formats/factories.js';
import type { CSRMatrix } from '../formats/csr.js';
import type { GpuMatrix } from './buffers.js';
import type { Gpu } from './context.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG_INDEX, storage, uniform } from './wgsl.js';

/** Slots of the workgroup-memory table; rows with at most SMALL_MAX products use it. */
const TABLE = 1024;
const SMALL_MAX = TABLE / 2;
const WGS = 64;
const WGL = 256;
const EMPTY = '0xffffffffu';

const INPUTS = `${storage(0, 'aptr', 'u32')}
${storage(1, 'aidx', 'u32')}
${storage(2, 'aval', 'f32')}
${storage(3, 'bptr', 'u32')}
${storage(4, 'bidx', 'u32')}
${storage(5, 'bval', 'f32')}
${storage(6, 'rows', 'u32')}`;

/** Insert `col` (and add `prod` in the numeric pass) into table `keys`/`vals` of `size` slots at `base`. */
function insert(numeric: boolean, keys: string, vals: string, base: string, mask: string): string {
  return `let col = bidx[q];
        var h = (col * 2654435761u) & ${mask};
        loop {
          let r = atomicCompareExchangeWeak(&${keys}[${base}h], ${EMPTY}, col);
          if (r.exchanged) { atomicAdd(&total, 1u); break; }
          if (r.old_value == col) { break; }
          if (r.old_value == ${EMPTY}) { continue; }
          h = (h + 1u) & ${mask};
        }
        ${numeric ? `let prod = av * bval[q];
        loop {
          let old = atomicLoad(&${vals}[${base}h]);
          let r2 = atomicCompareExchangeWeak(&${vals}[${base}h], old, bitcast<u32>(bitcast<f32>(old) + prod));
          if (r2.exchanged) { break; }
        }` : ''}`;
}

/**
 * Rows whose products fit the workgroup table: each uses the first `size` slots (a power of two at
 * least twice its bound, from `sizes`), so short rows clear and scan little. The numeric pass
 * compacts the row's entries and sorts them by rank counting among themselves.
 */
function smallKernel(numeric: boolean): string {
  return `${INPUTS}
${storage(7, 'sizes', 'u32')}
${storage(8, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(9, 'ccol', 'u32', 'read_write')}\n${storage(10, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 11 : 9, 'count: u32')}
var<workgroup> keys: array<atomic<u32>, ${TABLE}>;
var<workgroup> vals: array<atomic<u32>, ${TABLE}>;
var<workgroup> total: atomic<u32>;
${numeric ? `var<workgroup> ckey: array<u32, ${SMALL_MAX}>;\nvar<workgroup> cvl: array<f32, ${SMALL_MAX}>;` : ''}
@compute @workgroup_size(${WGS}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0];'}
  if (wg >= p.count) { return; }
  let row = rows[wg];
  let size = sizes[wg];
  let mask = size - 1u;
  for (var h = lid; h < size; h += ${WGS}u) { atomicStore(&keys[h], ${EMPTY}); atomicStore(&vals[h], 0u); }
  if (lid == 0u) { atomicStore(&total, 0u); }
  workgroupBarrier();
  let ae = aptr[row + 1u];
  for (var a = aptr[row] + lid; a < ae; a += ${WGS}u) {
    let k = aidx[a];
    let av = aval[a];
    let be = bptr[k + 1u];
    for (var q = bptr[k]; q < be; q++) {
      ${insert(numeric, 'keys', 'vals', '', 'mask')}
    }
  }
  workgroupBarrier();
  ${numeric ? `if (lid == 0u) { atomicStore(&total, 0u); }
  workgroupBarrier();
  for (var h = lid; h < size; h += ${WGS}u) {
    let key = atomicLoad(&keys[h]);
    if (key != ${EMPTY}) {
      let at = atomicAdd(&total, 1u);
      ckey[at] = key;
      cvl[at] = bitcast<f32>(atomicLoad(&vals[h]));
    }
  }
  let len = workgroupUniformLoad(&total);
  let start = cptr[row];
  for (var e = lid; e < len; e += ${WGS}u) {
    let key = ckey[e];
    var rank = 0u;
    for (var t = 0u; t < len; t++) { if (ckey[t] < key) { rank++; } }
    ccol[start + rank] = key;
    cval[start + rank] = cvl[e];
  }` : `if (lid == 0u) { cptr[row] = atomicLoad(&total); }`}
}`;
}

/**
 * Rows too long for the workgroup table: a dense accumulator of n slots per row in global memory
 * (flag + value, indexed by column, no hashing), so the row comes out sorted by scanning the
 * slots in order with a workgroup prefix sum. O(n) per such row on top of its products.
 */
function denseKernel(numeric: boolean): string {
  return `${INPUTS}
${storage(7, 'flags', 'atomic<u32>', 'read_write')}
${storage(8, 'tvals', 'atomic<u32>', 'read_write')}
${storage(9, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(10, 'ccol', 'u32', 'read_write')}\n${storage(11, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 12 : 10, 'count: u32, n: u32')}
var<workgroup> total: atomic<u32>;
var<workgroup> scan: array<u32, ${WGL}>;
@compute @workgroup_size(${WGL}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0]; _ = atomicLoad(&tvals[0]);'}
  if (wg >= p.count) { return; }
  let row = rows[wg];
  let base = wg * p.n;
  for (var h = lid; h < p.n; h += ${WGL}u) { atomicStore(&flags[base + h], 0u); atomicStore(&tvals[base + h], 0u); }
  if (lid == 0u) { atomicStore(&total, 0u); }
  storageBarrier();
  workgroupBarrier();
  let ae = aptr[row + 1u];
  for (var a = aptr[row] + lid; a < ae; a += ${WGL}u) {
    let k = aidx[a];
    let av = aval[a];
    let be = bptr[k + 1u];
    for (var q = bptr[k]; q < be; q++) {
      let col = bidx[q];
      if (atomicExchange(&flags[base + col], 1u) == 0u) { atomicAdd(&total, 1u); }
      ${numeric ? `let prod = av * bval[q];
      loop {
        let old = atomicLoad(&tvals[base + col]);
        let r2 = atomicCompareExchangeWeak(&tvals[base + col], old, bitcast<u32>(bitcast<f32>(old) + prod));
        if (r2.exchanged) { break; }
      }` : ''}
    }
  }
  storageBarrier();
  workgroupBarrier();
  ${numeric ? `var at = cptr[row];
  for (var c0 = 0u; c0 < p.n; c0 += ${WGL}u) {
    let c = c0 + lid;
    var f = 0u;
    if (c < p.n) { f = atomicLoad(&flags[base + c]); }
    scan[lid] = f;
    workgroupBarrier();
    for (var o = 1u; o < ${WGL}u; o = o << 1u) {
      var t = 0u;
      if (lid >= o) { t = scan[lid - o]; }
      workgroupBarrier();
      scan[lid] = scan[lid] + t;
      workgroupBarrier();
    }
    if (f == 1u) {
      let pos = at + scan[lid] - 1u;
      ccol[pos] = c;
      cval[pos] = bitcast<f32>(atomicLoad(&tvals[base + c]));
    }
    at = at + workgroupUniformLoad(&scan[${WGL - 1}]);
  }` : `if (lid == 0u) { cptr[row] = atomicLoad(&total); }`}
}`;
}

/** What {@link gpuSpgemm} returns. */
export interface GpuSpgemmResult {
  /** C = A·B on the CPU (f64 arrays holding the f32 results), canonical: rows sorted, no duplicates. */
  matrix: CSRMatrix;
  /** GPU time in ms (timestamp queries) of both passes, or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** Rows that used the workgroup-memory hash table and rows that used a dense global accumulator. */
  rows: { workgroup: number; global: number };
}

/** Options of {@link gpuSpgemm}. */
export interface GpuSpgemmOptions {
  /** Most bytes of the dense accumulators of long rows at once (default min(512 MiB, the device's binding limit)). */
  tableBytes?: number;
}

/**
 * C = A·B for two f32 GPU matrices, row-wise (workgroup-memory hash tables for short rows, dense
 * global accumulators for long ones), returning C on the CPU.
 *
 * @param A - m×k {@link GpuMatrix}
 * @param B - k×n {@link GpuMatrix}
 * @param options - {@link GpuSpgemmOptions}
 * @returns {@link GpuSpgemmResult}
 * @throws {@link index!ShapeError} when the inner dimensions differ.
 *
 * @example
 * ```ts webgpu
 * import { csr } from 'sparsity';
 * import { createGpu, gpuSpgemm } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const A = gpu.upload(csr([[1, 2], [0, 3]]), { dtype: 'float32' });
 * const { matrix } = await gpuSpgemm(A, A);
 * matrix.toDense().data; // => [1, 8, 0, 9]
 * gpu.destroy();
 * ```
 */
export async function gpuSpgemm(A: GpuMatrix, B: GpuMatrix, options?: GpuSpgemmOptions): Promise<GpuSpgemmResult> {
  A.check('gpuSpgemm');
  B.check('gpuSpgemm');
  const gpu: Gpu = A.gpu;
  if (B.gpu !== gpu) throw new ArgumentError('gpuSpgemm B', 'a matrix of another Gpu', "a matrix of A's Gpu");
  const [m, k] = A.shape;
  const [k2, n] = B.shape;
  if (k !== k2) throw new ShapeError('gpuSpgemm', A.shape, B.shape);
  const limit = gpu.device.limits.maxStorageBufferBindingSize ?? 134217728;
  const tableBytes = options?.tableBytes ?? Math.min(512 * 2 ** 20, limit);
  if (!(tableBytes > 0)) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, 'a positive number of bytes');
  // Upper bound of products per row (CPU, O(nnz(A))).
  const aidx = A.source.indices;
  const small: number[] = [];
  const sizes: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < m; i++) {
    let ub = 0;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) { const c = aidx[p]!; ub += B.indptr[c + 1]! - B.indptr[c]!; }
    if (ub === 0) continue;
    if (ub <= SMALL_MAX) {
      small.push(i);
      let sz = 32;
      while (sz < 2 * ub) sz *= 2;
      sizes.push(sz);
    }
    else large.push(i);
  }
  // Dense accumulators: n slots (flag + value) per long row, as many rows at once as fit.
  const perChunk = Math.floor(tableBytes / (4 * Math.max(1, n)));
  if (large.length && perChunk < 1) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, `at least ${4 * n} (one row of flags)`);
  const chunks: number[][] = [];
  for (let t = 0; t < large.length; t += perChunk) chunks.push(large.slice(t, t + perChunk));
  const temp: WgpuBuffer[] = [];
  const u32buf = (v: ArrayLike<number>) => { const b = gpu.buffer(4 * Math.max(1, v.length)); temp.push(b); gpu.write(b, Uint32Array.from(v)); return b; };
  const ins = (rows: WgpuBuffer) => [A.indptrBuf, A.indicesBuf, A.dataBuf, B.indptrBuf, B.indicesBuf, B.dataBuf, rows];
  try {
    await gpu.gpuTime();
    const counts = gpu.buffer(4 * (m + 1));
    temp.push(counts);
    gpu.write(counts, new Uint32Array(m + 1));
    const smallRows = u32buf(small);
    const smallSizes = u32buf(sizes);
    const slots = chunks.length ? chunks[0]!.length * n : 1;
    const flags = gpu.buffer(4 * slots);
    const tvals = gpu.buffer(4 * slots);
    temp.push(flags, tvals);
    const chunkBufs = chunks.map((c) => ({ rows: u32buf(c), count: c.length }));
    // Symbolic pass.
    if (small.length) gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(false)), [...ins(smallRows), smallSizes, counts, gpu.uniform([small.length])], small.length));
    for (const c of chunkBufs) gpu.record(gpu.dispatch(gpu.pipeline(denseKernel(false)), [...ins(c.rows), flags, tvals, counts, gpu.uniform([c.count, n])], c.count));
    const cnt = new Uint32Array(await gpu.read(counts, 0, 4 * m));
    const indptr = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i]! + cnt[i]!;
    const nnz = indptr[m]!;
    const cptr = u32buf(indptr);
    const ccol = gpu.buffer(4 * nnz);
    const cval = gpu.buffer(4 * nnz);
    temp.push(ccol, cval);
    // Numeric pass.
    if (small.length) gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(true)), [...ins(smallRows), smallSizes, cptr, ccol, cval, gpu.uniform([small.length])], small.length));
    for (const c of chunkBufs) gpu.record(gpu.dispatch(gpu.pipeline(denseKernel(true)), [...ins(c.rows), flags, tvals, cptr, ccol, cval, gpu.uniform([c.count, n])], c.count));
    const cols = new Uint32Array(await gpu.read(ccol, 0, 4 * nnz));
    const vals = new Float32Array(await gpu.read(cval, 0, 4 * nnz));
    const gpuTimeMs = await gpu.gpuTime();
    const matrix = csr({ indptr, indices: Int32Array.from(cols), data: Float64Array.from(vals), shape: [m, n] });
    return { matrix, gpuTimeMs, rows: { workgroup: small.length, global: large.length } };
  } finally {
    for (const b of temp) b.destroy();
  }
}
