/**
 * Conjugate gradients with f32 products on the GPU and f64 residual replacement on the CPU.
 *
 * Device loop (f32): the Chronopoulos–Gear form of CG, whose two inner products (rᵀr, wᵀr with
 * w = A·r) are taken in the same sweep, so one iteration is three dispatches: the product fused
 * with both partial sums, a one-workgroup kernel that adds the partials and computes α and β into
 * a scalar buffer, and one vector update (p, s = A·p, x, r) reading them from there. Nothing is read
 * back per iteration: batches of up to 512 iterations are one submission each, and the CPU reads a
 * batch's history (rᵀr per iteration) while the next batch runs (see `inner.ts`).
 *
 * Outer loop (CPU, f64), after van der Vorst and Ye's residual replacement ("reliable updates"):
 * once the recursive f32 residual has shrunk by `innerTol` (or reached the tolerance), the device
 * freezes; the CPU adds the f32 correction to the f64 x, computes r = b − A·x with the f64 matrix,
 * stops when ‖r‖ ≤ max(tol·‖b‖, atol), and otherwise replaces the device's r by it and lets CG go
 * on with its search direction kept. The Krylov space is not thrown away, so the iteration count
 * stays near f64 CG's (a restart per refinement, as classic iterative refinement does, costs the
 * superlinear phase each time), while the f64 residuals take the answer past f32's reach (on
 * well-conditioned systems: the f32 recurrence must converge, which needs cond(A)·2⁻²⁴ well below 1).
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
import { PARTIALS } from './blas1.js';
import { BATCH_MAX, InnerSolve } from './inner.js';
import type { Gpu } from './context.js';
import { lanesFor } from './spmv.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG, WG_INDEX, storage, treeSum, uniform } from './wgsl.js';

/** What {@link cgGpu} passes to `onIteration` after each f64 residual replacement. */
export interface CgGpuIterationInfo {
  /** Residual replacements (f64 residuals) done. */
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
  /**
   * Factor by which the f32 recursive residual shrinks between two f64 residual replacements
   * (default 1e-4: f32 CG's recursive residual stays close to the true one over about four decades).
   */
  innerTol?: number;
  /** Limit on residual replacements (default 50). */
  maxRefinements?: number;
  /** Called after each residual replacement; return `false` to stop. */
  onIteration?: (info: CgGpuIterationInfo) => boolean | void;
}

/** Result of {@link cgGpu}. */
export interface CgGpuResult extends KrylovResult {
  /** ‖b − A·x‖₂ of the returned x, computed in f64 on the CPU. */
  residualNorm: number;
  /** Residual replacements (f64 residuals computed on the CPU) done. */
  outerIterations: number;
  /** GPU time in ms (timestamp queries), or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** `history`: ‖b − A·x‖ in f64 before the first and after every residual replacement. */
  history: number[];
}

const KEYS = optionKeys<CgGpuOptions>({ tol: true, atol: true, maxIter: true, x0: true, innerTol: true, maxRefinements: true, onIteration: true });

// Scalar slots of the device loop.
const GOLD = 0; // rᵀr of the previous iteration
const AOLD = 1; // α of the previous iteration
const ALPHA = 2;
const BETA = 3;
const STOP2 = 4; // freeze when rᵀr ≤ this
const COUNTER = 5; // history index within the batch
const FIRST = 6; // 1: the next iteration starts CG afresh (β = 0)
const STATE = 7; // 0 running, 1 frozen at the threshold, 2 frozen by breakdown
const GAMMA = 8; // rᵀr of the current iteration

/** w = A·r with the partial sums of rᵀr and wᵀr per workgroup (grid-strided over row blocks). */
function spmvDots(lanes: number): string {
  const rows = WG / lanes;
  const finish = lanes === 1
    ? `if (row < p.m) { w[row] = acc; let ri = r[row]; g += ri * ri; d += acc * ri; }`
    : `sh[lid] = acc; workgroupBarrier();
    ${treeSum(lanes)}
    if (lane == 0u && row < p.m) { let wi = sh[lid]; w[row] = wi; let ri = r[row]; g += ri * ri; d += wi * ri; }
    workgroupBarrier();`;
  return `${storage(0, 'ptr', 'u32')}
${storage(1, 'idx', 'u32')}
${storage(2, 'val', 'f32')}
${storage(3, 'r', 'f32')}
${storage(4, 'w', 'f32', 'read_write')}
${storage(5, 'c', 'f32')}
${storage(6, 'partial', 'f32', 'read_write')}
${uniform(7, 'm: u32')}
var<workgroup> sh: array<f32, ${WG}>;
var<workgroup> sd: array<f32, ${WG}>;
var<workgroup> frozen: f32;
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  if (lid == 0u) { frozen = c[${STATE}]; }
  if (workgroupUniformLoad(&frozen) != 0.0) { return; }
  let lane = lid % ${lanes}u;
  var g = 0.0;
  var d = 0.0;
  let stride = nwg.x * nwg.y * ${rows}u;
  for (var base = wg * ${rows}u; base < p.m; base += stride) {
    let row = base + lid / ${lanes}u;
    var acc = 0.0;
    if (row < p.m) {
      let e = ptr[row + 1u];
      for (var k = ptr[row] + lane; k < e; k += ${lanes}u) { acc += val[k] * r[idx[k]]; }
    }
    ${finish}
  }
  sh[lid] = g; sd[lid] = d; workgroupBarrier();
  for (var o = ${WG / 2}u; o > 0u; o = o >> 1u) { if (lid < o) { sh[lid] = sh[lid] + sh[lid + o]; sd[lid] = sd[lid] + sd[lid + o]; } workgroupBarrier(); }
  if (lid == 0u) { partial[2u * wg] = sh[0]; partial[2u * wg + 1u] = sd[0]; }
}`;
}

/** One workgroup: γ = rᵀr and δ = wᵀr from the partials, then α and β (or freeze), and the history. */
const SCALARS = `${storage(0, 'c', 'f32', 'read_write')}
${storage(1, 'partial', 'f32')}
${storage(2, 'hist', 'f32', 'read_write')}
${uniform(3, 'count: u32')}
var<workgroup> sh: array<f32, ${WG}>;
var<workgroup> sd: array<f32, ${WG}>;
var<workgroup> frozen: f32;
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  if (lid == 0u) { frozen = c[${STATE}]; }
  let fz = workgroupUniformLoad(&frozen);
  var g = 0.0;
  var d = 0.0;
  if (fz == 0.0) { for (var i = lid; i < p.count; i += ${WG}u) { g += partial[2u * i]; d += partial[2u * i + 1u]; } }
  sh[lid] = g; sd[lid] = d; workgroupBarrier();
  for (var o = ${WG / 2}u; o > 0u; o = o >> 1u) { if (lid < o) { sh[lid] = sh[lid] + sh[lid + o]; sd[lid] = sd[lid] + sd[lid + o]; } workgroupBarrier(); }
  if (lid != 0u) { return; }
  let k = u32(c[${COUNTER}]);
  c[${COUNTER}] = c[${COUNTER}] + 1.0;
  if (fz != 0.0) { hist[2u * k] = c[${GAMMA}]; hist[2u * k + 1u] = fz; return; }
  let gamma = sh[0];
  let delta = sd[0];
  var state = 0.0;
  var alpha = 0.0;
  var beta = 0.0;
  if (gamma <= c[${STOP2}]) {
    state = 1.0;
  } else if (c[${FIRST}] != 0.0) {
    alpha = gamma / delta;
  } else {
    beta = gamma / c[${GOLD}];
    alpha = gamma / (delta - beta * gamma / c[${AOLD}]);
  }
  // A non-positive or non-finite step: A is not SPD in f32, or the recurrence broke down.
  if (state == 0.0 && !(alpha > 0.0 && alpha < 3.0e38 && beta < 3.0e38)) { state = 2.0; }
  if (state == 0.0) {
    c[${GOLD}] = gamma; c[${AOLD}] = alpha; c[${ALPHA}] = alpha; c[${BETA}] = beta; c[${FIRST}] = 0.0;
  }
  c[${STATE}] = state;
  c[${GAMMA}] = gamma;
  hist[2u * k] = gamma;
  hist[2u * k + 1u] = state;
}`;

/** p ← r + βp, s ← w + βs, x ← x + αp, r ← r − αs (nothing once frozen). */
const UPDATE = `${storage(0, 'pv', 'f32', 'read_write')}
${storage(1, 'sv', 'f32', 'read_write')}
${storage(2, 'x', 'f32', 'read_write')}
${storage(3, 'r', 'f32', 'read_write')}
${storage(4, 'w', 'f32')}
${storage(5, 'c', 'f32')}
${uniform(6, 'n: u32')}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let i = wg * ${WG}u + lid;
  if (i >= p.n || c[${STATE}] != 0.0) { return; }
  let beta = c[${BETA}];
  let alpha = c[${ALPHA}];
  let pi = r[i] + beta * pv[i];
  let si = w[i] + beta * sv[i];
  pv[i] = pi;
  sv[i] = si;
  x[i] = x[i] + alpha * pi;
  r[i] = r[i] - alpha * si;
}`;

/** The device side of the f32 CG loop: buffers and the prebuilt dispatches of one iteration. */
class InnerCg extends InnerSolve {
  readonly x: WgpuBuffer;
  readonly r: WgpuBuffer;
  private readonly p: WgpuBuffer;
  private readonly sv: WgpuBuffer;
  private readonly n: number;

  constructor(gpu: Gpu, A: GpuMatrix) {
    super(gpu, gpu.buffer(64), gpu.buffer(8 * BATCH_MAX), COUNTER, 2);
    const n = A.shape[0];
    this.n = n;
    const buf = (len: number) => {
      const b = gpu.buffer(4 * len);
      this.owned.push(b);
      return b;
    };
    this.x = buf(n);
    this.r = buf(n);
    this.p = buf(n);
    this.sv = buf(n);
    const w = buf(n);
    const lanes = lanesFor(A, 'auto');
    const groups = Math.max(1, Math.min(PARTIALS, Math.ceil(n / (WG / lanes))));
    const partial = buf(2 * groups);
    const un = gpu.uniform([n]);
    const uc = gpu.uniform([groups]);
    this.owned.push(un, uc);
    this.iteration = [
      gpu.dispatch(gpu.pipeline(spmvDots(lanes)), [A.indptrBuf, A.indicesBuf, A.dataBuf, this.r, w, this.s, partial, un], groups),
      gpu.dispatch(gpu.pipeline(SCALARS), [this.s, partial, this.hist, uc], 1),
      gpu.dispatch(gpu.pipeline(UPDATE), [this.p, this.sv, this.x, this.r, w, this.s, un], Math.ceil(n / WG)),
    ];
  }

  /** Start CG afresh from x = 0 on the residual `r` (f32, scaled), freezing at ‖r‖ ≤ stop. */
  start(r: Float32Array, stop: number): void {
    this.gpu.write(this.p, new Float32Array(this.n));
    this.gpu.write(this.sv, new Float32Array(this.n));
    this.replace(r, stop, true);
  }

  /**
   * Residual replacement: the device's r becomes `r` (the f64 residual, rounded), x restarts
   * from 0 (its correction was added on the CPU), and CG goes on with its direction (`fresh`:
   * from scratch).
   */
  replace(r: Float32Array, stop: number, fresh = false): void {
    this.gpu.write(this.r, r);
    this.gpu.write(this.x, new Float32Array(this.n));
    const c = new Float32Array(4);
    c[STOP2 - 4] = stop * stop;
    c[FIRST - 4] = fresh ? 1 : 0;
    this.gpu.write(this.s, c, 4 * 4);
  }
}

/**
 * Solve A·x = b (A symmetric positive definite) by conjugate gradients on the GPU in mixed
 * precision: f32 products and vector updates on the GPU, f64 residuals (residual replacement) on
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
  const innerTol = optTol('cgGpu options.innerTol', o.innerTol, 1e-4);
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
  // The device works on σ·r with one σ for the whole solve (‖σ·r₀‖ = 1), so f32's range never matters.
  const sigma = rnorm > 0 ? 1 / rnorm : 1;
  const scaled = (v: Float64Array): Float32Array => {
    const f = new Float32Array(n);
    for (let i = 0; i < n; i++) f[i] = sigma * v[i]!;
    return f;
  };
  let iterations = 0;
  let outer = 0;
  let reason: CgGpuResult['reason'] = 'maxIter';
  gpu.discardTimings();
  if (rnorm <= thresh) reason = 'converged';
  else if (maxIter > 0 && maxRef > 0) {
    const inner = new InnerCg(gpu, G);
    // Freeze once the recursive residual has shrunk by innerTol, or is below half the tolerance.
    const stopAt = () => sigma * Math.max(innerTol * rnorm, 0.5 * thresh);
    inner.start(scaled(r), stopAt());
    try {
      let stalls = 0;
      for (;;) {
        let state = 0;
        const done = await inner.solve(maxIter - iterations, (h, t) => (state = h[2 * t + 1]!) !== 0, outer === 0 ? 16 : 64);
        // The iteration that found the freeze made no update.
        iterations += state !== 0 ? done - 1 : done;
        const d = new Float32Array(await gpu.read(inner.x, 0, 4 * n));
        for (let i = 0; i < n; i++) x[i] = x[i]! + d[i]! / sigma;
        outer++;
        r = residual();
        const prev = rnorm;
        rnorm = nrm2(r);
        history.push(rnorm);
        if (rnorm <= thresh) { reason = 'converged'; break; }
        if (onIteration && onIteration({ outerIteration: outer, iterations, residualNorm: rnorm }) === false) { reason = 'stopped'; break; }
        if (!Number.isFinite(rnorm)) { reason = 'breakdown'; break; }
        // No progress (f32 reached its floor, or the recurrence broke down): restart CG from the
        // f64 residual once; a second time in a row ends the solve.
        stalls = state === 2 || !(rnorm < 0.5 * prev) ? stalls + 1 : 0;
        if (stalls >= 2) { reason = 'breakdown'; break; }
        if (iterations >= maxIter || outer >= maxRef) break;
        inner.replace(scaled(r), stopAt(), stalls > 0);
      }
    } finally {
      inner.destroy();
    }
  }
  const gpuTimeMs = await gpu.gpuTime();
  return { x, converged: reason === 'converged', iterations, residualNorm: rnorm, history, stopped: reason === 'stopped', reason, outerIterations: outer, gpuTimeMs };
}
