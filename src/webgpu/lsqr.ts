/**
 * LSQR with f32 Golub–Kahan bidiagonalization on the GPU and f64 iterative refinement on the CPU.
 *
 * Outer loop (CPU, f64): r = b − A·x and Aᵀr with the f64 matrix; stop by SciPy's tests
 * ‖r‖ ≤ btol·‖b‖ + atol·‖A‖_F·‖x‖ or ‖Aᵀr‖ ≤ atol·‖A‖_F·‖r‖ (‖A‖_F exact here); else solve
 * min ‖A·d − r/‖r‖‖ by LSQR in f32 on the GPU to relative `innerTol` and set x ← x + ‖r‖·d. The
 * correction problem has the exact solution d = x* − x for least-squares problems too (its normal
 * equations are Aᵀ(b − A·x*) = 0), so each step gains about a factor innerTol.
 *
 * Inner loop (GPU): products with A and with Aᵀ (uploaded as its own CSR), norms, and the scalar
 * recurrence of Paige and Saunders (one invocation) all stay on the device; a batch of iterations
 * is one submission, after which the CPU reads the batch's (‖r‖, ‖Aᵀr‖) estimates.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { checkCallback, type IterativeResult, optionKeys, readOptions } from '../core/options.js';
import type { CompressedMatrix } from '../formats/compressed.js';
import type { CSRMatrix } from '../formats/csr.js';
import { csr } from '../formats/factories.js';
import { nrm2 } from '../kernels/blas1.js';
import { optMaxIter, optTol } from '../linalg/iterative/common.js';
import { spmv, spmvTransposed } from '../linalg/sparse/spmv.js';
import { partialCount, stage1, SUM_PARTIALS } from './blas1.js';
import { BATCH_MAX, InnerSolve } from './inner.js';
import { asCsr, GpuMatrix } from './buffers.js';
import type { Gpu } from './context.js';
import { lanesFor, spmvPlan } from './spmv.js';
import type { WgpuBuffer } from './types.js';
import { ENTRY, WG, WG_INDEX, storage, uniform } from './wgsl.js';

/** What {@link lsqrGpu} passes to `onIteration` after each refinement step. */
export interface LsqrGpuIterationInfo {
  /** Refinement steps done. */
  outerIteration: number;
  /** GPU LSQR iterations done in all. */
  iterations: number;
  /** ‖b − A·x‖ in f64. */
  r1norm: number;
  /** ‖Aᵀ(b − A·x)‖ in f64. */
  arnorm: number;
}

/** Options of {@link lsqrGpu} (SciPy's stopping tolerances, applied in f64). */
export interface LsqrGpuOptions {
  /** Tolerance on the relative normal-equations residual (default 1e-6, as {@link index!lsqr}). */
  atol?: number;
  /** Tolerance on the relative residual (default 1e-6). */
  btol?: number;
  /** Shorthand for atol and btol together (each explicit one wins). */
  tol?: number;
  /** Limit on GPU LSQR iterations in all (default 2·n + 2·m). */
  maxIter?: number;
  /** Initial guess (default zeros). */
  x0?: VectorLike;
  /** Relative tolerance of each f32 inner solve (default 1e-3). */
  innerTol?: number;
  /** Limit on refinement steps (default 50). */
  maxRefinements?: number;
  /** Called after each refinement step; return `false` to stop. */
  onIteration?: (info: LsqrGpuIterationInfo) => boolean | void;
}

/**
 * Result of {@link lsqrGpu}: `iterations` counts GPU LSQR iterations, `history` holds ‖b − A·x‖ in
 * f64 before the first and after each refinement step, and `reason` is `'breakdown'` when
 * refinement stopped gaining.
 */
export interface LsqrGpuResult extends IterativeResult<'converged' | 'maxIter' | 'stopped' | 'breakdown', number> {
  /** The solution estimate (f64). */
  x: Float64Array;
  /** Refinement steps done. */
  outerIterations: number;
  /** ‖b − A·x‖ (f64). */
  r1norm: number;
  /** ‖Aᵀ(b − A·x)‖ (f64). */
  arnorm: number;
  /** ‖A‖_F (f64, exact). */
  anorm: number;
  /** GPU time in ms (timestamp queries), or undefined where the device has none. */
  gpuTimeMs: number | undefined;
}

const KEYS = optionKeys<LsqrGpuOptions>({ atol: true, btol: true, tol: true, maxIter: true, x0: true, innerTol: true, maxRefinements: true, onIteration: true });

// Scalar slots: 0 alpha, 1 beta, 2 rhobar, 3 phibar, 4 anorm², 5 t1, 6 t2, 7 done, 8 counter,
// 9 stop on ‖r‖, 10 stop on ‖Aᵀr‖ (both absolute for the unit right-hand side).
const REDUCE_HEAD = (extra: string) => `${storage(0, 's', 'f32', 'read_write')}
${storage(1, 'partial', 'f32')}
${extra}
${uniform(extra ? 3 : 2, 'count: u32')}
var<workgroup> sh: array<f32, ${WG}>;`;
const REDUCE_BODY = SUM_PARTIALS;

/** beta = ‖u‖ after u ← A·v − alpha·u. */
const FIN_U = `${REDUCE_HEAD('')}
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  ${REDUCE_BODY}
  if (lid == 0u) { s[1] = sqrt(max(sh[0], 0.0)); s[4] = s[4] + s[0] * s[0] + s[1] * s[1]; }
}`;

/** alpha = ‖v‖ after v ← Aᵀu − beta·v, then the plane rotation of Paige and Saunders. */
const FIN_V = `${REDUCE_HEAD(storage(2, 'hist', 'f32', 'read_write'))}
@compute @workgroup_size(${WG}) fn main(@builtin(local_invocation_index) lid: u32) {
  ${REDUCE_BODY}
  if (lid == 0u) {
    let alpha = sqrt(max(sh[0], 0.0));
    let beta = s[1];
    s[0] = alpha;
    var t1 = 0.0; var t2 = 0.0;
    if (s[7] == 0.0) {
      let rhobar = s[2];
      let rho = sqrt(rhobar * rhobar + beta * beta);
      let c = select(1.0, rhobar / rho, rho > 0.0);
      let sn = select(0.0, beta / rho, rho > 0.0);
      let theta = sn * alpha;
      s[2] = -c * alpha;
      let phi = c * s[3];
      s[3] = sn * s[3];
      t1 = select(0.0, phi / rho, rho > 0.0);
      t2 = select(0.0, -theta / rho, rho > 0.0);
      let rnorm = s[3];
      let arnorm = alpha * abs(sn * phi);
      let k = u32(s[8]);
      hist[2u * k] = rnorm;
      hist[2u * k + 1u] = arnorm;
      if (rnorm <= s[9] || arnorm <= s[10] || alpha == 0.0 || beta == 0.0) { s[7] = 1.0; }
    } else {
      let k = u32(s[8]);
      hist[2u * k] = 0.0;
      hist[2u * k + 1u] = 0.0;
    }
    s[5] = t1; s[6] = t2;
    s[8] = s[8] + 1.0;
  }
}`;

/** y ← t − c·y with c = s[slot], and partial sums of y². */
function combine(slot: number): string {
  return stage1(`${storage(0, 'y', 'f32', 'read_write')}
${storage(1, 't', 'f32')}
${storage(2, 's', 'f32')}
${storage(3, 'partial', 'f32', 'read_write')}
${uniform(4, 'n: u32')}
fn step(i: u32) -> f32 { let v = t[i] - s[${slot}] * y[i]; y[i] = v; return v * v; }`, 'step(i)');
}

/** y ← y / s[slot] (when positive). */
function normalize(slot: number): string {
  return `${storage(0, 'y', 'f32', 'read_write')}
${storage(1, 's', 'f32')}
${uniform(2, 'n: u32')}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let i = wg * ${WG}u + lid;
  if (i >= p.n || !(s[${slot}] > 0.0)) { return; }
  y[i] = y[i] / s[${slot}];
}`;
}

/** v ← v/alpha; x ← x + t1·w; w ← v + t2·w. */
const UPDATE_XW = `${storage(0, 'v', 'f32', 'read_write')}
${storage(1, 'x', 'f32', 'read_write')}
${storage(2, 'w', 'f32', 'read_write')}
${storage(3, 's', 'f32')}
${uniform(4, 'n: u32')}
@compute @workgroup_size(${WG}) fn main(${ENTRY}) {
  ${WG_INDEX}
  let i = wg * ${WG}u + lid;
  if (i >= p.n) { return; }
  let a = s[0];
  let vi = select(v[i], v[i] / a, a > 0.0);
  v[i] = vi;
  let wi = w[i];
  x[i] = x[i] + s[5] * wi;
  w[i] = vi + s[6] * wi;
}`;

class InnerLsqr extends InnerSolve {
  readonly u: WgpuBuffer;
  readonly v: WgpuBuffer;
  readonly w: WgpuBuffer;
  readonly x: WgpuBuffer;

  constructor(gpu: Gpu, A: GpuMatrix, AT: GpuMatrix) {
    super(gpu, gpu.buffer(64), gpu.buffer(8 * BATCH_MAX), 8, 2);
    const [m, n] = A.shape;
    const buf = (len: number) => {
      const b = gpu.buffer(4 * len);
      this.owned.push(b);
      return b;
    };
    this.u = buf(m);
    this.v = buf(n);
    this.w = buf(n);
    this.x = buf(n);
    const tm = buf(m);
    const tn = buf(n);
    const pm = partialCount(m);
    const pn = partialCount(n);
    const partial = buf(Math.max(pm, pn));
    const um = gpu.uniform([m]);
    const un = gpu.uniform([n]);
    const upm = gpu.uniform([pm]);
    const upn = gpu.uniform([pn]);
    this.owned.push(um, un, upm, upn);
    const pa = spmvPlan(A, lanesFor(A, 'auto'));
    const pt = spmvPlan(AT, lanesFor(AT, 'auto'));
    this.iteration = [
      gpu.dispatch(gpu.pipeline(pa.code), [A.indptrBuf, A.indicesBuf, A.dataBuf, this.v, tm, um], pa.groups),
      gpu.dispatch(gpu.pipeline(combine(0)), [this.u, tm, this.s, partial, um], pm),
      gpu.dispatch(gpu.pipeline(FIN_U), [this.s, partial, upm], 1),
      gpu.dispatch(gpu.pipeline(normalize(1)), [this.u, this.s, um], Math.ceil(m / WG)),
      gpu.dispatch(gpu.pipeline(pt.code), [AT.indptrBuf, AT.indicesBuf, AT.dataBuf, this.u, tn, un], pt.groups),
      gpu.dispatch(gpu.pipeline(combine(1)), [this.v, tn, this.s, partial, un], pn),
      gpu.dispatch(gpu.pipeline(FIN_V), [this.s, partial, this.hist, upn], 1),
      gpu.dispatch(gpu.pipeline(UPDATE_XW), [this.v, this.x, this.w, this.s, un], Math.ceil(n / WG)),
    ];
  }

  start(u: Float32Array, v: Float32Array, alpha: number, tol: number, arTol: number): void {
    this.gpu.write(this.u, u);
    this.gpu.write(this.v, v);
    this.gpu.write(this.w, v);
    this.gpu.write(this.x, new Float32Array(v.length));
    // alpha, beta, rhobar, phibar, anorm², t1, t2, done, counter, tol
    this.gpu.write(this.s, new Float32Array([alpha, 1, alpha, 1, 0, 0, 0, 0, 0, tol, arTol, 0, 0, 0, 0, 0]));
  }
}

/**
 * Least squares min ‖A·x − b‖₂ by LSQR on the GPU in mixed precision: f32 bidiagonalization on the
 * GPU, f64 residuals and iterative refinement on the CPU, so the result meets SciPy's LSQR tests
 * in f64 (as {@link index!lsqr}) on well-conditioned problems.
 *
 * @param gpu - the context ({@link createGpu})
 * @param A - m×n sparse matrix (uploaded with its transpose for this call, freed after)
 * @param b - length m
 * @param options - {@link LsqrGpuOptions}
 * @returns {@link LsqrGpuResult}
 * @throws {@link index!ShapeError} when b does not match; {@link index!ArgumentError} on a bad option.
 *
 * @example
 * ```ts webgpu
 * import { csr } from 'sparsity';
 * import { createGpu, lsqrGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const A = csr([[1, 0], [1, 1], [0, 2]]);
 * const r = await lsqrGpu(gpu, A, [1, 2, 2], { tol: 1e-12 });
 * r.converged; // => true
 * Array.from(r.x).map((v) => Math.round(v * 1e9) / 1e9); // => [1, 1]
 * gpu.destroy();
 * ```
 */
export async function lsqrGpu(gpu: Gpu, A: unknown, b: VectorLike, options?: LsqrGpuOptions): Promise<LsqrGpuResult> {
  const o = readOptions('lsqrGpu', options, KEYS);
  gpu.check('lsqrGpu');
  const S = asCsr('lsqrGpu', A);
  const [m, n] = S.shape;
  const bv = toFloat64(b, 'b');
  if (bv.length !== m) throw new ShapeError('lsqrGpu', S.shape, bv.length);
  const shared = optTol('lsqrGpu options.tol', o.tol, 1e-6);
  const atol = optTol('lsqrGpu options.atol', o.atol, shared);
  const btol = optTol('lsqrGpu options.btol', o.btol, shared);
  const maxIter = optMaxIter(o.maxIter, 2 * (m + n), 'lsqrGpu options.maxIter');
  const innerTol = optTol('lsqrGpu options.innerTol', o.innerTol, 1e-3);
  if (!(innerTol > 0 && innerTol < 1)) throw new ArgumentError('lsqrGpu options.innerTol', innerTol, 'a number in (0, 1)');
  const maxRef = optMaxIter(o.maxRefinements, 50, 'lsqrGpu options.maxRefinements');
  const onIteration = checkCallback<LsqrGpuIterationInfo>(o.onIteration, 'lsqrGpu options.onIteration');
  const x = new Float64Array(n);
  if (o.x0 !== undefined) {
    const x0 = toFloat64(o.x0, 'x0');
    if (x0.length !== n) throw new ShapeError('lsqrGpu x0', n, x0.length);
    x.set(x0);
  }
  const T = (S as unknown as CSRMatrix).toCSC() as unknown as CompressedMatrix;
  const ST = csr({ indptr: T.indptr, indices: T.indices, data: T.data, shape: [n, m] }) as unknown as CompressedMatrix;
  const anorm = nrm2(S.data as Float64Array);
  const bnorm = nrm2(bv);
  const G = new GpuMatrix(gpu, S);
  const GT = new GpuMatrix(gpu, ST);
  const inner = new InnerLsqr(gpu, G, GT);
  await gpu.gpuTime();
  const state = () => {
    const r = spmv(S as never, x);
    for (let i = 0; i < m; i++) r[i] = bv[i]! - r[i]!;
    return { r, rn: nrm2(r), atr: spmvTransposed(S as never, r) };
  };
  let { r, rn, atr } = state();
  let arn = nrm2(atr);
  const history = [rn];
  let iterations = 0;
  let outer = 0;
  let stalls = 0;
  let reason: LsqrGpuResult['reason'] = 'maxIter';
  try {
    for (;;) {
      const xn = nrm2(x);
      if (rn <= btol * bnorm + atol * anorm * xn || arn <= atol * anorm * rn || rn === 0) { reason = 'converged'; break; }
      if (iterations >= maxIter || outer >= maxRef) break;
      // Start vectors in f64: u = r/‖r‖, v = Aᵀu/‖Aᵀu‖.
      const u = new Float32Array(m);
      for (let i = 0; i < m; i++) u[i] = r[i]! / rn;
      const alpha = arn / rn;
      if (!(alpha > 0)) { reason = 'converged'; break; }
      const v = new Float32Array(n);
      for (let j = 0; j < n; j++) v[j] = atr[j]! / arn;
      // Stop when ‖r‖ or ‖Aᵀr‖ (initially alpha) has shrunk by innerTol.
      inner.start(u, v, alpha, innerTol, innerTol * alpha);
      iterations += await inner.solve(maxIter - iterations, (h, t) => h[2 * t]! <= innerTol || h[2 * t + 1]! <= innerTol * alpha);
      const d = new Float32Array(await gpu.read(inner.x, 0, 4 * n));
      for (let j = 0; j < n; j++) x[j] = x[j]! + rn * d[j]!;
      outer++;
      const prevAr = arn;
      const prevR = rn;
      ({ r, rn, atr } = state());
      arn = nrm2(atr);
      history.push(rn);
      stalls = arn < 0.9 * prevAr || rn < (1 - 1e-12) * prevR ? 0 : stalls + 1;
      if (onIteration && onIteration({ outerIteration: outer, iterations, r1norm: rn, arnorm: arn }) === false) { reason = 'stopped'; break; }
      if (!Number.isFinite(rn) || stalls >= 2) { reason = 'breakdown'; break; }
    }
  } finally {
    inner.destroy();
    G.destroy();
    GT.destroy();
  }
  const gpuTimeMs = await gpu.gpuTime();
  return { x, converged: reason === 'converged', iterations, outerIterations: outer, history, reason, stopped: reason === 'stopped', r1norm: rn, arnorm: arn, anorm, gpuTimeMs };
}
