/**
 * SpGEMM C = A·B on the GPU (f32) by row-wise hashing, after the SMASH idea: each row of C is
 * accumulated in a hash table keyed by column, held in workgroup memory when the row's upper bound
 * on products (Σ over A's row of B's row lengths) fits, else in a global-memory table of twice the
 * bound (rows processed in chunks under a memory budget).
 *
 * Two passes, as in cuSPARSE and most GPU SpGEMMs: a symbolic pass counts each row's distinct
 * columns, the CPU turns the counts into row pointers, and a numeric pass accumulates the values
 * (f32 atomic adds by compare-and-swap on the bit pattern) and writes each row sorted by column (by
 * rank counting). Rounding: each entry is an f32 sum of its products in an unspecified order, so
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

/** Rows whose products fit the workgroup table. */
function smallKernel(numeric: boolean): string {
  return `${INPUTS}
${storage(7, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(8, 'ccol', 'u32', 'read_write')}\n${storage(9, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 10 : 8, 'count: u32')}
var<workgroup> keys: array<atomic<u32>, ${TABLE}>;
var<workgroup> vals: array<atomic<u32>, ${TABLE}>;
var<workgroup> total: atomic<u32>;
@compute @workgroup_size(${WGS}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0];'}
  let live = wg < p.count;
  let row = rows[min(wg, p.count - 1u)];
  for (var h = lid; h < ${TABLE}u; h += ${WGS}u) { atomicStore(&keys[h], ${EMPTY}); atomicStore(&vals[h], 0u); }
  if (lid == 0u) { atomicStore(&total, 0u); }
  workgroupBarrier();
  if (live) {
    let ae = aptr[row + 1u];
    for (var a = aptr[row] + lid; a < ae; a += ${WGS}u) {
      let k = aidx[a];
      let av = aval[a];
      let be = bptr[k + 1u];
      for (var q = bptr[k]; q < be; q++) {
        ${insert(numeric, 'keys', 'vals', '', `${TABLE - 1}u`)}
      }
    }
  }
  workgroupBarrier();
  if (!live) { return; }
  ${numeric ? `let start = cptr[row];
  for (var h = lid; h < ${TABLE}u; h += ${WGS}u) {
    let key = atomicLoad(&keys[h]);
    if (key == ${EMPTY}) { continue; }
    var rank = 0u;
    for (var t = 0u; t < ${TABLE}u; t++) { let o = atomicLoad(&keys[t]); if (o != ${EMPTY} && o < key) { rank++; } }
    ccol[start + rank] = key;
    cval[start + rank] = bitcast<f32>(atomicLoad(&vals[h]));
  }` : `if (lid == 0u) { cptr[row] = atomicLoad(&total); }`}
}`;
}

/** Rows with global-memory tables (offsets toff, sizes tsize: powers of two). */
function largeKernel(numeric: boolean): string {
  return `${INPUTS}
${storage(7, 'toff', 'u32')}
${storage(8, 'tsize', 'u32')}
${storage(9, 'tkeys', 'atomic<u32>', 'read_write')}
${storage(10, 'tvals', 'atomic<u32>', 'read_write')}
${storage(11, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(12, 'tmpcol', 'u32', 'read_write')}\n${storage(13, 'tmpval', 'f32', 'read_write')}\n${storage(14, 'ccol', 'u32', 'read_write')}\n${storage(15, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 16 : 12, 'count: u32')}
var<workgroup> total: atomic<u32>;
var<workgroup> cursor: atomic<u32>;
@compute @workgroup_size(${WGL}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0]; _ = atomicLoad(&tvals[0]);'}
  let live = wg < p.count;
  let slot = min(wg, p.count - 1u);
  let row = rows[slot];
  let base = toff[slot];
  let size = tsize[slot];
  let mask = size - 1u;
  for (var h = lid; h < size; h += ${WGL}u) { atomicStore(&tkeys[base + h], ${EMPTY}); atomicStore(&tvals[base + h], 0u); }
  if (lid == 0u) { atomicStore(&total, 0u); atomicStore(&cursor, 0u); }
  storageBarrier();
  workgroupBarrier();
  if (live) {
    let ae = aptr[row + 1u];
    for (var a = aptr[row] + lid; a < ae; a += ${WGL}u) {
      let k = aidx[a];
      let av = aval[a];
      let be = bptr[k + 1u];
      for (var q = bptr[k]; q < be; q++) {
        ${insert(numeric, 'tkeys', 'tvals', 'base + ', 'mask')}
      }
    }
  }
  storageBarrier();
  workgroupBarrier();
  ${numeric ? `let start = cptr[row];
  let len = atomicLoad(&total);
  if (live) {
    for (var h = lid; h < size; h += ${WGL}u) {
      let key = atomicLoad(&tkeys[base + h]);
      if (key == ${EMPTY}) { continue; }
      let at = start + atomicAdd(&cursor, 1u);
      tmpcol[at] = key;
      tmpval[at] = bitcast<f32>(atomicLoad(&tvals[base + h]));
    }
  }
  storageBarrier();
  workgroupBarrier();
  if (!live) { return; }
  for (var e = lid; e < len; e += ${WGL}u) {
    let key = tmpcol[start + e];
    var rank = 0u;
    for (var t = 0u; t < len; t++) { if (tmpcol[start + t] < key) { rank++; } }
    ccol[start + rank] = key;
    cval[start + rank] = tmpval[start + e];
  }` : `if (live && lid == 0u) { cptr[row] = atomicLoad(&total); }`}
}`;
}

/** What {@link gpuSpgemm} returns. */
export interface GpuSpgemmResult {
  /** C = A·B on the CPU (f64 arrays holding the f32 results), canonical: rows sorted, no duplicates. */
  matrix: CSRMatrix;
  /** GPU time in ms (timestamp queries) of both passes, or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** Rows that used the workgroup-memory table and rows that used global-memory tables. */
  rows: { workgroup: number; global: number };
}

/** Options of {@link gpuSpgemm}. */
export interface GpuSpgemmOptions {
  /** Most bytes of global hash tables at once (default min(512 MiB, the device's binding limit)). */
  tableBytes?: number;
}

function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/**
 * C = A·B for two f32 GPU matrices by row-wise hashing (workgroup-memory tables for short rows,
 * global-memory tables for long ones), returning C on the CPU.
 *
 * @param A - m×k {@link GpuMatrix}
 * @param B - k×n {@link GpuMatrix}
 * @param options - {@link GpuSpgemmOptions}
 * @returns {@link GpuSpgemmResult}
 * @throws {@link ShapeError} when the inner dimensions differ.
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
  if (!(tableBytes >= 8 * TABLE)) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, `at least ${8 * TABLE}`);
  // Upper bound of products per row (CPU, O(nnz(A))).
  const aidx = A.source.indices;
  const small: number[] = [];
  const large: number[] = [];
  const bound: number[] = [];
  for (let i = 0; i < m; i++) {
    let ub = 0;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) { const c = aidx[p]!; ub += B.indptr[c + 1]! - B.indptr[c]!; }
    if (ub === 0) continue;
    if (ub <= SMALL_MAX) small.push(i);
    else { large.push(i); bound.push(nextPow2(Math.min(2 * ub, 2 * n))); }
  }
  const maxSlots = Math.floor(tableBytes / 4);
  const chunks: { rows: number[]; off: number[]; size: number[]; slots: number }[] = [];
  for (let t = 0; t < large.length; t++) {
    const sz = bound[t]!;
    if (sz > maxSlots) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, `at least ${4 * sz} for row ${large[t]} (raise it, or the device limit is too low)`);
    let c = chunks[chunks.length - 1];
    if (!c || c.slots + sz > maxSlots) { c = { rows: [], off: [], size: [], slots: 0 }; chunks.push(c); }
    c.rows.push(large[t]!);
    c.off.push(c.slots);
    c.size.push(sz);
    c.slots += sz;
  }
  const temp: WgpuBuffer[] = [];
  const u32buf = (v: ArrayLike<number>) => { const b = gpu.buffer(4 * Math.max(1, v.length)); temp.push(b); gpu.write(b, Uint32Array.from(v)); return b; };
  const ins = (rows: WgpuBuffer) => [A.indptrBuf, A.indicesBuf, A.dataBuf, B.indptrBuf, B.indicesBuf, B.dataBuf, rows];
  try {
    await gpu.gpuTime();
    const counts = gpu.buffer(4 * (m + 1));
    temp.push(counts);
    gpu.write(counts, new Uint32Array(m + 1));
    const smallRows = u32buf(small);
    const maxTable = chunks.reduce((s, c) => Math.max(s, c.slots), 1);
    const tkeys = gpu.buffer(4 * maxTable);
    const tvals = gpu.buffer(4 * maxTable);
    temp.push(tkeys, tvals);
    const chunkBufs = chunks.map((c) => ({ rows: u32buf(c.rows), off: u32buf(c.off), size: u32buf(c.size), count: c.rows.length }));
    // Symbolic pass.
    if (small.length) gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(false)), [...ins(smallRows), counts, gpu.uniform([small.length])], small.length));
    for (const c of chunkBufs) gpu.record(gpu.dispatch(gpu.pipeline(largeKernel(false)), [...ins(c.rows), c.off, c.size, tkeys, tvals, counts, gpu.uniform([c.count])], c.count));
    const cnt = new Uint32Array(await gpu.read(counts, 0, 4 * m));
    const indptr = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i]! + cnt[i]!;
    const nnz = indptr[m]!;
    const cptr = u32buf(indptr);
    const ccol = gpu.buffer(4 * nnz);
    const cval = gpu.buffer(4 * nnz);
    const tmpcol = gpu.buffer(4 * (large.length ? nnz : 1));
    const tmpval = gpu.buffer(4 * (large.length ? nnz : 1));
    temp.push(ccol, cval, tmpcol, tmpval);
    // Numeric pass.
    if (small.length) gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(true)), [...ins(smallRows), cptr, ccol, cval, gpu.uniform([small.length])], small.length));
    for (const c of chunkBufs) gpu.record(gpu.dispatch(gpu.pipeline(largeKernel(true)), [...ins(c.rows), c.off, c.size, tkeys, tvals, cptr, tmpcol, tmpval, ccol, cval, gpu.uniform([c.count])], c.count));
    const cols = new Uint32Array(await gpu.read(ccol, 0, 4 * nnz));
    const vals = new Float32Array(await gpu.read(cval, 0, 4 * nnz));
    const gpuTimeMs = await gpu.gpuTime();
    const matrix = csr({ indptr, indices: Int32Array.from(cols), data: Float64Array.from(vals), shape: [m, n] });
    return { matrix, gpuTimeMs, rows: { workgroup: small.length, global: large.length } };
  } finally {
    for (const b of temp) b.destroy();
  }
}
