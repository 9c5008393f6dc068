/**
 * SpGEMM C = A·B on the GPU (f32), row by row, with rows binned by their upper bound on products
 * (Σ over A's row of B's row lengths), as in the GPU SpGEMM literature (nsparse, spECK, OpSparse):
 *
 * - a row with at most 512 products goes to the bin of the smallest power-of-two table T ≥ 2·bound
 *   (T = 32 … 1024); a workgroup holds 1024/T rows of that bin side by side, each in its own hash
 *   table of T slots in workgroup memory (the SMASH idea), with 256/(1024/T) invocations per row;
 * - a longer row goes to a dense accumulator: a bitmap of the columns and n value slots, in
 *   workgroup memory when n of them fit the device's workgroup storage (one workgroup per row:
 *   long, dense output rows such as those of XᵀX), else in global memory, one accumulator per
 *   resident workgroup, each looping over its share of the long rows. The bitmap gives the row
 *   sorted in O(n/32) word reads (popcount prefix sums); a global accumulator's value slots are
 *   cleared as they are read, so it is clean for the next row without an O(n) pass.
 *
 * Two passes, as in cuSPARSE and most GPU SpGEMMs: a symbolic pass counts each row's distinct
 * columns, the CPU turns the counts into row pointers, and a numeric pass accumulates the values
 * (f32 atomic adds by compare-and-swap on the bit pattern) and writes each row sorted by column
 * (rank counting among the row's entries in workgroup memory; the bitmap's order for long rows).
 * C's columns and values are written in row chunks whose buffers fit the device's binding limit
 * (the numeric pass runs once per chunk), so C may be larger than one GPU buffer.
 * Rounding: each entry is an f32 sum of its products in an unspecified order, so
 * |c − ĉ| ≤ (t + 1)·2⁻²⁴·Σ|a_ik·b_kj| for an entry with t products.
 *
 * @module
 */
import { ArgumentError, ShapeError, SparsityError } from '../core/errors.js';
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
${uniform(numeric ? 10 : 8, 'first: u32, count: u32, base: u32')}
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
  if (live) { row = rows[p.first + ri]; }
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
  let start = cptr[row] - p.base;
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
 * Set bit `m` of the bitmap word `word` for column `col` (`m` = 1 << (col mod 32)); the symbolic
 * pass counts the columns it sets first in `total`. A plain load first skips the atomic once the
 * bit is set: in dense output rows most products land on columns already seen.
 */
function markBit(word: string, numeric: boolean): string {
  return `let m = 1u << (col & 31u);
        if ((atomicLoad(&${word}) & m) == 0u) {
          let old = atomicOr(&${word}, m);
          ${numeric ? '' : 'if ((old & m) == 0u) { atomicAdd(&total, 1u); }'}
        }`;
}

/**
 * Rows too long for the hash tables, into a dense accumulator: a bitmap of n bits and n value
 * slots. With `wide` (= n) the accumulator is in workgroup memory and each workgroup takes one row
 * (WGSL zero-initializes workgroup memory, so it starts clean); otherwise each workgroup owns one
 * in global memory (bitmap at wg·nw words, values at wg·n), kept clean between rows by clearing
 * what a row set, and loops over the rows wg, wg + groups, …. The numeric
 * pass writes a row out in column order from the bitmap (per-invocation popcounts, one workgroup
 * prefix sum).
 */
function accumulatorKernel(numeric: boolean, wide: number): string {
  const bitsAt = (w: string) => (wide ? `wbits[${w}]` : `bits[bb + ${w}]`);
  const valAt = (c: string) => (wide ? `wvals[${c}]` : `tvals[vb + ${c}]`);
  const nw = Math.ceil(wide / 32);
  // Bindings: the inputs (0–6), cptr, ccol and cval (numeric), the global accumulators, the uniform.
  const acc = numeric ? 10 : 8;
  return `${INPUTS}
${storage(7, 'cptr', 'u32', numeric ? 'read' : 'read_write')}
${numeric ? `${storage(8, 'ccol', 'u32', 'read_write')}\n${storage(9, 'cval', 'f32', 'read_write')}` : ''}
${wide ? '' : `${storage(acc, 'bits', 'atomic<u32>', 'read_write')}\n${storage(acc + 1, 'tvals', 'atomic<u32>', 'read_write')}`}
${uniform(wide ? acc : acc + 2, 'first: u32, count: u32, base: u32, n: u32, nw: u32')}
${wide ? `var<workgroup> wbits: array<atomic<u32>, ${nw}>;` : ''}
${wide && numeric ? `var<workgroup> wvals: array<atomic<u32>, ${wide}>;` : ''}
var<workgroup> total: atomic<u32>;
var<workgroup> scan: array<u32, ${WGL}>;
@compute @workgroup_size(${WGL}) fn main(${ENTRY}) {
  ${WG_INDEX}
  ${numeric ? '' : '_ = bval[0];'}
  ${wide ? '' : `let vb = wg * p.n;
  let bb = wg * p.nw;
  ${numeric ? '' : '_ = atomicLoad(&tvals[0]);'}`}
  let groups = nwg.x * nwg.y;
  for (var t = wg; t < p.count; t += groups) {
    let row = rows[p.first + t];
    if (lid == 0u) { atomicStore(&total, 0u); }
    workgroupBarrier();
    let ae = aptr[row + 1u];
    for (var a = aptr[row] + lid / ${LANES_B}u; a < ae; a += ${WGL / LANES_B}u) {
      let k = aidx[a];
      let av = aval[a];
      let be = bptr[k + 1u];
      for (var q = bptr[k] + lid % ${LANES_B}u; q < be; q += ${LANES_B}u) {
        let col = bidx[q];
        ${markBit(bitsAt('(col >> 5u)'), numeric)}
        ${numeric ? `let prod = av * bval[q];
        ${atomicAddF32(valAt('col'))}` : ''}
      }
    }
    ${wide ? '' : 'storageBarrier();'}
    workgroupBarrier();
    ${numeric ? `let per = (p.nw + ${WGL - 1}u) / ${WGL}u;
    let w0 = min(lid * per, p.nw);
    let w1 = min(w0 + per, p.nw);
    var c = 0u;
    for (var w = w0; w < w1; w++) { c += countOneBits(atomicLoad(&${bitsAt('w')})); }
    scan[lid] = c;
    workgroupBarrier();
    for (var o = 1u; o < ${WGL}u; o = o << 1u) {
      var v = 0u;
      if (lid >= o) { v = scan[lid - o]; }
      workgroupBarrier();
      scan[lid] = scan[lid] + v;
      workgroupBarrier();
    }
    var at = cptr[row] - p.base + scan[lid] - c;
    for (var w = w0; w < w1; w++) {
      var word = atomicLoad(&${bitsAt('w')});
      if (word == 0u) { continue; }
      ${wide ? '' : `atomicStore(&${bitsAt('w')}, 0u);`}
      loop {
        if (word == 0u) { break; }
        let col = w * 32u + firstTrailingBit(word);
        word = word & (word - 1u);
        ccol[at] = col;
        cval[at] = bitcast<f32>(atomicLoad(&${valAt('col')}));
        ${wide ? '' : `atomicStore(&${valAt('col')}, 0u);`}
        at = at + 1u;
      }
    }` : `if (lid == 0u) { cptr[row] = atomicLoad(&total); }
    ${wide ? '' : `for (var w = lid; w < p.nw; w += ${WGL}u) { atomicStore(&${bitsAt('w')}, 0u); }`}`}
    ${wide ? '' : 'storageBarrier();'}
    workgroupBarrier();
  }
}`;
}

/** Workgroup storage of {@link accumulatorKernel} with `wide` = n (bitmap, values, scan, counter). */
function wideBytes(n: number): number {
  return 4 * (Math.ceil(n / 32) + n + WGL + 1);
}

/** What {@link gpuSpgemm} returns. */
export interface GpuSpgemmResult {
  /** C = A·B on the CPU (f64 arrays holding the f32 results), canonical: rows sorted, no duplicates. */
  matrix: CSRMatrix;
  /** GPU time in ms (timestamp queries) of both passes, or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /**
   * Rows by accumulator: a hash table in workgroup memory (`workgroup`), a dense accumulator in
   * workgroup memory (`wide`: long rows when C has few enough columns) or in global memory (`global`).
   */
  rows: { workgroup: number; wide: number; global: number };
  /** Numeric passes run: C's columns and values went through buffers of at most `outputBytes` each. */
  chunks: number;
}

/** Options of {@link gpuSpgemm}. */
export interface GpuSpgemmOptions {
  /** Most bytes of the global dense accumulators of long rows together (default min(1 GiB, the device's binding limit)). */
  tableBytes?: number;
  /**
   * Most bytes of the buffer of C's columns (and of its values) in one numeric pass; C is produced
   * in row chunks under it (default: the device's maxStorageBufferBindingSize and maxBufferSize).
   */
  outputBytes?: number;
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
  const lim = gpu.device.limits;
  const limit = lim.maxStorageBufferBindingSize ?? 134217728;
  const tableBytes = options?.tableBytes ?? Math.min(2 ** 30, limit);
  if (!(tableBytes > 0)) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, 'a positive number of bytes');
  const outputBytes = options?.outputBytes ?? Math.min(limit, lim.maxBufferSize ?? 268435456);
  if (!(outputBytes >= 4)) throw new ArgumentError('gpuSpgemm options.outputBytes', outputBytes, 'a number of bytes ≥ 4');
  // Long rows use workgroup-memory dense accumulators when n values and the bitmap fit there.
  const wide = wideBytes(n) <= (lim.maxComputeWorkgroupStorageSize ?? 16384) ? n : 0;
  // Bin the rows by their upper bound on products (CPU, O(nnz(A))); bins list rows in order.
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
  // Global dense accumulators (n value slots and n/32 bitmap words each), as many as the budget holds.
  const nw = Math.ceil(n / 32);
  const perGroup = 4 * (n + nw);
  const groups = wide ? large.length : Math.min(large.length, DENSE_GROUPS, Math.floor(tableBytes / perGroup), Math.floor(limit / (4 * Math.max(1, n))));
  if (large.length && groups < 1) throw new ArgumentError('gpuSpgemm options.tableBytes', tableBytes, `at least ${perGroup} (one dense accumulator)`);
  const temp: WgpuBuffer[] = [];
  const u32buf = (v: ArrayLike<number>) => {
    const b = gpu.buffer(4 * Math.max(1, v.length));
    temp.push(b);
    if (v.length) gpu.write(b, Uint32Array.from(v)); // (a zero-length write panics Deno 2.9's WebGPU)
    return b;
  };
  const uniform = (words: number[]) => {
    const u = gpu.uniform(words);
    temp.push(u);
    return u;
  };
  const ins = (rows: WgpuBuffer) => [A.indptrBuf, A.indicesBuf, A.dataBuf, B.indptrBuf, B.indicesBuf, B.dataBuf, rows];
  try {
    gpu.discardTimings();
    const counts = gpu.buffer(4 * (m + 1));
    temp.push(counts);
    const binBufs = [...bins].map(([size, rows]) => ({ size, rows, buf: u32buf(rows) }));
    const accum = wide ? [] : [gpu.buffer(4 * Math.max(1, groups * nw)), gpu.buffer(4 * Math.max(1, groups * n))];
    temp.push(...accum);
    const largeRows = u32buf(large);
    // Record one pass over the rows in [r0, r1) (numeric: writing C's entries from index `base`).
    const record = (numeric: boolean, out: WgpuBuffer[], r0: number, r1: number, base: number) => {
      for (const b of binBufs) {
        const first = lowerBound(b.rows, r0);
        const count = lowerBound(b.rows, r1) - first;
        if (count === 0) continue;
        gpu.record(gpu.dispatch(gpu.pipeline(smallKernel(numeric, b.size)), [...ins(b.buf), ...out, uniform([first, count, base])], Math.ceil(count / (TABLE / b.size))));
      }
      const first = lowerBound(large, r0);
      const count = lowerBound(large, r1) - first;
      if (count === 0) return;
      const kernel = gpu.pipeline(accumulatorKernel(numeric, wide));
      gpu.record(gpu.dispatch(kernel, [...ins(largeRows), ...out, ...accum, uniform([first, count, base, n, nw])], Math.min(count, groups)));
    };
    // Symbolic pass (fresh buffers are zero: counts of empty rows stay 0, the bitmaps start clean).
    record(false, [counts], 0, m, 0);
    const cnt = new Uint32Array(await gpu.read(counts, 0, 4 * m));
    const indptr = new Int32Array(m + 1);
    let nnz = 0;
    for (let i = 0; i < m; i++) {
      nnz += cnt[i]!;
      if (nnz > 2 ** 31 - 1) throw new SparsityError(`gpuSpgemm: C has more than 2^31 - 1 nonzeros (past row ${i}), more than a CSR matrix holds`);
      indptr[i + 1] = nnz;
    }
    // Numeric pass, in row chunks of at most outputBytes / 4 entries.
    const most = Math.floor(outputBytes / 4);
    const chunks: [number, number][] = [];
    for (let r0 = 0; r0 < m;) {
      let r1 = r0;
      while (r1 < m && indptr[r1 + 1]! - indptr[r0]! <= most) r1++;
      if (r1 === r0) throw new ArgumentError('gpuSpgemm options.outputBytes', outputBytes, `at least ${4 * cnt[r0]!} (row ${r0} of C)`);
      chunks.push([r0, r1]);
      r0 = r1;
    }
    const cptr = u32buf(indptr);
    let size = 0;
    for (const [r0, r1] of chunks) size = Math.max(size, indptr[r1]! - indptr[r0]!);
    const ccol = gpu.buffer(4 * size);
    const cval = gpu.buffer(4 * size);
    temp.push(ccol, cval);
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    for (const [r0, r1] of chunks) {
      const base = indptr[r0]!;
      const len = indptr[r1]! - base;
      if (len === 0) continue;
      record(true, [cptr, ccol, cval], r0, r1, base);
      indices.set(new Int32Array(await gpu.read(ccol, 0, 4 * len)), base);
      data.set(new Float32Array(await gpu.read(cval, 0, 4 * len)), base);
    }
    const gpuTimeMs = await gpu.gpuTime();
    const matrix = csr({ indptr, indices, data, shape: [m, n] });
    return { matrix, gpuTimeMs, rows: { workgroup: small, wide: wide ? large.length : 0, global: wide ? 0 : large.length }, chunks: chunks.length };
  } finally {
    for (const b of temp) b.destroy();
  }
}

/** First index of the sorted `a` holding a value ≥ `x`. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
