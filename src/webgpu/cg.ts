/**
 * Conjugate gradients with f32 products on the GPU and f64 iterative refinement on the CPU.
 *
 * Device loop (f32): CG in the one-sweep form of Chronopoulos and Gear (w = A·r, s = A·p kept by
 * recurrence, all inner products taken in the sweep of the product), so one iteration is two
 * dispatches: the product fused with the partial sums, and one kernel whose workgroups each add
 * up the partials, compute α and β and update their share of p, s, x and r (scalars stay on the
 * device, in two blocks used alternately). pᵀAp and rᵀp are expanded exactly from rᵀw, rᵀs, pᵀs
 * and rᵀp rather than through the orthogonality relations of Chronopoulos–Gear, which rounding
 * erodes. Nothing is read back per iteration: batches of up to 1024 iterations are one submission
 * each, and the CPU reads a batch's history (rᵀr per iteration) while the next batch runs (see
 * `inner.ts`).
 *
 * Outer loop (CPU, f64): mixed-precision iterative refinement. The f32 loop runs until its
 * recursive residual has shrunk by `innerTol` (1e-6 by default, past where the true f32 residual
 * stalls, about 10⁻³·⁵ on Poisson 1000²) or reached a third of the tolerance; then the device freezes, the CPU adds the f32
 * correction to the f64 x, computes r = b − A·x with the f64 matrix, stops when
 * ‖r‖ ≤ max(tol·‖b‖, atol), and otherwise restarts the f32 loop on that residual. Each restart
 * costs CG's superlinear phase again, so the segments are long: on Poisson 1000² at 1e-8 the second one
 * already meets the tolerance but for a last few iterations.
 * (Keeping the search direction across a residual replacement, van der Vorst and Ye's "reliable
 * updates", was tried: with replacements this far apart the f32 perturbation stalled CG for
 * thousands of iterations on Poisson 1000².) The answer meets f64 tolerances that f32 alone cannot
 * reach, on well-conditioned systems: the f32 recurrence must converge, which needs cond(A)·2⁻²⁴
 * well below 1.
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
import { getThreads, poolSize } from '../kernels/runtime/threads/pool.js';
import { asCsr, GpuMatrix } from './buffers.js';
import { PARTIALS } from './blas1.js';
import { BATCH_MAX, InnerSolve } from './inner.js';
import type { Gpu } from './context.js';
import { lanesFor } from './spmv.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG, WG_INDEX, storage, treeSum, uniform } from './wgsl.js';

/** What {@link cgGpu} passes to `onIteration` after each f64 correction. */
export interface CgGpuIterationInfo {
  /** f64 corrections (refinement steps) done. */
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
   * Factor by which each f32 solve shrinks its recursive residual before the f64 correction
   * (default 1e-6). The true residual of an f32 segment stalls earlier (about 10⁻³·⁵ on Poisson
   * 1000²), but running on lets the next segment start from a better-conditioned correction: on
   * Poisson 1000² at tol 10⁻⁸ (H200), 3571 iterations in two segments with 1e-6, against 3673 in
   * three with 1e-5 and 3988 with 1e-4.
   */
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
  /** Refinement steps (f32 GPU solves, each followed by an f64 residual on the CPU) done. */
  outerIterations: number;
  /** GPU time in ms (timestamp queries), or undefined where the device has none. */
  gpuTimeMs: number | undefined;
  /** `history`: ‖b − A·x‖ in f64 before the first and after every refinement step. */
  history: number[];
}

const KEYS = optionKeys<CgGpuOptions>({ tol: true, atol: true, maxIter: true, x0: true, innerTol: true, maxRefinements: true, onIteration: true });

// Scalar slots of the device loop. There are two scalar blocks: iteration t reads block t mod 2
// and writes the other, so the workgroups of one dispatch never see another's writes.
const GOLD = 0; // rᵀr of the previous iteration
const STOP2 = 1; // freeze when rᵀr ≤ this
const COUNTER = 2; // history index within the batch
const FIRST = 3; // 1: the next iteration starts CG afresh (β = 0)
const STATE = 4; // 0 running, 1 frozen at the threshold, 2 frozen by breakdown
const GAMMA = 5; // rᵀr of the current iteration
const SLOTS = 8;
/** Most workgroups of the fused scalar-and-update kernel (each adds up all the partials itself). */
const UPDATE_GROUPS = 528;

/**
 * w = A·r with the partial sums, per workgroup (grid-strided over row blocks), of the five inner
 * products the step needs: rᵀr, rᵀw, rᵀs, pᵀs and rᵀp (p and s of the previous iteration).
 */
function spmvDots(lanes: number): string {
  const rows = WG / lanes;
  const terms = `let ri = r[row]; let pi = pv[row]; let si = sv[row];
    t0 += ri * ri; t1 += wi * ri; t2 += ri * si; t3 += pi * si; t4 += ri * pi;`;
  const finish = lanes === 1
    ? `if (row < p.m) { let wi = acc; w[row] = wi; ${terms} }`
    : `sh0[lid] = acc; workgroupBarrier();
    ${treeSum(lanes).replaceAll('sh[', 'sh0[')}
    if (lane == 0u && row < p.m) { let wi = sh0[lid]; w[row] = wi; ${terms} }
    workgroupBarrier();`;
  return `${storage(0, 'ptr', 'u32')}
${storage(1, 'idx', 'u32')}
${storage(2, 'val', 'f32')}
${storage(3, 'r', 'f32')}
${storage(4, 'pv', 'f32')}
${storage(5, 'sv', 'f32')}
${storage(6, 'w', 'f32', 'read_write')}
${storage(7, 'c', 'f32')}
${storage(8, 'partial', 'f32', 'read_write')}
${uniform(9, 'm: u32')}
${REDUCE5_DECL}
var<workgroup> frozen: f32;
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  if (lid == 0u) { frozen = c[${STATE}]; }
  if (workgroupUniformLoad(&frozen) != 0.0) { return; }
  let lane = lid % ${lanes}u;
  var t0 = 0.0; var t1 = 0.0; var t2 = 0.0; var t3 = 0.0; var t4 = 0.0;
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
  ${REDUCE5}
  if (lid < 5u) { partial[5u * wg + lid] = red(lid); }
}`;
}

/** Five workgroup arrays and a tree sum of t0…t4 over the workgroup; `red(j)` reads sum j after it. */
const REDUCE5_DECL = `var<workgroup> sh0: array<f32, ${WG}>;
var<workgroup> sh1: array<f32, ${WG}>;
var<workgroup> sh2: array<f32, ${WG}>;
var<workgroup> sh3: array<f32, ${WG}>;
var<workgroup> sh4: array<f32, ${WG}>;
fn red(j: u32) -> f32 { switch j { case 0u: { return sh0[0]; } case 1u: { return sh1[0]; } case 2u: { return sh2[0]; } case 3u: { return sh3[0]; } default: { return sh4[0]; } } }`;
const REDUCE5 = `sh0[lid] = t0; sh1[lid] = t1; sh2[lid] = t2; sh3[lid] = t3; sh4[lid] = t4; workgroupBarrier();
  for (var o = ${WG / 2}u; o > 0u; o = o >> 1u) {
    if (lid < o) { sh0[lid] += sh0[lid + o]; sh1[lid] += sh1[lid + o]; sh2[lid] += sh2[lid + o]; sh3[lid] += sh3[lid + o]; sh4[lid] += sh4[lid + o]; }
    workgroupBarrier();
  }`;

/**
 * The scalars and the vector update in one dispatch: every workgroup adds up the partials of the
 * five inner products (the same sums in the same order, so all get the same bits) and computes
 * the step: β = γ/γ_old (0 on a fresh start), the new direction's pᵀAp = rᵀw + 2β·rᵀs + β²·pᵀs
 * and rᵀp = γ + β·rᵀp (exact, with no orthogonality relation assumed), α = rᵀp / pᵀAp; or it
 * freezes. Then p ← r + βp, s ← w + βs, x ← x + αp, r ← r − αs over its grid-strided share.
 * Workgroup 0 writes the next scalar block and the history (γ, state).
 */
const UPDATE = `${storage(0, 'pv', 'f32', 'read_write')}
${storage(1, 'sv', 'f32', 'read_write')}
${storage(2, 'x', 'f32', 'read_write')}
${storage(3, 'r', 'f32', 'read_write')}
${storage(4, 'w', 'f32')}
${storage(5, 'c', 'f32')}
${storage(6, 'cn', 'f32', 'read_write')}
${storage(7, 'partial', 'f32')}
${storage(8, 'hist', 'f32', 'read_write')}
${uniform(9, 'n: u32, count: u32')}
${REDUCE5_DECL}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let fz = c[${STATE}];
  var t0 = 0.0; var t1 = 0.0; var t2 = 0.0; var t3 = 0.0; var t4 = 0.0;
  if (fz == 0.0) {
    for (var i = lid; i < p.count; i += ${WG}u) {
      t0 += partial[5u * i]; t1 += partial[5u * i + 1u]; t2 += partial[5u * i + 2u]; t3 += partial[5u * i + 3u]; t4 += partial[5u * i + 4u];
    }
  }
  ${REDUCE5}
  let gamma = sh0[0];
  var state = fz;
  var alpha = 0.0;
  var beta = 0.0;
  if (fz == 0.0) {
    if (gamma <= c[${STOP2}]) {
      state = 1.0;
    } else {
      if (c[${FIRST}] == 0.0) { beta = gamma / c[${GOLD}]; }
      let pap = sh1[0] + beta * (2.0 * sh2[0] + beta * sh3[0]);
      let rp = gamma + beta * sh4[0];
      alpha = rp / pap;
      // A non-positive or non-finite step: A is not SPD in f32, or the recurrence broke down.
      if (!(alpha > 0.0 && alpha < 3.0e38 && beta < 3.0e38)) { state = 2.0; }
    }
  }
  if (wg == 0u && lid == 0u) {
    let k = u32(c[${COUNTER}]);
    let g = select(c[${GAMMA}], gamma, fz == 0.0);
    let run = state == 0.0;
    cn[${GOLD}] = select(c[${GOLD}], gamma, run);
    cn[${STOP2}] = c[${STOP2}];
    cn[${COUNTER}] = c[${COUNTER}] + 1.0;
    cn[${FIRST}] = select(c[${FIRST}], 0.0, run);
    cn[${STATE}] = state;
    cn[${GAMMA}] = g;
    hist[2u * k] = g;
    hist[2u * k + 1u] = state;
  }
  if (state != 0.0) { return; }
  for (var i = wg * ${WG}u + lid; i < p.n; i += nwg.x * nwg.y * ${WG}u) {
    let pi = r[i] + beta * pv[i];
    let si = w[i] + beta * sv[i];
    pv[i] = pi;
    sv[i] = si;
    x[i] = x[i] + alpha * pi;
    r[i] = r[i] - alpha * si;
  }
}`;

/** The WGSL of the two kernels of a CG iteration for products with `lanes` invocations per row. @internal */
export function cgKernels(lanes: number): [dots: string, update: string] {
  return [spmvDots(lanes), UPDATE];
}

/**
 * The device side of the f32 CG loop: buffers and the prebuilt dispatches of one step of two
 * iterations (the even one reads scalar block 0 and writes block 1, the odd one the reverse), so
 * a step is four dispatches and the history holds four floats per step.
 */
class InnerCg extends InnerSolve {
  readonly x: WgpuBuffer;
  readonly r: WgpuBuffer;
  private readonly p: WgpuBuffer;
  private readonly sv: WgpuBuffer;
  private readonly n: number;

  constructor(gpu: Gpu, A: GpuMatrix) {
    super(gpu, gpu.buffer(4 * SLOTS), gpu.buffer(16 * BATCH_MAX), COUNTER, 4);
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
    const odd = buf(SLOTS);
    const lanes = lanesFor(A, 'auto');
    const groups = Math.max(1, Math.min(PARTIALS, Math.ceil(n / (WG / lanes))));
    const partial = buf(5 * groups);
    const un = gpu.uniform([n]);
    const unc = gpu.uniform([n, groups]);
    this.owned.push(un, unc);
    const [dotsCode, updateCode] = cgKernels(lanes);
    const dots = gpu.pipeline(dotsCode);
    const update = gpu.pipeline(updateCode);
    const ug = Math.max(1, Math.min(UPDATE_GROUPS, Math.ceil(n / WG)));
    const half = (c: WgpuBuffer, cn: WgpuBuffer) => [
      gpu.dispatch(dots, [A.indptrBuf, A.indicesBuf, A.dataBuf, this.r, this.p, this.sv, w, c, partial, un], groups),
      gpu.dispatch(update, [this.p, this.sv, this.x, this.r, w, c, cn, partial, this.hist, unc], ug),
    ];
    this.iteration = [...half(this.s, odd), ...half(odd, this.s)];
  }

  /**
   * Start CG on the residual `r` (f32, scaled), freezing at ‖r‖ ≤ stop. x, p and s are still the
   * zeros WebGPU initialises new buffers with (p and s enter the first step only times β = 0, but
   * must be finite).
   */
  start(r: Float32Array, stop: number): void {
    this.gpu.write(this.r, r);
    this.scalars(stop);
  }

  /** Restart: r becomes `r` (the f64 residual, scaled and rounded), x and the direction start from 0. */
  replace(r: Float32Array, stop: number): void {
    this.gpu.write(this.r, r);
    this.gpu.write(this.x, new Float32Array(this.n));
    this.scalars(stop);
  }

  private scalars(stop: number): void {
    const c = new Float32Array(SLOTS);
    c[STOP2] = stop * stop;
    c[FIRST] = 1;
    this.gpu.write(this.s, c);
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
  const innerTol = optTol('cgGpu options.innerTol', o.innerTol, 1e-6);
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
  // The f64 residuals use the CPU worker pool only when it is running or threads were set
  // explicitly: under the default 'auto', starting the pool took 0.73 s in a first call on the
  // H200 host (16 CPUs), while a one-thread product of Poisson 1000² takes a few tens of ms and a
  // solve needs one to three.
  const threads = getThreads() === 'auto' && poolSize() === 0 ? 1 : undefined;
  const residual = (): Float64Array => {
    const ax = spmv(S as never, x, { threads });
    for (let i = 0; i < n; i++) ax[i] = bv[i]! - ax[i]!;
    return ax;
  };
  // With no initial guess the first residual is b itself, exactly: no product needed.
  let r = o.x0 === undefined ? bv : residual();
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
    // Freeze once the recursive residual has shrunk by innerTol; when that would be within the
    // tolerance, aim at a third of it instead, so that the f64 residual lands below it.
    const stopAt = () => sigma * (innerTol * rnorm > thresh ? innerTol * rnorm : thresh / 3);
    inner.start(scaled(r), stopAt());
    try {
      let stalls = 0;
      for (;;) {
        // Steps of two iterations; an iteration that finds the freeze makes no update.
        let state = 0;
        let updates = 0;
        const steps = await inner.solve(Math.ceil((maxIter - iterations) / 2), (h, t) => {
          state = h[4 * t + 1]!;
          updates = 0;
          if (state === 0) { state = h[4 * t + 3]!; updates = 1; }
          return state !== 0;
        }, 32);
        iterations += state !== 0 ? 2 * (steps - 1) + updates : 2 * steps;
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
        // No progress twice in a row (f32 at its floor, or the recurrence broke down) ends the solve.
        stalls = state === 2 || !(rnorm < 0.5 * prev) ? stalls + 1 : 0;
        if (stalls >= 2) { reason = 'breakdown'; break; }
        if (iterations >= maxIter || outer >= maxRef) break;
        inner.replace(scaled(r), stopAt());
      }
    } finally {
      inner.destroy();
    }
  }
  const gpuTimeMs = await gpu.gpuTime();
  return { x, converged: reason === 'converged', iterations, residualNorm: rnorm, history, stopped: reason === 'stopped', reason, outerIterations: outer, gpuTimeMs };
}
