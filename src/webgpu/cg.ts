/**
 * Conjugate gradients with f32 products on the GPU and f64 iterative refinement on the CPU.
 *
 * Outer loop (CPU, f64): r = b − A·x with the f64 matrix, stop when ‖r‖ ≤ max(tol·‖b‖, atol);
 * else solve A·d = r/‖r‖ roughly (relative residual `innerTol`) by CG in f32 on the GPU and set
 * x ← x + ‖r‖·d. Each correction gains about a factor innerTol, so a few outer steps reach f64
 * tolerances f32 alone cannot (on well-conditioned systems: the inner f32 solve must converge,
 * which needs cond(A)·2⁻²⁴ well below 1).
 *
 * Inner loop (GPU): the whole iteration stays on the device, scalars included (α, β and the
 * residual norms live in a storage buffer), so a batch of iterations is one submission; the CPU
 * reads the batch's residual history afterwards and decides whether to go on. Iterations past
 * convergence inside a batch are no-ops (α = 0).
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { checkCallback, optionKeys, readOptions } from '../core/options.js';
import type { CompressedMatrix } from '../formats/compressed.js';
import { nrm2 } from '../kernels/blas1.js';
import { optMaxIter, optTol } from '../linalg/iterative/common.js';
import type { KrylovResult } from '../linalg/iterative/result.js';
import { spmv } from '../linalg/sparse/spmv.js';
import { asCsr, GpuMatrix } from './buffers.js';
import { partialCount, stage1, SUM_PARTIALS } from './blas1.js';
import { BATCH_MAX, InnerSolve } from './inner.js';
import type { Gpu } from './context.js';
import { lanesFor, spmvPlan } from './spmv.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG, WG_INDEX, storage, uniform } from './wgsl.js';

/** What {@link cgGpu} passes to `onIteration` after each refinement step. */
export interface CgGpuIterationInfo {
  /** Refinement steps done. */
  outerIteration: number;
  /** GPU CG iterations done in all. */
  iterations: number;
  /** ‖b − A·x‖₂ in f64 with the CPU matrix. */
  residualNorm: number;
}

/** Options of {@link cgGpu}. */
export interface CgGpuOptions {
  /** Relative tolerance: stop when ‖b − A·x‖ ≤ max(tol·‖b‖, atol), in f64 (default 1e-5, as {@link index!cg}). */
  tol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Limit on GPU CG iterations in all (default 10·n). */
  maxIter?: number;
  /** Initial guess (default zeros). */
  x0?: VectorLike;
  /** Relative residual each f32 inner solve aims for (default 1e-3; f32 cannot go far below 1e-6). */
  innerTol?: number;
  /** Limit on refinement steps (default 50). */
  maxRefinements?: number;
  /** Called after each refinement step; return `false` to stop. */
  onIteration?: (info: CgGpuIterationInfo) => boolean | void;
}

/** Result of {@link cgGpu}. */
export interface CgGpuResult extends KrylovResult {
  /** ‖b − A·x‖₂ of the returned x, computed in f64 on the CPU. */
  residualNorm: number;
  /** Refinement steps (f32 GPU solves) done. */
  outerIterations: number;
  /** GPU time in ms (timestamp queries), or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** `history`: ‖b − A·x‖ in f64 before the first and after every refinement step. */
  history: number[];
}

const KEYS = optionKeys<CgGpuOptions>({ tol: true, atol: true, maxIter: true, x0: true, innerTol: true, maxRefinements: true, onIteration: true });

// Scalar slots: 0 rho, 1 rhoNew, 2 pᵀq, 3 stop threshold², 4 history counter.
const SCALARS = `${storage(0, 's', 'f32', 'read_write')}`;

const FIN_PQ = `${SCALARS}
${storage(1, 'partial', 'f32')}
${uniform(2, 'count: u32')}
var<workgroup> sh: array<f32, ${WG}>;
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  ${SUM_PARTIALS}
  if (lid == 0u) { s[2] = sh[0]; s[0] = s[1]; }
}`;

const UPDATE_XR = stage1(`${storage(0, 'x', 'f32', 'read_write')}
${storage(1, 'r', 'f32', 'read_write')}
${storage(2, 'pv', 'f32')}
${storage(3, 'q', 'f32')}
${storage(4, 's', 'f32')}
${storage(5, 'partial', 'f32', 'read_write')}
${uniform(6, 'n: u32')}
fn step(i: u32) -> f32 {
  let go = s[0] > s[3] && s[2] > 0.0;
  let alpha = select(0.0, s[0] / s[2], go);
  x[i] = x[i] + alpha * pv[i];
  let ri = r[i] - alpha * q[i];
  r[i] = ri;
  return ri * ri;
}`, 'step(i)');

const FIN_RR = `${SCALARS}
${storage(1, 'partial', 'f32')}
${storage(2, 'hist', 'f32', 'read_write')}
${uniform(3, 'count: u32')}
var<workgroup> sh: array<f32, ${WG}>;
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  ${SUM_PARTIALS}
  if (lid == 0u) {
    let done = !(s[0] > s[3] && s[2] > 0.0);
    let rr = select(sh[0], s[1], done);
    s[1] = rr;
    let k = u32(s[4]);
    hist[k] = rr;
    s[4] = s[4] + 1.0;
  }
}`;

const UPDATE_P = `${storage(0, 'pv', 'f32', 'read_write')}
${storage(1, 'r', 'f32')}
${storage(2, 's', 'f32')}
${uniform(3, 'n: u32')}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let i = wg * ${WG}u + lid;
  if (i >= p.n) { return; }
  let beta = select(0.0, s[1] / s[0], s[0] > 0.0);
  pv[i] = r[i] + beta * pv[i];
}`;

/** The device side of an inner f32 CG: buffers and the prebuilt dispatches of one iteration. */
class InnerCg extends InnerSolve {
  readonly x: WgpuBuffer;
  readonly r: WgpuBuffer;
  readonly p: WgpuBuffer;

  constructor(gpu: Gpu, A: GpuMatrix) {
    super(gpu, gpu.buffer(32), gpu.buffer(4 * BATCH_MAX), 4, 1);
    const n = A.shape[0];
    const buf = (len: number) => {
      const b = gpu.buffer(4 * len);
      this.owned.push(b);
      return b;
    };
    this.x = buf(n);
    this.r = buf(n);
    this.p = buf(n);
    const q = buf(n);
    const groups = partialCount(n);
    const partial = buf(groups);
    const plan = spmvPlan(A, lanesFor(A, 'auto'));
    const un = gpu.uniform([n]);
    const uc = gpu.uniform([groups]);
    this.owned.push(un, uc);
    const dot = stage1(`${storage(0, 'x', 'f32')}\n${storage(1, 'y', 'f32')}\n${storage(2, 'partial', 'f32', 'read_write')}\n${uniform(3, 'n: u32')}`, 'x[i] * y[i]');
    this.iteration = [
      gpu.dispatch(gpu.pipeline(plan.code), [A.indptrBuf, A.indicesBuf, A.dataBuf, this.p, q, un], plan.groups),
      gpu.dispatch(gpu.pipeline(dot), [this.p, q, partial, un], groups),
      gpu.dispatch(gpu.pipeline(FIN_PQ), [this.s, partial, uc], 1),
      gpu.dispatch(gpu.pipeline(UPDATE_XR), [this.x, this.r, this.p, q, this.s, partial, un], groups),
      gpu.dispatch(gpu.pipeline(FIN_RR), [this.s, partial, this.hist, uc], 1),
      gpu.dispatch(gpu.pipeline(UPDATE_P), [this.p, this.r, this.s, un], Math.ceil(n / WG)),
    ];
  }

  /** Start a solve of A·d = rhs (‖rhs‖ = 1) from d = 0, stopping at ‖r‖ ≤ stop. */
  start(rhs: Float32Array, rho0: number, stop: number): void {
    const n = rhs.length;
    this.gpu.write(this.x, new Float32Array(n));
    this.gpu.write(this.r, rhs);
    this.gpu.write(this.p, rhs);
    this.gpu.write(this.s, new Float32Array([rho0, rho0, 0, stop * stop, 0, 0, 0, 0]));
  }
}

/**
 * Solve A·x = b (A symmetric positive definite) by conjugate gradients on the GPU in mixed
 * precision: f32 products and vector updates on the GPU, f64 residuals and iterative refinement on
 * the CPU, so the returned x meets the f64 tolerance `tol` as {@link index!cg} would, on
 * well-conditioned problems (an f32 inner solve needs cond(A) well below 10⁷).
 *
 * @param gpu - the context ({@link createGpu})
 * @param A - n×n SPD: a sparse matrix (uploaded for this call and freed after), or a
 *   {@link GpuMatrix} (reused; its `source` is the f64 matrix of the residuals)
 * @param b - right-hand side, length n
 * @param options - {@link CgGpuOptions}
 * @returns {@link CgGpuResult} (`iterations` counts GPU CG iterations; `history` the f64 residuals)
 * @throws {@link index!ShapeError} when A is not square or b does not match; {@link index!ArgumentError} on a bad option.
 *
 * @example
 * ```ts webgpu
 * import { csr } from 'sparsity';
 * import { createGpu, cgGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const A = csr([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
 * const r = await cgGpu(gpu, A, [1, 2, 3], { tol: 1e-12 });
 * r.converged; // => true
 * r.residualNorm < 1e-12 * Math.hypot(1, 2, 3); // => true
 * gpu.destroy();
 * ```
 */
export async function cgGpu(gpu: Gpu, A: unknown, b: VectorLike, options?: CgGpuOptions): Promise<CgGpuResult> {
  const o = readOptions('cgGpu', options, KEYS);
  gpu.check('cgGpu');
  const own = !(A instanceof GpuMatrix);
  const G = own ? gpu.upload(asCsr('cgGpu', A), { dtype: 'float32' }) : (A as GpuMatrix);
  try {
    G.check('cgGpu');
    return await solve(gpu, G, b, o);
  } finally {
    if (own) G.destroy();
  }
}

async function solve(gpu: Gpu, G: GpuMatrix, b: VectorLike, o: CgGpuOptions): Promise<CgGpuResult> {
  const S: CompressedMatrix = G.source;
  const [m, n] = G.shape;
  if (m !== n) throw new ShapeError('cgGpu', G.shape, G.shape, 'is not square');
  const bv = toFloat64(b, 'b');
  if (bv.length !== n) throw new ShapeError('cgGpu', G.shape, bv.length);
  const tol = optTol('cgGpu options.tol', o.tol, 1e-5);
  const atol = optTol('cgGpu options.atol', o.atol, 0);
  const maxIter = optMaxIter(o.maxIter, Math.max(1, 10 * n), 'cgGpu options.maxIter');
  const innerTol = optTol('cgGpu options.innerTol', o.innerTol, 1e-3);
  if (!(innerTol > 0 && innerTol < 1)) throw new ArgumentError('cgGpu options.innerTol', innerTol, 'a number in (0, 1)');
  const maxRef = o.maxRefinements === undefined ? 50 : optMaxIter(o.maxRefinements, 50, 'cgGpu options.maxRefinements');
  const onIteration = checkCallback<CgGpuIterationInfo>(o.onIteration, 'cgGpu options.onIteration');
  const x = new Float64Array(n);
  if (o.x0 !== undefined) {
    const x0 = toFloat64(o.x0, 'x0');
    if (x0.length !== n) throw new ShapeError('cgGpu x0', n, x0.length);
    x.set(x0);
  }
  const bnorm = nrm2(bv);
  const thresh = Math.max(atol, tol * bnorm);
  const residual = (): Float64Array => {
    const ax = spmv(S as never, x);
    for (let i = 0; i < n; i++) ax[i] = bv[i]! - ax[i]!;
    return ax;
  };
  let r = residual();
  let rnorm = nrm2(r);
  const history = [rnorm];
  let iterations = 0;
  let outer = 0;
  let reason: CgGpuResult['reason'] = 'maxIter';
  const inner = new InnerCg(gpu, G);
  await gpu.gpuTime();
  try {
    let stalls = 0;
    for (;;) {
      if (rnorm <= thresh) { reason = 'converged'; break; }
      if (iterations >= maxIter || outer >= maxRef) break;
      const rhs = new Float32Array(n);
      for (let i = 0; i < n; i++) rhs[i] = r[i]! / rnorm;
      let rho0 = 0;
      for (let i = 0; i < n; i++) rho0 += rhs[i]! * rhs[i]!;
      // Aim no lower than needed: the last step only has to close the remaining gap.
      const stop = Math.max(innerTol, Math.min(0.5, (0.5 * thresh) / rnorm));
      inner.start(rhs, rho0, stop);
      iterations += await inner.solve(maxIter - iterations, (h, t) => !(h[t]! > stop * stop));
      const d = new Float32Array(await gpu.read(inner.x, 0, 4 * n));
      for (let i = 0; i < n; i++) x[i] = x[i]! + rnorm * d[i]!;
      outer++;
      r = residual();
      const prev = rnorm;
      rnorm = nrm2(r);
      history.push(rnorm);
      if (!(rnorm < 0.9 * prev)) stalls++;
      else stalls = 0;
      if (onIteration && onIteration({ outerIteration: outer, iterations, residualNorm: rnorm }) === false) {
        reason = rnorm <= thresh ? 'converged' : 'stopped';
        break;
      }
      if (!Number.isFinite(rnorm) || stalls >= 2) { reason = rnorm <= thresh ? 'converged' : 'breakdown'; break; }
    }
  } finally {
    inner.destroy();
  }
  const gpuTimeMs = await gpu.gpuTime();
  return { x, converged: reason === 'converged', iterations, residualNorm: rnorm, history, stopped: reason === 'stopped', reason, outerIterations: outer, gpuTimeMs };
}
