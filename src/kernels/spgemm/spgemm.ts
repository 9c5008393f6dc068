/**
 * SpGEMM C = A·B on raw CSR arrays: planning, the numeric pass (JS or WASM, on one thread or split
 * over the worker pool by flops-balanced row chunks), exact-zero removal and the copy out of WASM
 * memory. Either a symbolic pass first counts each row exactly, or (row slots: {@link SLOTS_MIN_FILL},
 * {@link SLOTS_SPAN_BYTES}, {@link ONE_PASS_ENTRIES}) each row is computed straight into a slot of
 * min(flops(i), n) entries and the copy out closes the gaps. Either way the numeric pass runs block
 * by block of rows through one small buffer in WASM memory, so C is written once into the result
 * arrays. Both give the same bits: each row is merged by the same kernel in the same order.
 *
 * One implementation serves the synchronous and asynchronous entries: the steps are a generator
 * that yields the parallel tasks, and the two drivers run them with `runParallel` (blocking) or
 * `runParallelAsync` (awaiting).
 *
 * @module
 * @internal
 */
import { INT32_MAX } from '../../core/array.js';
import { ArgumentError, ResourceError } from '../../core/errors.js';
import { wantWasm } from '../runtime/backend.js';
import { searchChunks, tierUpChunks } from '../runtime/chunks.js';
import { resolveThreads, runLocal, runParallel, runParallelAsync } from '../runtime/threads/pool.js';
import type { Task, TaskParams } from '../runtime/threads/registry.js';
import { getWasm, type WasmKernels } from '../runtime/wasm/loader.js';
import { type Pins, inResidencyScope, isResident, resident, residentCompressed, unpin } from '../runtime/wasm/resident.js';
import { type AccumulatorMode, type SpgemmPlan, checkSpgemmSize, planSpgemm } from './plan.js';
import { spgemmNumericJs, spgemmSymbolicJs } from './rows.js';
import { spgemmNumericTask, spgemmSymbolicTask } from './tasks.js';
import { sampledSlotFill, sampledSpanBytes } from './fill.js';
import { recycleScratch, resultCopyFloat64, resultCopyInt32, resultFloat64, resultInt32 } from '../runtime/result-pool.js';

/** Raw CSR arrays. @internal */
export interface CsrArrays {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/** Options of the SpGEMM kernel (validated by the caller except the internal ones). @internal */
export interface SpgemmKernelOptions {
  accumulator?: 'auto' | 'hash' | 'dense';
  sorted?: boolean;
  threads?: number | 'auto';
  /** Hash multiplier (default 0x9E3779B1, Fibonacci hashing); 0 sends every key to slot 0 (tests). */
  hashMultiplier?: number;
  /** Dense accumulator when table·denseRatio >= n (default {@link DENSE_RATIO}). */
  denseRatio?: number;
  /** Entries per block of the numeric pass in WASM memory (default {@link BLOCK_ENTRIES}; tests use tiny blocks). */
  blockEntries?: number;
  /**
   * One pass (no symbolic pass) when Σ min(flops(i), n) is at most this: default
   * {@link ONE_PASS_ENTRIES} in WASM memory, 0 (always two passes) on the plain-JS path.
   * Tests and benchmarks set it.
   */
  onePassEntries?: number;
  /**
   * Row slots without a symbolic pass (see {@link SLOTS_MIN_FILL}) when the sampled fill is at
   * least this: default {@link SLOTS_MIN_FILL}; 0 always, Infinity never. Tests and benchmarks set it.
   */
  slotsMinFill?: number;
  /**
   * Dense-accumulator products on WASM whose rows of A read B across at least this many bytes
   * consider the row slots too (default {@link SLOTS_SPAN_BYTES}; 0 always, Infinity never).
   * Tests and benchmarks set it.
   */
  slotsSpanBytes?: number;
}

/** What a product did (accumulator counts, backend, threads). */
export interface SpgemmStats {
  /** Multiply-adds performed: Σ_i Σ_{k ∈ A(i,:)} nnz(B(k,:)). */
  flops: number;
  /** Rows of C merged in a hash table. */
  hashRows: number;
  /** Rows of C merged in the dense accumulator. */
  denseRows: number;
  /** Stored entries of C (exact zeros dropped). */
  nnz: number;
  /** Backend that ran the row kernels. */
  backend: 'js' | 'wasm';
  /** Threads used. */
  threads: number;
}

/** Result arrays plus whether rows are sorted. @internal */
export interface SpgemmKernelResult extends CsrArrays {
  sorted: boolean;
  stats: SpgemmStats;
}

/**
 * Dense-accumulator rule for wide results: dense when the row's hash table would reach n / 16 slots
 * (GraphBLAS's switch). @internal
 */
export const DENSE_RATIO = 16;
/**
 * Up to this many columns every row uses the dense accumulator (its arrays, 12·n bytes, stay in
 * the per-core cache); above it each row chooses by the {@link DENSE_RATIO} rule, so short rows
 * hash and long ones still go dense. An earlier benchmark-suite measurement (n from 992 to 10^6)
 * had dense 1.3-3.6x faster whenever its arrays stay within the last-level cache.
 *
 * Set from R-MAT graphs (a, b, c = 0.45, 0.15, 0.15, seed 11; A·A, WASM, 1 thread, unsorted, median
 * CPU time of 8 products, 2 interleaved rounds, heavily loaded 2-core machine), per-row rule /
 * all dense:
 * - 2^19 nodes, edge factor 2 (bench/compare cold-loop's web graph, ~8 flops per row): 0.69, 0.84
 *   (all hashed: 0.77, 0.70, 0.75, 0.81);
 * - 2^18 nodes, edge factor 8 (136 flops per row): 0.89, 0.69;
 * - 2^16 nodes, edge factor 16 (476 flops per row): 1.32, 1.05: dense wins.
 * Earlier rounds on edge factor 2 graphs, all hashed / all dense: 2^17 0.86, 2^18 0.93. So the
 * rule applies from 2^17 columns. Issue 17 reports dense 1.3-1.7x faster on a real 325k-node web
 * graph, which was not available here to check against. @internal
 */
export const DENSE_ALWAYS_N = 1 << 17;
/** Default hash multiplier (2^32 / golden ratio, as int32). @internal */
export const HASH_MULTIPLIER = -1640531535;
/** 'auto' backend: WASM from this many flops (below, the copy into WASM memory does not pay). @internal */
export const AUTO_WASM_FLOPS = 20_000;
/**
 * Threads only from this many (expected) flops: below it the dispatch, the wait for the workers
 * and the serial steps cost more than the second thread saves. Measured on the benchmark suite
 * (2 threads): G51 (3·10^5 flops) and the smaller products ran slower with threads, Poisson
 * 250² (1.6·10^6) 15% faster. Applies to 'auto' and, in the synchronous entry, to an explicit
 * thread count too (the asynchronous entry honours it: its point is to free the caller). @internal
 */
export const AUTO_THREAD_FLOPS = 1_000_000;
let minThreadFlops = AUTO_THREAD_FLOPS;

/** Test hook: set the flops threshold of threads for synchronous products; returns the previous value. @internal */
export function setSpgemmMinThreadFlops(flops: number): number {
  const old = minThreadFlops;
  minThreadFlops = flops;
  return old;
}

interface TaskRequest {
  task: Task;
  params: TaskParams<string, string>;
  bounds: Int32Array;
  threads: number;
}

/** A task step of the product, typed against the task's layout. */
function request<I extends string, F extends string>(task: Task<I, F>, params: TaskParams<I, F>, bounds: Int32Array, threads: number): TaskRequest {
  return { task: task as unknown as Task, params, bounds, threads };
}

function modeOf(acc: SpgemmKernelOptions['accumulator']): AccumulatorMode {
  if (acc === undefined || acc === 'auto') return 0;
  if (acc === 'hash') return 1;
  if (acc === 'dense') return 2;
  throw new ArgumentError('accumulator', acc, "'auto', 'hash' or 'dense'");
}

function allocOrThrow<T>(what: string, count: number, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const err = new ResourceError('spgemm', what, count, INT32_MAX);
    err.message = `spgemm: cannot allocate the ${count} entries of ${what} (${12 * count} bytes): ${e.message}`;
    throw err;
  }
}

/** Exclusive prefix sum of rowNnz into Cp (length m + 1); returns the total (may exceed int32). */
function prefix(rowNnz: Int32Array, Cp: Int32Array | null, m: number): number {
  let total = 0;
  for (let i = 0; i < m; i++) total += rowNnz[i]!;
  if (total > INT32_MAX) throw new ResourceError('spgemm', 'nnz(C)', total, INT32_MAX);
  if (Cp) {
    let s = 0;
    Cp[0] = 0;
    for (let i = 0; i < m; i++) Cp[i + 1] = s += rowNnz[i]!;
  }
  return total;
}

/**
 * Copy rows [r0, r1) of a staging buffer (row i at Cj/Cx[Cp[i] - base], rowCount[i] entries) into
 * indices/data from position `w`, writing indptr[i + 1]; returns the new position. Short rows are
 * copied element by element (a typed-array `set` per row costs more than a short loop).
 */
function copyRows(Cp: Int32Array, base: number, Cj: Int32Array, Cx: Float64Array, rowCount: Int32Array, r0: number, r1: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, w: number): number {
  for (let i = r0; i < r1; i++) {
    const c0 = Cp[i]! - base;
    const cnt = rowCount[i]!;
    if (cnt > 32) {
      indices.set(Cj.subarray(c0, c0 + cnt), w);
      data.set(Cx.subarray(c0, c0 + cnt), w);
      w += cnt;
    } else {
      for (let t = c0; t < c0 + cnt; t++) {
        indices[w] = Cj[t]!;
        data[w++] = Cx[t]!;
      }
    }
    indptr[i + 1] = w;
  }
  return w;
}

/** Copy rows from (Cp, Cj, Cx) with rowCount[i] kept entries into exact-size arrays. */
function compact(Cp: Int32Array, Cj: Int32Array, Cx: Float64Array, rowCount: Int32Array, m: number, kept: number): CsrArrays {
  const indptr = resultInt32(m + 1);
  indptr[0] = 0;
  const indices = allocOrThrow('nnz(C)', kept, () => resultInt32(kept));
  const data = allocOrThrow('nnz(C)', kept, () => resultFloat64(kept));
  copyRows(Cp, 0, Cj, Cx, rowCount, 0, m, indptr, indices, data, 0);
  return { indptr, indices, data };
}

/**
 * Row slots of a one-pass product: Cp[i + 1] = Cp[i] + min(flops(i), n) (a bound on nnz(C(i,:)))
 * and, with `cum`, the cumulative flops. Returns the bound on nnz(C), or -1 as soon as it
 * exceeds `budget` (Cp is then incomplete).
 */
function boundSlots(rowFlops: Float64Array, n: number, m: number, Cp: Int32Array, cum: Float64Array | null, budget: number): number {
  let s = 0;
  let f = 0;
  Cp[0] = 0;
  for (let i = 0; i < m; i++) {
    const fi = rowFlops[i]!;
    s += fi < n ? fi : n;
    if (s > budget) return -1;
    Cp[i + 1] = s;
    if (cum) cum[i] = f += fi;
  }
  return s;
}

function sumCounts(rowCount: Int32Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += rowCount[i]!;
  return s;
}

/**
 * The plain-JS path on ordinary arrays (no shared memory, no threads): one pass into row slots
 * of min(flops(i), n) entries when their total is within `onePassEntries`, else a symbolic pass
 * for exact row sizes first.
 */
function spgemmJsLocal(A: CsrArrays, B: CsrArrays, m: number, n: number, mode: AccumulatorMode, ratio: number, hashMul: number, sorted: boolean, plan: SpgemmPlan, onePassEntries: number): { c: CsrArrays; hashRows: number } {
  const { maxTable, anyDense } = plan;
  const tableLen = Math.max(8, maxTable);
  const keys = new Int32Array(tableLen).fill(-1);
  const slots = new Int32Array(tableLen);
  const hvals = new Float64Array(tableLen);
  const marker = new Int32Array(anyDense ? n : 0).fill(-2147483648);
  const dvals = new Float64Array(anyDense ? 2 * n : 0).fill(NaN);
  const rowNnz = new Int32Array(m);
  const rule = { n, mode, denseRatio: ratio, hashMul };
  const Cp = new Int32Array(m + 1);
  let total = plan.upperNnz <= onePassEntries ? boundSlots(plan.rowFlops, n, m, Cp, null, onePassEntries) : -1;
  if (total < 0) {
    spgemmSymbolicJs({ Ap: A.indptr, Aj: A.indices, Bp: B.indptr, Bj: B.indices, ...rule, rowNnz, keys, slots, marker }, 0, m);
    total = prefix(rowNnz, Cp, m);
  }
  const Cj = allocOrThrow('nnz(C)', total, () => resultInt32(total));
  const Cx = allocOrThrow('nnz(C)', total, () => resultFloat64(total));
  const rowCount = rowNnz; // the numeric pass writes the kept counts
  const hashRows = spgemmNumericJs(
    { Ap: A.indptr, Aj: A.indices, Ax: A.data, Bp: B.indptr, Bj: B.indices, Bx: B.data, ...rule, sorted: sorted ? 1 : 0, Cp, cBase: 0, Cj, Cx, rowCount, keys, hvals, slots, marker, dvals },
    0,
    m,
  );
  const kept = sumCounts(rowCount, m);
  if (kept === total) return { c: { indptr: Cp, indices: Cj, data: Cx }, hashRows };
  const c = compact(Cp, Cj, Cx, rowCount, m, kept);
  recycleScratch(Cj, Cx);
  return { c, hashRows };
}

const al16 = (b: number): number => Math.ceil(b / 16) * 16;
let lastCallId = 0;

/**
 * Entries of C computed per block in WASM memory (copied out to the result after each block).
 * Small enough that the staging block (12 bytes per entry, 3 MiB) stays in cache until it is
 * copied out and that the first product in a process does not fault in a staging copy of all of C
 * (WASM memory never gets huge pages). Measured on the cold-loop web graph (R-MAT 2^19, A·A, 4.4·10^6
 * entries, WASM, 1 thread, CPU time, 2 interleaved runs, loaded machine), 2^22 -> 2^18 entries:
 * first product 1,958/1,847 -> 1,420/1,216 ms, 37,300 -> 25,500 page faults; later products
 * (result memory recycled) 671/645 -> 595/592 ms; 2^16 gained nothing more. @internal
 */
export const BLOCK_ENTRIES = 1 << 18;
/**
 * One pass (numeric only, into row slots of min(flops(i), n) entries, then compacted on the copy
 * out) when that bound on nnz(C) is at most this many entries; above it, the symbolic pass sizes
 * the rows exactly and the numeric pass runs in blocks. Default 0: two passes everywhere, because
 * one pass did not measure faster. bench/ab/spgemm-one-pass.mjs (WASM, 1 thread, sorted, GC before
 * each run, 5 interleaved rounds, 2-core machine at load average ~30), one pass / two passes:
 * bcspwr10 A·A 0.52, G51 A·A 1.59, dwt_992 A·A 19.7 (its bound is 6.5x nnz(C); 1.75 in CPU time,
 * 20 rounds), lp_e226 AᵀA 1.02, Poisson 250² A·A 1.02, random 20000² A·A 1.15. The dense
 * accumulator makes the symbolic pass cheap (about one operation per flop), while the bounded slots
 * spread C over bound/nnz(C) times more memory. On the plain-JS path the fresh staging pages cost
 * more still (CPU time, 20 rounds: Poisson 250² 3.48x, dwt_992 4.28x, G51 0.94x). Those figures
 * were taken when one pass staged all of C in WASM memory; it now takes the blocked row slots
 * (as {@link SLOTS_MIN_FILL}, the result sized for every slot). @internal
 */
export const ONE_PASS_ENTRIES = 0;
/**
 * Blocked one pass: when the flops pass has run anyway (hash or mixed accumulators, n > 2^17) and
 * the sampled fill nnz(C) / Σ min(flops(i), n) ({@link sampledSlotFill}) is at least this, the
 * symbolic pass is skipped: the numeric pass runs block by block (as with two passes) into row
 * slots of min(flops(i), n) entries, and the copy out closes the gaps. WASM memory holds one block,
 * as with two passes. The result arrays are sized for the slots; when the product kept fewer
 * entries than this fraction of them they are copied to exact size, else returned as views whose
 * unwritten tail is zeros (fresh memory, never written, costs no pages) or an earlier disposed
 * result's bytes (recycled memory): never library state.
 *
 * Measured by bench/ab/spgemm-slots.mjs (WASM, 1 thread, unsorted, no forced GC, CPU time, 7
 * interleaved rounds, load 2.5-3.4), one pass / two passes, by fill: R-MAT 2^19 web graph A·A
 * (0.9998) 0.72; R-MAT 2^18 with 8 edges per node A·A (0.905) 0.71; the web graph's AᵀA (0.875)
 * 0.64 (in an earlier build that copied the rows out in JS: 0.76, and 0.80 when copied to exact
 * size). Lower fills were not measured. @internal
 */
export const SLOTS_MIN_FILL = 0.8;
/**
 * Row slots: the result arrays hold the sampled fill times this (plus one block) of the slots'
 * total, not the whole total; a product that keeps more moves to arrays of the total. @internal
 */
export const SLOTS_FILL_MARGIN = 1.1;
/** Blocked one pass only when Σ min(flops(i), n) is at most this many entries. @internal */
export const SLOTS_MAX_ENTRIES = 1 << 28;
/**
 * Products on the fused dense two passes (mode 2 on WASM, up to {@link DENSE_ALWAYS_N} columns)
 * take the row slots instead when a row of A reads B's rows across at least this many bytes of B
 * ({@link sampledSpanBytes}) and the sampled fill is at least {@link SLOTS_SPAN_MIN_FILL}: the
 * symbolic pass then misses the cache on every row of B it reads, as the numeric pass does again.
 *
 * Measured by bench/ab/spgemm-slots.mjs (WASM, 1 thread, unsorted, CPU time, slots forced / fused,
 * interleaved rounds, load 5-7), by span and fill: tall integer AᵀA (500k x 5k, 3 per row; 19 MiB,
 * 0.63) 0.86; random 20000² at density 4e-4 (1.5 MiB, 0.998) 0.69 and 0.80; R-MAT 2^16 with 16
 * edges per node (11.6 MiB, 0.48) 0.98; Poisson 250² (0.03 MiB, 0.52) 0.90 and 1.23 (21 rounds);
 * Poisson 500² (0.06 MiB, 0.52) 1.00 and 1.06. @internal
 */
export const SLOTS_SPAN_BYTES = 1 << 20;
/** See {@link SLOTS_SPAN_BYTES}: below this fill the slots spread C over more than twice its size. @internal */
export const SLOTS_SPAN_MIN_FILL = 0.5;

/**
 * The steps of a product in WASM memory (WASM kernels, or JS kernels on shared views when threads
 * run without WASM kernels): yields the parallel tasks, returns the result, or null when WASM
 * memory ran out (the caller then takes the plain-JS path). The numeric pass runs block by block
 * of rows (about {@link BLOCK_ENTRIES} entries each) into one reused buffer, each block copied out
 * to the result arrays, so WASM memory never has to hold C.
 *
 * With the WASM kernels and the dense accumulator everywhere (mode 2, the 'auto' choice up to
 * 2^17 columns), the symbolic pass also counts each row's flops (no separate flops pass); the
 * row pointers, flops totals and the cumulative flops that balance the numeric chunks come from
 * one WASM prefix pass, and thread chunks are found by binary search, so no O(rows) loop runs
 * in JS.
 */
function* spgemmShared(k: WasmKernels, A: CsrArrays, B: CsrArrays, p: Prepared): Generator<TaskRequest, SharedResult | null, number> {
  const { m, kB, n, mode, ratio, hashMul, sorted, threads, useWasm, blockEntries } = p;
  const pins: Pins = [];
  const blocks: number[] = [];
  const alloc = (bytes: number): number => {
    const q = k.alloc(bytes);
    if (q >= 0) blocks.push(q);
    return q;
  };
  /** Free a block of `alloc` early, so that later allocations of this product can reuse it. */
  const release = (q: number): void => {
    blocks.splice(blocks.indexOf(q), 1);
    k.free(q);
  };
  try {
    // A's indices and values: on one thread with the WASM kernels, for a one-off A, they are
    // copied block by block of rows into one reused buffer (WASM memory then holds a block of
    // them, not all). Not when a whole copy serves or is kept: A·A (B's copy), a pinned A (held
    // copy), or inside a residency scope (the scope's copy, reused by later products). Aj and Ax
    // are 0 when streamed; ajAt() and axAt() give each block's.
    const streamAx = useWasm && threads === 1 && A.data !== B.data && !isResident(A.data) && !inResidencyScope();
    const streamAj = streamAx && A.indices !== B.indices && !isResident(A.indices);
    const b = residentCompressed(k, B, pins);
    const Ap = resident(k, A.indptr, pins);
    const Aj = streamAj ? 0 : resident(k, A.indices, pins);
    const Ax = streamAx ? 0 : resident(k, A.data, pins);
    if (!b || Ap < 0 || Aj < 0 || Ax < 0) return null;
    const [Bp, Bj, Bx] = b;
    // Blocks of A's rows for the passes before the numeric one (flops, symbolic), and the
    // streaming buffers: every block of any pass holds at most aMost entries of A.
    const aBlocks = streamAx ? rowBlocks(m, A.indptr, blockEntries >> 1, null, 0) : null;
    const aMost = aBlocks ? Math.max(aBlocks.most, 1) : 0;
    const ajBuf = streamAj ? alloc(4 * aMost) : 0;
    const axBuf = streamAx ? alloc(8 * aMost) : 0;
    /** Aj for rows [r0, r1): the full copy, or that block's indices copied to ajBuf, addressed as from entry 0 (wrapping). */
    const ajAt = (r0: number, r1: number): number => {
      if (!streamAj) return Aj;
      const p0 = A.indptr[r0]!;
      k.i32(ajBuf, A.indptr[r1]! - p0).set(A.indices.subarray(p0, A.indptr[r1]!));
      return (ajBuf - 4 * p0) | 0;
    };
    /** The same for Ax. */
    const axAt = (r0: number, r1: number): number => {
      if (!streamAx) return Ax;
      const p0 = A.indptr[r0]!;
      k.f64(axBuf, A.indptr[r1]! - p0).set(A.data.subarray(p0, A.indptr[r1]!));
      return (axBuf - 8 * p0) | 0;
    };
    const statsP = alloc(32);
    const CpP = alloc(4 * (m + 1));
    if (statsP < 0 || CpP < 0 || ajBuf < 0 || axBuf < 0) return null;
    // Flops per row (cumulative, for thread chunks) and the accumulator sizes: from the JS
    // planner when it ran, fused into the symbolic pass (mode 2 on WASM, two passes only), or a
    // WASM flops pass. The planner runs only near the int32 limits: those products take two passes.
    const considerOnePass = !p.plan && p.onePassEntries > 0;
    // Dense rows on WASM fuse the flops count into the symbolic pass, unless the rows of A read B
    // far apart (SLOTS_SPAN_BYTES) and the slots would fill well: then the numeric pass goes
    // straight into row slots, and B's rows are read once instead of twice.
    const denseWasm = !considerOnePass && !p.plan && useWasm && mode === 2 && n <= DENSE_ALWAYS_N;
    let fill = denseWasm && p.slotsMinFill <= 1 && sampledSpanBytes(A, B) >= p.slotsSpanBytes ? sampledSlotFill(A, B, null, n) : -1; // sampled slot fill, -1 when not sampled
    const slotsOverFused = fill >= Math.min(p.slotsMinFill, SLOTS_SPAN_MIN_FILL);
    const fused = denseWasm && !slotsOverFused;
    const considerSlots = !considerOnePass && !p.plan && !fused && p.slotsMinFill <= 1;
    let slots = -1; // Σ min(flops(i), n) when the product skips the symbolic pass, with CpP holding the row slots
    let maxTable: number;
    let anyDense: boolean;
    let flopsP = 0; // f64 per row in WASM memory (cumulative after the prefix pass), or 0
    let cumFlops: Float64Array | null = null; // JS copy, when the planner or the flops pass ran
    let flops = 0;
    let nonEmptyRows = 0;
    if (p.plan) {
      ({ maxTable, anyDense, flops, nonEmptyRows } = p.plan);
      if (threads > 1) {
        cumFlops = p.plan.rowFlops.slice();
        for (let i = 1; i < m; i++) cumFlops[i] = cumFlops[i]! + cumFlops[i - 1]!;
      }
    } else if (fused) {
      maxTable = 0;
      anyDense = true;
      flopsP = alloc(8 * Math.max(m, 1));
      if (flopsP < 0) return null;
    } else {
      const rowFlopsP = threads > 1 || considerOnePass || considerSlots ? alloc(8 * Math.max(m, 1)) : 0;
      if (rowFlopsP < 0) return null;
      const flopsFn = k.fn('spgemm_flops');
      let most = 0;
      for (let t = 0; t + 1 < (aBlocks ? aBlocks.starts.length : 2); t++) {
        const r0 = aBlocks ? aBlocks.starts[t]! : 0;
        const r1 = aBlocks ? aBlocks.starts[t + 1]! : m;
        flopsFn(Ap + 4 * r0, ajAt(r0, r1), Bp, r1 - r0, rowFlopsP ? rowFlopsP + 8 * r0 : 0, statsP);
        const st = k.f64(statsP, 3);
        flops += st[0]!;
        most = Math.max(most, st[1]!);
        nonEmptyRows += st[2]!;
      }
      ({ maxTable, anyDense } = accumulatorSizes(most, n, mode, ratio, nonEmptyRows));
      if (considerOnePass || considerSlots) {
        const rowFlops = k.f64(rowFlopsP, m);
        const cum = threads > 1 ? new Float64Array(m) : null;
        const b = boundSlots(rowFlops, n, m, k.i32(CpP, m + 1), cum, considerOnePass ? p.onePassEntries : SLOTS_MAX_ENTRIES);
        if (considerOnePass) fill = 1;
        else if (!slotsOverFused && b >= 0) fill = sampledSlotFill(A, B, rowFlops, n);
        if (b >= 0 && (considerOnePass || slotsOverFused || fill >= p.slotsMinFill)) {
          slots = b;
          cumFlops = cum;
        }
      }
      if (threads > 1 && slots < 0) {
        cumFlops = k.f64(rowFlopsP, m).slice();
        for (let i = 1; i < m; i++) cumFlops[i] = cumFlops[i]! + cumFlops[i - 1]!;
      }
      if (rowFlopsP) release(rowFlopsP); // consumed: the later buffers of this product can use its room
    }
    const tableLen = Math.max(8, maxTable);
    const stride = al16(4 * tableLen) * 2 + al16(8 * tableLen) + (anyDense ? al16(4 * n) + 16 * n : 0);
    const scratch = useWasm ? alloc(stride * (threads + 1)) : 0;
    const rowNnzP = alloc(4 * Math.max(m, 1));
    if (scratch < 0 || rowNnzP < 0) return null;
    const chunks = threads * 16;
    const callId = (lastCallId = (lastCallId + 1) | 0);
    const shared = {
      wasm: useWasm ? 1 : 0, m, nnzA: A.indices.length, nnzB: B.indices.length, kB, n, mode, hashMul, denseRatio: ratio,
      scratchBase: scratch, scratchStride: stride, maxTable: tableLen, needDense: anyDense ? 1 : 0, callId,
    };
    // Row sizes: the slots (CpP already holds them), or exact from the symbolic pass.
    let total = slots;
    if (slots < 0) {
      // Symbolic chunks: by flops when known, else (fused, or one thread) by nnz(A(i,:)) + 1 per row.
      const Aptr = A.indptr;
      const symBounds = (r0: number, r1: number): Int32Array =>
        threads <= 1 ? tierUpChunks((r) => Aptr[r]! + r, r0, r1) : cumFlops ? searchChunks((r) => (r > 0 ? cumFlops[r - 1]! : 0) + r, r0, r1, chunks) : searchChunks((r) => Aptr[r]! + r, r0, r1, chunks);
      for (let t = 0; t + 1 < (aBlocks ? aBlocks.starts.length : 2); t++) {
        const r0 = aBlocks ? aBlocks.starts[t]! : 0;
        const r1 = aBlocks ? aBlocks.starts[t + 1]! : m;
        yield request(spgemmSymbolicTask, { ...shared, Ap, Aj: ajAt(r0, r1), Bp, Bj, rowNnz: rowNnzP, flopsOut: flopsP }, symBounds(r0, r1), threads);
      }
      k.fn('spgemm_prefix')(rowNnzP, CpP, m, flopsP, statsP);
      const st = k.f64(statsP, 3);
      total = st[0]!;
      if (total > INT32_MAX) throw new ResourceError('spgemm', 'nnz(C)', total, INT32_MAX);
      if (fused) {
        flops = st[1]!;
        nonEmptyRows = st[2]!;
      }
    }
    // Numeric chunk weight: cumulative flops before row r, plus r.
    const flopsView = fused && threads > 1 ? k.f64(flopsP, m) : null;
    const cumAt = (r: number): number => (r > 0 ? (cumFlops ? cumFlops[r - 1]! : flopsView ? flopsView[r - 1]! : 0) : 0) + r;
    // Blocks of whole rows with at most BLOCK_ENTRIES entries of C (or one longer row), and
    // when streaming at most aMost entries of A.
    let Cp = k.i32(CpP, m + 1);
    const { starts, most: blockMax } = rowBlocks(m, Cp, blockEntries, aBlocks ? A.indptr : null, aMost);
    const CjB = alloc(4 * Math.max(blockMax, 1));
    const CxB = alloc(8 * Math.max(blockMax, 1));
    if (CjB < 0 || CxB < 0) return null;
    // Every entry of these is written below (or they are dropped for trimmed copies). From the
    // result pool: recycled memory of disposed results when there is some. Row slots: sized for
    // the sampled fill (SLOTS_FILL_MARGIN) and grown to the slots' total if the product keeps more;
    // they may be returned as views with an unwritten tail, so they come clean (resultInt32).
    const clean = slots >= 0;
    let cap = clean ? Math.min(total, Math.ceil(total * fill * SLOTS_FILL_MARGIN) + blockEntries) : total;
    let indices = allocOrThrow('nnz(C)', cap, () => resultInt32(cap, clean));
    let data = allocOrThrow('nnz(C)', cap, () => resultFloat64(cap, clean));
    let gaps = false; // a block kept fewer entries than its rows' room (zeros dropped, or slots not filled)
    const rowCountP = rowNnzP; // overwritten by the numeric pass with the kept counts
    const keptFn = k.fn('spgemm_kept');
    const closeGaps = k.fn('spgemm_close_gaps');
    let hashRows = 0;
    let wpos = 0;
    for (let b = 0; b + 1 < starts.length; b++) {
      const r0 = starts[b]!;
      const r1 = starts[b + 1]!;
      Cp = k.i32(CpP, m + 1); // memory may have grown: fresh views
      const base = Cp[r0]!;
      const len = Cp[r1]! - base;
      hashRows += yield request(
        spgemmNumericTask,
        { ...shared, Ap, Aj: ajAt(r0, r1), Ax: axAt(r0, r1), Bp, Bj, Bx, sorted: sorted ? 1 : 0, Cp: CpP, Cj: CjB, Cx: CxB, blockLen: Math.max(len, 1), rowCount: rowCountP, cBase: base },
        threads > 1 ? searchChunks(cumAt, r0, r1, chunks) : serialChunks(Cp, r0, r1),
        threads,
      );
      // Copy the block out; first close its gaps (dropped zeros, unfilled slots) in WASM memory.
      const kept = keptFn(rowCountP, r0, r1);
      if (kept !== len) {
        closeGaps(CpP, base, CjB, CxB, rowCountP, r0, r1);
        gaps = true;
      }
      if (wpos + kept > cap) {
        // More kept than the sampled fill said: move to arrays for every slot (always enough).
        const grownIndices = allocOrThrow('nnz(C)', total, () => resultInt32(total, clean));
        const grownData = allocOrThrow('nnz(C)', total, () => resultFloat64(total, clean));
        grownIndices.set(indices.subarray(0, wpos));
        grownData.set(data.subarray(0, wpos));
        recycleScratch(indices, data);
        indices = grownIndices;
        data = grownData;
        cap = total;
      }
      indices.set(k.i32(CjB, kept), wpos);
      data.set(k.f64(CxB, kept), wpos);
      wpos += kept;
    }
    // With gaps, the row pointers are the prefix sums of the kept counts (the slots are no longer needed).
    if (gaps) k.fn('spgemm_prefix')(rowCountP, CpP, m, 0, statsP);
    const ptr = resultCopyInt32(k.i32(CpP, m + 1));
    if (wpos === cap) return { c: { indptr: ptr, indices, data }, hashRows, flops, nonEmptyRows };
    if (slots >= 0 && wpos >= SLOTS_MIN_FILL * cap) {
      // Slots nearly full: keep the arrays. Their unwritten tail is zeros (fresh pages, never
      // touched) or an earlier disposed result's bytes: only C's bytes behind C.data.buffer.
      return { c: { indptr: ptr, indices: indices.subarray(0, wpos), data: data.subarray(0, wpos) }, hashRows, flops, nonEmptyRows };
    }
    const c: CsrArrays = { indptr: ptr, indices: resultCopyInt32(indices.subarray(0, wpos)), data: resultCopyFloat64(data.subarray(0, wpos)) };
    recycleScratch(indices, data);
    return { c, hashRows, flops, nonEmptyRows };
  } finally {
    for (const p of blocks) k.free(p);
    unpin(pins);
  }
}

/**
 * Blocks of whole rows of [0, m): rows starts[t] to starts[t + 1], each with at most `limit`
 * entries by the row pointers `ptr` and, when `ptr2` is given, at most `limit2` by `ptr2` (a row
 * over a limit makes a block of its own); `most` is the most entries by `ptr` in one block.
 */
function rowBlocks(m: number, ptr: Int32Array, limit: number, ptr2: Int32Array | null, limit2: number): { starts: number[]; most: number } {
  if (ptr[m]! - ptr[0]! <= limit && (!ptr2 || ptr2[m]! - ptr2[0]! <= limit2)) return { starts: [0, m], most: ptr[m]! - ptr[0]! };
  const starts: number[] = [0];
  let most = 0;
  for (let r = 0; r < m; ) {
    const r0 = r;
    r++;
    if (ptr2) while (r < m && ptr[r + 1]! - ptr[r0]! <= limit && ptr2[r + 1]! - ptr2[r0]! <= limit2) r++;
    else while (r < m && ptr[r + 1]! - ptr[r0]! <= limit) r++;
    starts.push(r);
    most = Math.max(most, ptr[r]! - ptr[r0]!);
  }
  return { starts, most };
}

/** One thread's chunks of rows [r0, r1) of C, weighted by the entries of C's rows (row pointers Cp). */
function serialChunks(Cp: Int32Array, r0: number, r1: number): Int32Array {
  return tierUpChunks((r) => Cp[r]! + r, r0, r1);
}

/** What the shared-memory path returns. */
interface SharedResult {
  c: CsrArrays;
  hashRows: number;
  flops: number;
  nonEmptyRows: number;
}

interface Prepared {
  m: number;
  kB: number;
  n: number;
  mode: AccumulatorMode;
  ratio: number;
  hashMul: number;
  sorted: boolean;
  /** The JS planner's output when it ran (JS path, or products near the int32 limit). */
  plan: SpgemmPlan | null;
  threads: number;
  k: WasmKernels | null;
  useWasm: boolean;
  blockEntries: number;
  onePassEntries: number;
  /** {@link SpgemmKernelOptions.slotsMinFill}. */
  slotsMinFill: number;
  /** {@link SpgemmKernelOptions.slotsSpanBytes}. */
  slotsSpanBytes: number;
  /** The same for the plain-JS path. */
  onePassEntriesJs: number;
}

/**
 * Largest hash table and whether a dense accumulator is needed, from the largest row flops (the
 * accumulator rule is monotone in flops(i), so the extreme row decides). @internal
 */
export function accumulatorSizes(maxRowFlops: number, n: number, mode: AccumulatorMode, ratio: number, nonEmptyRows: number): { maxTable: number; anyDense: boolean } {
  if (nonEmptyRows === 0) return { maxTable: 0, anyDense: false };
  const bound = Math.min(maxRowFlops, n);
  const lgMax = bound < 4 ? 3 : 33 - Math.clz32(bound - 1);
  const dense = (lg: number): boolean => mode === 2 || lg > 30 || (mode === 0 && 2 ** lg * ratio >= n);
  if (!dense(lgMax)) return { maxTable: 2 ** lgMax, anyDense: false };
  // Some rows go dense; the largest table among the others is the largest size still hashed.
  let lg = Math.min(lgMax, 30);
  while (lg >= 3 && dense(lg)) lg--;
  return { maxTable: lg >= 3 ? 2 ** lg : 0, anyDense: true };
}

function prepare(A: CsrArrays, B: CsrArrays, m: number, kB: number, n: number, opts: SpgemmKernelOptions, sync: boolean): Prepared {
  const ratio = opts.denseRatio ?? (n <= DENSE_ALWAYS_N ? Infinity : DENSE_RATIO);
  // 'auto' with an infinite ratio sends every row to the dense accumulator: say so (mode 2), and
  // the row kernels skip counting each row's flops.
  const requested = modeOf(opts.accumulator);
  const mode: AccumulatorMode = requested === 0 && ratio === Infinity ? 2 : requested;
  const hashMul = (opts.hashMultiplier ?? HASH_MULTIPLIER) | 0;
  const sorted = opts.sorted ?? true;
  // Cheap bound first: flops <= nnz(A)·(longest row of B) and nnz(C) <= m·n. Only when it
  // exceeds int32 does the O(nnz(A)) planner run here, to refuse hopeless products up front.
  const nnzA = A.indices.length;
  let maxRowB = 0;
  for (let r = 0; r < kB; r++) maxRowB = Math.max(maxRowB, B.indptr[r + 1]! - B.indptr[r]!);
  let plan: SpgemmPlan | null = null;
  if (Math.min(nnzA * maxRowB, m * n) > INT32_MAX) {
    plan = planSpgemm(A.indptr, A.indices, B.indptr, m, n, mode, ratio);
    checkSpgemmSize(A.indptr, A.indices, B.indptr, B.indices, m, kB, n, plan);
  }
  // Expected flops (exact when planned) drive the 'auto' choices.
  const work = plan ? plan.flops : kB > 0 ? (nnzA * B.indices.length) / kB : 0;
  const asked = resolveThreads(opts.threads, work, minThreadFlops);
  const threads = sync && work < minThreadFlops ? 1 : asked;
  const useWasm = wantWasm(work >= AUTO_WASM_FLOPS);
  const k = threads > 1 || useWasm ? getWasm() : null;
  return { m, kB, n, mode, ratio, hashMul, sorted, plan, threads: k ? threads : 1, k, useWasm: useWasm && k !== null, blockEntries: opts.blockEntries ?? BLOCK_ENTRIES, onePassEntries: opts.onePassEntries ?? ONE_PASS_ENTRIES, slotsMinFill: opts.slotsMinFill ?? SLOTS_MIN_FILL, slotsSpanBytes: opts.slotsSpanBytes ?? SLOTS_SPAN_BYTES, onePassEntriesJs: opts.onePassEntries ?? 0 };
}

function finish(p: Prepared, c: CsrArrays, hashRows: number, flops: number, nonEmptyRows: number, backend: 'js' | 'wasm', threads: number): SpgemmKernelResult {
  return {
    ...c,
    sorted: p.sorted,
    stats: { flops, hashRows, denseRows: nonEmptyRows - hashRows, nnz: c.indices.length, backend, threads },
  };
}

function jsPath(A: CsrArrays, B: CsrArrays, p: Prepared): SpgemmKernelResult {
  const plan = p.plan ?? planSpgemm(A.indptr, A.indices, B.indptr, p.m, p.n, p.mode, p.ratio);
  const r = spgemmJsLocal(A, B, p.m, p.n, p.mode, p.ratio, p.hashMul, p.sorted, plan, p.onePassEntriesJs);
  return finish(p, r.c, r.hashRows, plan.flops, plan.nonEmptyRows, 'js', 1);
}

function sharedResult(p: Prepared, r: SharedResult | null, A: CsrArrays, B: CsrArrays): SpgemmKernelResult {
  return r ? finish(p, r.c, r.hashRows, r.flops, r.nonEmptyRows, p.useWasm ? 'wasm' : 'js', p.threads) : jsPath(A, B, p);
}

/**
 * C = A·B for CSR arrays (A is m x kB, B is kB x n); see the module header. Throws ResourceError
 * before allocating when nnz(C) cannot fit int32 indices or memory. @internal
 */
export function spgemmKernel(A: CsrArrays, B: CsrArrays, m: number, kB: number, n: number, opts: SpgemmKernelOptions = {}): SpgemmKernelResult {
  const p = prepare(A, B, m, kB, n, opts, true);
  if (!p.k) return jsPath(A, B, p);
  const gen = spgemmShared(p.k, A, B, p);
  let step = gen.next();
  while (!step.done) {
    const t = step.value;
    const stat = t.threads > 1 ? runParallel(t.task, t.params, t.bounds, t.threads) : runLocal(t.task, t.params, t.bounds);
    step = gen.next(stat);
  }
  return sharedResult(p, step.value, A, B);
}

/** Asynchronous {@link spgemmKernel}: the parallel passes run on workers while the caller's thread stays free. @internal */
export async function spgemmKernelAsync(A: CsrArrays, B: CsrArrays, m: number, kB: number, n: number, opts: SpgemmKernelOptions = {}): Promise<SpgemmKernelResult> {
  const p = prepare(A, B, m, kB, n, opts, false);
  if (!p.k) return jsPath(A, B, p);
  const gen = spgemmShared(p.k, A, B, p);
  let step = gen.next();
  while (!step.done) {
    const t = step.value;
    const stat = t.threads > 1 ? await runParallelAsync(t.task, t.params, t.bounds, t.threads) : runLocal(t.task, t.params, t.bounds);
    step = gen.next(stat);
  }
  return sharedResult(p, step.value, A, B);
}
