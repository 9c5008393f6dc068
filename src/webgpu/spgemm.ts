/**
 * SpGEMM C = A·B on the GPU (f32), row by row, with rows binned by their upper bound on products
 * (Σ over A's row of B's row lengths), as in the GPU SpGEMM literature (nsparse, spECK, OpSparse):
 *
 * - a row with at most 512 products goes to the bin of the smallest power-of-two table T ≥ 2·bound
 *   (T = 32 … 1024); a workgroup holds 1024/T rows of that bin side by side, each in its own hash
 *   table of T slots in workgroup memory (the SMASH idea), with 256/(1024/T) invocations per row;
 * - a longer row goes to a dense accumulator in global memory: a bitmap of the columns and n value
 *   slots, one accumulator per resident workgroup, each looping over its share of the long rows.
 *   The bitmap gives the row sorted in O(n/32) word reads (popcount prefix sums), and reading a
 *   value clears its slot, so an accumulator is clean for the next row without an O(n) pass.
 *
 * Two passes, as in cuSPARSE and most GPU SpGEMMs: a symbolic pass counts each row's distinct
 * columns, the CPU turns the counts into row pointers, and a numeric pass accumulates the values
 * (f32 atomic adds by compare-and-swap on the bit pattern) and writes each row sorted by column
 * (rank counting among the row's entries in workgroup memory; the bitmap's order for long rows).
 * Rounding: each entry is an f32 sum of its products in an unspecified order, so
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

/** Slots of a workgroup's hash tables (all its rows together); rows with at most SMALL_MAX products use them. */
const TABLE = 1024;
const SMALL_MAX = TABLE / 2;
/** Smallest per-row table. */
const TABLE_MIN = 32;
/** Invocations per workgroup. */
const WGL = 256;
/** Lanes that share one of A's entries, striding over the row of B it selects. */
const LANES_B = 4;
/** Most workgroups with a dense accumulator of their own. */
const DENSE_GROUPS = 2048;
const EMPTY = '0xffffffffu';

const INPUTS = `${storage(0, 'aptr', 'u32')}
${storage(1, 'aidx', 'u32')}
${storage(2, 'aval', 'f32')}
${storage(3, 'bptr', 'u32')}
${storage(4, 'bidx', 'u32')}
${storage(5, 'bval', 'f32')}
${storage(6, 'rows', 'u32')}`;

/** The atomic f32 add `target += prod` by compare-and-swap on the bit pattern. */
function atomicAddF32(target: string): string {
  return `loop {
          let old = atomicLoad(&${target});
          let r2 = atomicCompareExchangeWeak(&${target}, old, bitcast<u32>(bitcast<f32>(old) + prod));
          if (r2.exchanged) { break; }
        }`;
}

/** Insert `col` (and add `prod` in the numeric pass) into the table at `base` (mask `mask`), counting new keys in `total`. */
function insert(numeric: boolean, base: string, mask: string, total: string): string {
  return `let col = bidx[q];
        var h = (col * 2654435761u) & ${mask};
        loop {
          let r = atomicCompareExchangeWeak(&keys[${base} + h], ${EMPTY}, col);
          if (r.exchanged) { atomicAdd(&${total}, 1u); break; }
          if (r.old_value == col) { break; }
          if (r.old_value == ${EMPTY}) { continue; }
          h = (h + 1u) & ${mask};
        }
        ${numeric ? `let prod = av * bval[q];
        ${atomicAddF32(`vals[${base} + h]`)}` : ''}`;
}

/**
 * The rows of one bin (tables of `size` slots, a power of two from TABLE_MIN to TABLE): a
 * workgroup takes TABLE/size rows, each with WGL/(TABLE/size) invocations and its own table. The
 * numeric pass compacts each row's entries and sorts them by rank counting among themselves.
 */
function smallKernel(numeric: boolean, size: number): string {
  const per = TABLE / size;
  const lanes = WGL / per;
  return `${INPUTS}
${storage(7, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(8, 'ccol', 'u32', 'read_write')}\n${storage(9, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 10 : 8, 'count: u32')}
var<workgroup> keys: array<atomic<u32>, ${TABLE}>;
var<workgroup> vals: array<atomic<u32>, ${TABLE}>;
var<workgroup> tot: array<atomic<u32>, ${per}>;
${numeric ? `var<workgroup> ckey: array<u32, ${SMALL_MAX}>;\nvar<workgroup> cvl: array<f32, ${SMALL_MAX}>;` : ''}
@compute @workgroup_size(${WGL}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0];'}
  let slot = lid / ${lanes}u;
  let lane = lid % ${lanes}u;
  let ri = wg * ${per}u + slot;
  let live = ri < p.count;
  var row = 0u;
  if (live) { row = rows[ri]; }
  let base = slot * ${size}u;
  for (var h = lid; h < ${TABLE}u; h += ${WGL}u) { atomicStore(&keys[h], ${EMPTY}); atomicStore(&vals[h], 0u); }
  if (lid < ${per}u) { atomicStore(&tot[lid], 0u); }
  workgroupBarrier();
  if (live) {
    let ae = aptr[row + 1u];
    for (var a = aptr[row] + lane / ${LANES_B}u; a < ae; a += ${lanes / LANES_B}u) {
      let k = aidx[a];
      let av = aval[a];
      let be = bptr[k + 1u];
      for (var q = bptr[k] + lane % ${LANES_B}u; q < be; q += ${LANES_B}u) {
        ${insert(numeric, 'base', `${size - 1}u`, 'tot[slot]')}
      }
    }
  }
  workgroupBarrier();
  ${numeric ? `if (lid < ${per}u) { atomicStore(&tot[lid], 0u); }
  workgroupBarrier();
  let cb = slot * ${size / 2}u;
  for (var h = lane; h < ${size}u; h += ${lanes}u) {
    let key = atomicLoad(&keys[base + h]);
    if (key != ${EMPTY}) {
      let at = atomicAdd(&tot[slot], 1u);
      ckey[cb + at] = key;
      cvl[cb + at] = bitcast<f32>(atomicLoad(&vals[base + h]));
    }
  }
  workgroupBarrier();
  if (!live) { return; }
  let len = atomicLoad(&tot[slot]);
  let start = cptr[row];
  for (var e = lane; e < len; e += ${lanes}u) {
    let key = ckey[cb + e];
    var rank = 0u;
    for (var t = 0u; t < len; t++) { if (ckey[cb + t] < key) { rank++; } }
    ccol[start + rank] = key;
    cval[start + rank] = cvl[cb + e];
  }` : `if (live && lane == 0u) { cptr[row] = atomicLoad(&tot[slot]); }`}
}`;
}

/**
 * Rows too long for the workgroup tables: each workgroup owns a dense accumulator in global
 * memory (a bitmap of n bits at wg·nw words and n value slots at wg·n) and loops over the long
 * rows wg, wg + groups, …. The numeric pass writes a row out in column order from the bitmap
 * (per-invocation popcounts, one workgroup prefix sum) and clears the bits and value slots it
 * read, so the next row starts from a clean accumulator; the symbolic pass clears its bitmap.
 */
function denseKernel(numeric: boolean): string {
  return `${INPUTS}
${storage(7, 'bits', 'atomic<u32>', 'read_write')}
${storage(8, 'tvals', 'atomic<u32>', 'read_write')}
${storage(9, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(10, 'ccol', 'u32', 'read_write')}\n${storage(11, 'cval', 'f32', 'read_write')}` : ''}
${uniform(numeric ? 12 : 10, 'count: u32, n: u32, nw: u32')}
var<workgroup> total: atomic<u32>;
var<workgroup> scan: array<u32, ${WGL}>;
@compute @workgroup_size(${WGL}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0]; _ = atomicLoad(&tvals[0]);'}
  let groups = nwg.x * nwg.y;
  let vb = wg * p.n;
  let bb = wg * p.nw;
  for (var t = wg; t < p.count; t += groups) {
    let row = rows[t];
    if (lid == 0u) { atomicStore(&total, 0u); }
    workgroupBarrier();
    let ae = aptr[row + 1u];
    for (var a = aptr[row] + lid / ${LANES_B}u; a < ae; a += ${WGL / LANES_B}u) {
      let k = aidx[a];
      let av = aval[a];
      let be = bptr[k + 1u];
      for (var q = bptr[k] + lid % ${LANES_B}u; q < be; q += ${LANES_B}u) {
        let col = bidx[q];
        let m = 1u << (col & 31u);
        let old = atomicOr(&bits[bb + (col >> 5u)], m);
        ${numeric ? `let prod = av * bval[q];
        ${atomicAddF32('tvals[vb + col]')}` : 'if ((old & m) == 0u) { atomicAdd(&total, 1u); }'}
      }
    }
    storageBarrier();
    workgroupBarrier();
    ${numeric ? `let per = (p.nw + ${WGL - 1}u) / ${WGL}u;
    let w0 = min(lid * per, p.nw);
    let w1 = min(w0 + per, p.nw);
    var c = 0u;
    for (var w = w0; w < w1; w++) { c += countOneBits(atomicLoad(&bits[bb + w])); }
    scan[lid] = c;
    workgroupBarrier();
    for (var o = 1u; o < ${WGL}u; o = o << 1u) {
      var v = 0u;
      if (lid >= o) { v = scan[lid - o]; }
      workgroupBarrier();
      scan[lid] = scan[lid] + v;
      workgroupBarrier();
    }
    var at = cptr[row] + scan[lid] - c;
    for (var w = w0; w < w1; w++) {
      var word = atomicLoad(&bits[bb + w]);
      if (word == 0u) { continue; }
      atomicStore(&bits[bb + w], 0u);
      loop {
        if (word == 0u) { break; }
        let col = w * 32u + firstTrailingBit(word);
        word = word & (word - 1u);
        ccol[at] = col;
        cval[at] = bitcast<f32>(atomicLoad(&tvals[vb + col]));
        atomicStore(&tvals[vb + col], 0u);
        at = at + 1u;
      }
    }` : `if (lid == 0u) { cptr[row] = atomicLoad(&total); }
    for (var w = lid; w < p.nw; w += ${WGL}u) { atomicStore(&bits[bb + w], 0u); }`}
    storageBarrier();
    workgroupBarrier();
  }
}`;
}

/** What {@link gpuSpgemm} returns. */
export interface GpuSpgemmResult {
  /** C = A·B on the CPU (f64 arrays holding the f32 results), canonical: rows sorted, no duplicates. */
  matrix: CSRMatrix;
  /** GPU time in ms (timestamp queries) of both passes, or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** Rows that used a workgroup-memory hash table and rows that used a dense global accumulator. */
  rows: { workgroup: number; global: number };
}

/** Options of {@link gpuSpgemm}. */
export interface GpuSpgemmOptions {
  /** Most bytes of the dense accumulators of long rows together (default min(1 GiB, the device's binding limit)). */
  tableBytes?: number;
}

/**
 * C = A·B for two f32 GPU matrices, row-wise with rows binned by their bound on products
 * (workgroup-memory hash tables for short rows, dense global accumulators with a column bitmap
 * for long ones), returning C on the CPU.
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
  const tableBytes = options?.tableBytes ?? Math.min(2 ** 30, limit);
  if (!(tableBytes > 0)) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, 'a positive number of bytes');
  // Bin the rows by their upper bound on products (CPU, O(nnz(A))).
  const aidx = A.source.indices;
  const bins = new Map<number, number[]>();
  const large: number[] = [];
  let small = 0;
  for (let i = 0; i < m; i++) {
    let ub = 0;
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) { const c = aidx[p]!; ub += B.indptr[c + 1]! - B.indptr[c]!; }
    if (ub === 0) continue;
    if (ub <= SMALL_MAX) {
      let size = TABLE_MIN;
      while (size < 2 * ub) size *= 2;
      let bin = bins.get(size);
      if (!bin) bins.set(size, (bin = []));
      bin.push(i);
      small++;
    } else large.push(i);
  }
  // Dense accumulators (n value slots and n/32 bitmap words each), as many as the budget holds.
  const nw = Math.ceil(n / 32);
  const perGroup = 4 * (n + nw);
  const groups = Math.min(large.length, DENSE_GROUPS, Math.floor(tableBytes / perGroup), Math.floor(limit / (4 * Math.max(1, n))));
  if (large.length && groups < 1) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, `at least ${perGroup} (one dense accumulator)`);
  const temp: WgpuBuffer[] = [];
  const u32buf = (v: ArrayLike<number>) => {
    const b = gpu.buffer(4 * Math.max(1, v.length));
    temp.push(b);
    if (v.length) gpu.write(b, Uint32Array.from(v)); // (a zero-length write panics Deno 2.9's WebGPU)
    return b;
  };
  const ins = (rows: WgpuBuffer) => [A.indptrBuf, A.indicesBuf, A.dataBuf, B.indptrBuf, B.indicesBuf, B.dataBuf, rows];
  try {
    gpu.discardTimings();
    const counts = gpu.buffer(4 * (m + 1));
    temp.push(counts);
    const binBufs = [...bins].map(([size, rows]) => ({ size, rows: u32buf(rows), count: rows.length }));
    const bits = gpu.buffer(4 * Math.max(1, groups * nw));
    const tvals = gpu.buffer(4 * Math.max(1, groups * n));
    temp.push(bits, tvals);
    const largeRows = u32buf(large);
    const uLarge = gpu.uniform([large.length, n, nw]);
    temp.push(uLarge);
    const record = (numeric: boolean, out: WgpuBuffer[]) => {
      for (const b of binBufs) {
        gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(numeric, b.size)), [...ins(b.rows), ...out, gpu.uniform([b.count])], Math.ceil(b.count / (TABLE / b.size))));
      }
      if (large.length) gpu.record(gpu.dispatch(gpu.pipeline(denseKernel(numeric)), [...ins(largeRows), bits, tvals, ...out, uLarge], groups));
    };
    // Symbolic pass (fresh buffers are zero: counts of empty rows stay 0, the bitmaps start clean).
    record(false, [counts]);
    const cnt = new Uint32Array(await gpu.read(counts, 0, 4 * m));
    const indptr = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i]! + cnt[i]!;
    const nnz = indptr[m]!;
    const cptr = u32buf(indptr);
    const ccol = gpu.buffer(4 * nnz);
    const cval = gpu.buffer(4 * nnz);
    temp.push(ccol, cval);
    // Numeric pass.
    record(true, [cptr, ccol, cval]);
    const cols = new Uint32Array(await gpu.read(ccol, 0, 4 * nnz));
    const vals = new Float32Array(await gpu.read(cval, 0, 4 * nnz));
    const gpuTimeMs = await gpu.gpuTime();
    const matrix = csr({ indptr, indices: Int32Array.from(cols), data: Float64Array.from(vals), shape: [m, n] });
    return { matrix, gpuTimeMs, rows: { workgroup: small, global: large.length } };
  } finally {
    for (const b of temp) b.destroy();
  }
}
