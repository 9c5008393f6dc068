/**
 * Vector kernels on the GPU (f32): dot products, norms and sums by a two-stage reduction
 * (workgroup partial sums, then one workgroup), and axpy.
 *
 * Rounding: each invocation sums its grid-strided slice serially (about n/262144 terms), then two
 * trees of depth 8 and at most 10 add the partial sums, so the error is at most about
 * (n/262144 + 18)·2⁻²⁴·Σ|terms| (f32 unit roundoff 2⁻²⁴ ≈ 6e-8).
 *
 * @module
 */
import { ShapeError } from '../core/errors.js';
import type { GpuVector } from './buffers.js';
import type { Gpu } from './context.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG, WG_INDEX, storage, treeSum, uniform } from './wgsl.js';

/** Workgroups of the first reduction stage (partials), at most. @internal */
export const PARTIALS = 1024;

/** Stage 1: partial[wg] = Σ over this workgroup's grid-strided slice of `term(i)`. @internal */
export function stage1(bindings: string, term: string): string {
  return `${bindings}
var<workgroup> sh: array<f32, ${WG}>;
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  var s = 0.0;
  let stride = nwg.x * ${WG}u;
  for (var i = wg * ${WG}u + lid; i < p.n; i += stride) { s += ${term}; }
  sh[lid] = s; workgroupBarrier();
  let lane = lid;
  ${treeSum(WG)}
  if (lid == 0u) { partial[wg] = sh[0]; }
}`;
}

/**
 * Stage 2: out[p.slot] = Σ partial[0..p.count) (or its square root with p.root = 1), in one
 * workgroup. @internal
 */
/**
 * One workgroup adds `partial[0..p.count)` into `sh[0]` (needs `var<workgroup> sh`, a `partial`
 * binding, `p.count` and the builtin `lid`). @internal
 */
export const SUM_PARTIALS = `var acc = 0.0;
  for (var i = lid; i < p.count; i += ${WG}u) { acc += partial[i]; }
  sh[lid] = acc; workgroupBarrier();
  let lane = lid;
  ${treeSum(WG)}`;

export const STAGE2 = `${storage(0, 'partial', 'f32')}
${storage(1, 'out', 'f32', 'read_write')}
${uniform(2, 'count: u32, slot: u32, root: u32')}
var<workgroup> sh: array<f32, ${WG}>;
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  ${SUM_PARTIALS}
  if (lid == 0u) { out[p.slot] = select(sh[0], sqrt(max(sh[0], 0.0)), p.root == 1u); }
}`;

const DOT = stage1(`${storage(0, 'x', 'f32')}\n${storage(1, 'y', 'f32')}\n${storage(2, 'partial', 'f32', 'read_write')}\n${uniform(3, 'n: u32')}`, 'x[i] * y[i]');
const SUMSQ = stage1(`${storage(0, 'x', 'f32')}\n${storage(1, 'partial', 'f32', 'read_write')}\n${uniform(2, 'n: u32')}`, 'x[i] * x[i]');
const SUM = stage1(`${storage(0, 'x', 'f32')}\n${storage(1, 'partial', 'f32', 'read_write')}\n${uniform(2, 'n: u32')}`, 'x[i]');
const AXPY = `${storage(0, 'x', 'f32')}
${storage(1, 'y', 'f32', 'read_write')}
${uniform(2, 'n: u32, a: f32')}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let i = wg * ${WG}u + lid;
  if (i < p.n) { y[i] = y[i] + p.a * x[i]; }
}`;

/** Number of stage-1 workgroups for length n. @internal */
export function partialCount(n: number): number {
  return Math.max(1, Math.min(PARTIALS, Math.ceil(n / WG)));
}

/**
 * Record a reduction: `code` (a {@link stage1} kernel over `buffers` + partials + uniform {n}) then
 * stage 2 into out[slot] (square-rooted with `root`). @internal
 */
export function recordReduction(gpu: Gpu, code: string, buffers: WgpuBuffer[], n: number, partial: WgpuBuffer, out: WgpuBuffer, slot: number, root: boolean): void {
  const groups = partialCount(n);
  const p1 = gpu.pipeline(code);
  gpu.record(gpu.dispatch(p1, [...buffers, partial, gpu.uniform([n])], groups));
  const p2 = gpu.pipeline(STAGE2);
  gpu.record(gpu.dispatch(p2, [partial, out, gpu.uniform([groups, slot, root ? 1 : 0])], 1));
}

async function reduce(fn: string, code: string, vs: GpuVector[], root: boolean): Promise<number> {
  const v0 = vs[0]!;
  for (const v of vs) v.check(fn);
  if (vs.length === 2 && vs[1]!.length !== v0.length) throw new ShapeError(fn, [v0.length], [vs[1]!.length]);
  const gpu = v0.gpu;
  const partial = gpu.buffer(4 * PARTIALS);
  const out = gpu.buffer(4);
  recordReduction(gpu, code, vs.map((v) => v.buffer), v0.length, partial, out, 0, root);
  const r = new Float32Array(await gpu.read(out, 0, 4))[0]!;
  partial.destroy();
  out.destroy();
  return r;
}

/**
 * xᵀy of two GPU vectors (f32 accumulation; runs the recorded work and reads one number).
 *
 * @example
 * ```ts webgpu
 * import { createGpu, gpuDot } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const x = gpu.vector([1, 2, 3], { dtype: 'float32' });
 * await gpuDot(x, x); // => 14
 * gpu.destroy();
 * ```
 */
export function gpuDot(x: GpuVector, y: GpuVector): Promise<number> {
  return reduce('gpuDot', DOT, [x, y], false);
}

/**
 * ‖x‖₂ of a GPU vector (f32).
 *
 * @example
 * ```ts webgpu
 * import { createGpu, gpuNrm2 } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * await gpuNrm2(gpu.vector([3, 4], { dtype: 'float32' })); // => 5
 * gpu.destroy();
 * ```
 */
export function gpuNrm2(x: GpuVector): Promise<number> {
  return reduce('gpuNrm2', SUMSQ, [x], true);
}

/**
 * Σ xᵢ of a GPU vector (f32).
 *
 * @example
 * ```ts webgpu
 * import { createGpu, gpuSum } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * await gpuSum(gpu.vector([1, 2, 3.5], { dtype: 'float32' })); // => 6.5
 * gpu.destroy();
 * ```
 */
export function gpuSum(x: GpuVector): Promise<number> {
  return reduce('gpuSum', SUM, [x], false);
}

/**
 * y ← y + a·x on the GPU (recorded; runs with the next submission or read).
 *
 * @example
 * ```ts webgpu
 * import { createGpu, gpuAxpy } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const x = gpu.vector([1, 2], { dtype: 'float32' });
 * const y = gpu.vector([10, 20], { dtype: 'float32' });
 * gpuAxpy(2, x, y);
 * Array.from(await y.read()); // => [12, 24]
 * gpu.destroy();
 * ```
 */
export function gpuAxpy(a: number, x: GpuVector, y: GpuVector): void {
  x.check('gpuAxpy');
  y.check('gpuAxpy');
  if (x.length !== y.length) throw new ShapeError('gpuAxpy', [x.length], [y.length]);
  const gpu = x.gpu;
  gpu.record(gpu.dispatch(gpu.pipeline(AXPY), [x.buffer, y.buffer, gpu.uniform([x.length], [a])], Math.ceil(x.length / WG)));
}
