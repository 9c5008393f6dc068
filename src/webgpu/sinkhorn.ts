/**
 * Entropic optimal transport by log-domain Sinkhorn on the GPU (dense cost, f32).
 *
 * Potentials f (rows) and g (columns) with P_ij = exp((f_i + g_j − C_ij)/reg). A row update sets
 * f_i = reg·(log a_i − LSE_j((g_j − C_ij)/reg)), a column update the same with Cᵀ, so every
 * marginal of P is met in turn. Each log-sum-exp is stabilized: one workgroup per line keeps a
 * running (max, scaled sum) pair per invocation and merges the pairs in a tree, so no exponent is
 * positive and nothing overflows or underflows to a wrong result at any reg. Cᵀ is stored too, so
 * the column pass reads memory as contiguously as the row pass.
 *
 * f32: the marginal error cannot go far below ~1e-6 (the sums have n f32 terms); the default
 * tolerance is 1e-5 instead of {@link index!sinkhorn}'s 1e-9.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { checkCallback, type IterativeResult, optionKeys, readOptions } from '../core/options.js';
import { asDenseMatrix, type DenseInput } from '../formats/dense.js';
import { optMaxIter, optTol } from '../linalg/iterative/common.js';
import { toF32 } from './buffers.js';
import type { Dispatch, Gpu } from './context.js';
import { STAGE2, partialCount, stage1 } from './blas1.js';
import { ENTRY, WG, WG_INDEX, storage, uniform } from './wgsl.js';

/** What {@link sinkhornGpu} records at every check. */
export interface SinkhornGpuIterationInfo {
  /** Full iterations done. */
  iteration: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ (after a column update only the row part is non-zero), in f32. */
  marginalError: number;
}

/** Options of {@link sinkhornGpu}. */
export interface SinkhornGpuOptions {
  /** Entropic regularization (required: its scale is that of C). */
  reg?: number;
  /** Stop when the marginal error ≤ tol (default 1e-5; f32 cannot reach much below 1e-6). */
  tol?: number;
  /** Iteration limit (default 10000). */
  maxIter?: number;
  /** Check the error every this many iterations (default 10; one check costs about one half-iteration). */
  checkEvery?: number;
  /** Called at every check; return `false` to stop. */
  onIteration?: (info: SinkhornGpuIterationInfo) => boolean | void;
}

/** Result of {@link sinkhornGpu} (`history`: one entry per check; `iterations`: full iterations). */
export interface SinkhornGpuResult extends IterativeResult<'converged' | 'maxIter' | 'stopped', SinkhornGpuIterationInfo> {
  /** Row potentials x with P_ij = exp((x_i + y_j − C_ij)/reg − 1), as {@link index!sinkhorn}'s. */
  x: Float64Array;
  /** Column potentials y. */
  y: Float64Array;
  /** ⟨C, P⟩ (f32 accumulation). */
  cost: number;
  /** Marginal error of the returned potentials (f32). */
  marginalError: number;
  /** GPU time in ms (timestamp queries), or undefined where the device has none. */
  gpuTimeMs: number | undefined;
}

const KEYS = optionKeys<SinkhornGpuOptions>({ reg: true, tol: true, maxIter: true, checkEvery: true, onIteration: true });

/**
 * One workgroup per line of K (rows × cols, row-major): LSE_j((g_j − K_ij)/reg) by an online
 * (max, sum) merge. mode 0: f_i ← reg·(logw_i − LSE); mode 1: out_i = |exp(f_i/reg + LSE) − w_i|
 * (the marginal error); mode 2: out_i = Σ_j K_ij·P_ij (the cost).
 */
const LINE = `${storage(0, 'K', 'f32')}
${storage(1, 'g', 'f32')}
${storage(2, 'f', 'f32', 'read_write')}
${storage(3, 'logw', 'f32')}
${storage(4, 'out', 'f32', 'read_write')}
${uniform(5, 'rows: u32, cols: u32, mode: u32, reg: f32')}
var<workgroup> shm: array<f32, ${WG}>;
var<workgroup> shs: array<f32, ${WG}>;
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let row = wg;
  let base = row * p.cols;
  let inv = 1.0 / p.reg;
  let fi = f[row];
  var mx = -3.0e38;
  var sm = 0.0;
  var cs = 0.0;
  for (var j = lid; j < p.cols; j += ${WG}u) {
    let k = K[base + j];
    let v = (g[j] - k) * inv;
    if (p.mode == 2u) {
      cs += k * exp(v + fi * inv);
    } else if (v > mx) {
      sm = sm * exp(mx - v) + 1.0;
      mx = v;
    } else {
      sm += exp(v - mx);
    }
  }
  shm[lid] = mx; shs[lid] = select(sm, cs, p.mode == 2u); workgroupBarrier();
  for (var o = ${WG / 2}u; o > 0u; o = o >> 1u) {
    if (lid < o) {
      if (p.mode == 2u) {
        shs[lid] = shs[lid] + shs[lid + o];
      } else {
        let m1 = shm[lid]; let m2 = shm[lid + o];
        let m = max(m1, m2);
        shs[lid] = shs[lid] * exp(m1 - m) + shs[lid + o] * exp(m2 - m);
        shm[lid] = m;
      }
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    if (p.mode == 2u) { out[row] = shs[0]; return; }
    let lse = shm[0] + log(shs[0]);
    if (p.mode == 0u) { f[row] = p.reg * (logw[row] - lse); }
    else { out[row] = abs(exp(fi * inv + lse) - exp(logw[row])); }
  }
}`;

const SUM = stage1(`${storage(0, 'x', 'f32')}\n${storage(1, 'partial', 'f32', 'read_write')}\n${uniform(2, 'n: u32')}`, 'x[i]');

/**
 * Entropic optimal transport between histograms a and b (positive entries) for a dense cost C by
 * log-domain Sinkhorn in f32 on the GPU; the potentials follow {@link index!sinkhorn}'s convention.
 * The plan is not formed: P_ij = exp((x_i + y_j − C_ij)/reg − 1).
 *
 * @param gpu - the context ({@link createGpu})
 * @param a - row marginal, length n, entries > 0
 * @param b - column marginal, length m, entries > 0
 * @param C - cost, n×m (nested arrays, ndarray or DenseMatrix)
 * @param options - {@link SinkhornGpuOptions} (`reg` required)
 * @returns {@link SinkhornGpuResult}
 * @throws {@link index!ShapeError} on mismatched sizes; {@link index!ArgumentError} on a bad option or a zero mass.
 *
 * @example
 * ```ts webgpu
 * import { createGpu, sinkhornGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const r = await sinkhornGpu(gpu, [0.5, 0.5], [0.5, 0.5], [[0, 1], [1, 0]], { reg: 0.05 });
 * r.converged; // => true
 * Math.abs(r.cost) < 1e-6; // => true
 * gpu.destroy();
 * ```
 */
export async function sinkhornGpu(gpu: Gpu, a: VectorLike, b: VectorLike, C: DenseInput, options?: SinkhornGpuOptions): Promise<SinkhornGpuResult> {
  const o = readOptions('sinkhornGpu', options, KEYS);
  gpu.check('sinkhornGpu');
  const av = toFloat64(a, 'a');
  const bv = toFloat64(b, 'b');
  const Cm = asDenseMatrix(C, 'C');
  const n = Cm.rows;
  const m = Cm.cols;
  if (av.length !== n || bv.length !== m) throw new ShapeError('sinkhornGpu', [n, m], [av.length, bv.length]);
  for (const [name, v] of [['a', av], ['b', bv]] as const) for (let i = 0; i < v.length; i++) if (!(v[i]! > 0)) throw new ArgumentError(`sinkhornGpu ${name}[${i}]`, v[i], 'a positive mass (drop zero bins first)');
  if (o.reg === undefined || typeof o.reg !== 'number' || !(o.reg > 0) || !Number.isFinite(o.reg)) throw new ArgumentError('sinkhornGpu options.reg', o.reg, 'a positive number');
  const reg = o.reg;
  const tol = optTol('sinkhornGpu options.tol', o.tol, 1e-5);
  const maxIter = optMaxIter(o.maxIter, 10000, 'sinkhornGpu options.maxIter');
  const checkEvery = optMaxIter(o.checkEvery, 10, 'sinkhornGpu options.checkEvery');
  const onIteration = checkCallback<SinkhornGpuIterationInfo>(o.onIteration, 'sinkhornGpu options.onIteration');

  const Cf = toF32('C', Cm.data);
  const CT = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) CT[j * n + i] = Cf[i * m + j]!;
  const bufs = {
    C: gpu.buffer(4 * n * m), CT: gpu.buffer(4 * n * m), f: gpu.buffer(4 * n), g: gpu.buffer(4 * m),
    la: gpu.buffer(4 * n), lb: gpu.buffer(4 * m), outN: gpu.buffer(4 * n), outM: gpu.buffer(4 * m),
    partial: gpu.buffer(4 * partialCount(Math.max(n, m))), scalar: gpu.buffer(16),
  };
  try {
    gpu.write(bufs.C, Cf);
    gpu.write(bufs.CT, CT);
    gpu.write(bufs.la, Float32Array.from(av, Math.log));
    gpu.write(bufs.lb, Float32Array.from(bv, Math.log));
    gpu.write(bufs.f, new Float32Array(n));
    gpu.write(bufs.g, new Float32Array(m));
    const line = gpu.pipeline(LINE);
    const pass = (K: unknown, other: unknown, mine: unknown, logw: unknown, out: unknown, rows: number, cols: number, mode: number): Dispatch =>
      gpu.dispatch(line, [K, other, mine, logw, out, gpu.uniform([rows, cols, mode], [reg])] as never, rows);
    const rowUpdate = pass(bufs.C, bufs.g, bufs.f, bufs.la, bufs.outN, n, m, 0);
    const colUpdate = pass(bufs.CT, bufs.f, bufs.g, bufs.lb, bufs.outM, m, n, 0);
    const rowError = pass(bufs.C, bufs.g, bufs.f, bufs.la, bufs.outN, n, m, 1);
    const rowCost = pass(bufs.C, bufs.g, bufs.f, bufs.la, bufs.outN, n, m, 2);
    const sum1 = gpu.dispatch(gpu.pipeline(SUM), [bufs.outN, bufs.partial, gpu.uniform([n])], partialCount(n));
    const sum2 = gpu.dispatch(gpu.pipeline(STAGE2), [bufs.partial, bufs.scalar, gpu.uniform([partialCount(n), 0, 0])], 1);
    const measure = async (d: Dispatch) => {
      gpu.record(d);
      gpu.record(sum1);
      gpu.record(sum2);
      return new Float32Array(await gpu.read(bufs.scalar, 0, 4))[0]!;
    };
    await gpu.gpuTime();
    const history: SinkhornGpuIterationInfo[] = [];
    let iterations = 0;
    let err = Infinity;
    let reason: SinkhornGpuResult['reason'] = 'maxIter';
    while (iterations < maxIter) {
      const k = Math.min(checkEvery, maxIter - iterations);
      for (let t = 0; t < k; t++) {
        gpu.record(rowUpdate);
        gpu.record(colUpdate);
      }
      iterations += k;
      err = await measure(rowError);
      const info = { iteration: iterations, marginalError: err };
      history.push(info);
      const verdict = onIteration ? onIteration(info) : undefined;
      if (err <= tol) { reason = 'converged'; break; }
      if (verdict === false) { reason = 'stopped'; break; }
      if (!Number.isFinite(err)) break;
    }
    const cost = await measure(rowCost);
    const f = new Float32Array(await gpu.read(bufs.f, 0, 4 * n));
    const g = new Float32Array(await gpu.read(bufs.g, 0, 4 * m));
    const gpuTimeMs = await gpu.gpuTime();
    const x = Float64Array.from(f, (v) => v + reg);
    const y = Float64Array.from(g);
    return { x, y, cost, marginalError: err, iterations, converged: reason === 'converged', stopped: reason === 'stopped', history, reason, gpuTimeMs };
  } finally {
    for (const buf of Object.values(bufs)) buf.destroy();
  }
}
