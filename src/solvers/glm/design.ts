/**
 * The design matrix as the coordinate-descent models see it: columns, weighted and (optionally)
 * centred, without ever densifying a sparse X.
 *
 * Column j of the working design is x̃ⱼ = sⱼ − μⱼ·v, where v = √sw (all ones without sample
 * weights), sⱼ = diag(v)·xⱼ is stored (dense: column-major and already centred, so μ = 0; sparse:
 * CSC with the weights folded into the values) and μⱼ is the weighted column mean, kept apart so
 * that a sparse X stays sparse (the implicit centring of scikit-learn).
 *
 * The residual r = ỹ − X̃w is kept as r = rs + c·v with a scalar c, and T = vᵀrs is tracked, so
 * that x̃ⱼᵀr = sⱼᵀrs − μⱼ·T (the c terms cancel because vᵀsⱼ = μⱼ‖v‖²) and a coordinate update
 * costs O(nnz(xⱼ)) even with centring.
 *
 * @module
 * @internal
 */
import { assertFinite, toFloat64, type VectorLike } from '../../core/array.js';
import { denseTranspose } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, CSCMatrix, CSRMatrix, COOMatrix, type DenseInput, type SparseMatrix } from '../../formats/index.js';
import { denseSparse } from '../../linalg/index.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';
import { matvecDense } from '../../linalg/dense/matvec.js';
import { gemvRowsWasm } from '../../kernels/dense/gemm.js';
import { AUTO_RESIDENT_LENGTH, allocF64, discardF64, isResidentF64 } from '../../kernels/runtime/memory.js';
import { getWasm, type WasmFn } from '../../kernels/runtime/wasm/loader.js';
import { wantWasm } from '../../kernels/runtime/backend.js';

/** A design matrix accepted by the models: dense (ndarray, nested arrays) or sparse (CSC, CSR, COO). */
export type DesignInput = DenseInput | SparseMatrix;

/** The prepared design. @internal */
export interface Design {
  /** Samples. */
  readonly n: number;
  /** Features. */
  readonly p: number;
  /** Column-major centred, weighted values (dense X), else null. */
  readonly dense: Float64Array | null;

  /** CSC arrays of the weighted values (sparse X), else null. */
  readonly indptr: Int32Array | null;
  readonly indices: Int32Array | null;
  readonly data: Float64Array | null;
  /** The same sparse values as a CSCMatrix (for whole products Xᵀr), else null. */
  readonly S: CSCMatrix | null;
  /** μⱼ applied implicitly (sparse X with centring), zeros otherwise. */
  readonly mu: Float64Array;
  /** True when some μⱼ ≠ 0 (sparse centring active). */
  readonly centred: boolean;
  /** v = √sw, or all ones. */
  readonly v: Float64Array;
  /** ‖v‖² (= Σ sw). */
  readonly vv: number;
  /** Weighted column means of the raw X (zeros without centring): the intercept is ȳ − xMeanᵀw. */
  readonly xMean: Float64Array;
  /** ‖x̃ⱼ‖². */
  readonly colSq: Float64Array;
  /**
   * The WASM SIMD dot and axpy, and the dense epoch kernel, when `dense` lives in WASM memory
   * (makeDesign's `resident`): a residual from {@link allocResidual} is then read and updated in
   * place by them.
   */
  readonly simd: SimdKernels | null;
  /**
   * A sparse design's CSC arrays copied into WASM memory for the epoch kernel, made on first use by
   * {@link cscKernel} (undefined: not tried yet; null: not available). Freed by {@link releaseDesign}.
   */
  kernel?: CscKernel | null;
}

/** Byte offsets of a sparse design's arrays in WASM memory, and the epoch kernel. @internal */
export interface CscKernel {
  /** `enet_epoch_csc`, `csc_scatter`, `csc_gemv_t` and `csc_gemv_t_at` of assembly/cd.ts. */
  readonly epoch: WasmFn;
  readonly scatter: WasmFn;
  readonly gemvT: WasmFn;
  readonly gemvTAt: WasmFn;
  /** Output of `gemvT` and `gemvTAt` (length p, in the block). */
  readonly out: Float64Array;
  /** The columns of a `gemvTAt` call (length p, in the block). */
  readonly cols: Int32Array;
  /** The one WASM block holding the arrays below (free it to release them). */
  readonly block: Float64Array;
  readonly indptr: number;
  readonly indices: number;
  readonly data: number;
  readonly colSq: number;
  readonly mu: number;
}

/** Rows and columns of a design input, checking its type. @internal */
export function designShape(X: unknown): readonly [number, number] {
  if (X instanceof CSCMatrix || X instanceof CSRMatrix || X instanceof COOMatrix) return [X.shape[0], X.shape[1]];
  const d = asDenseMatrix(X as DenseInput, 'X', true);
  return [d.rows, d.cols];
}

/**
 * Build the working design. `weights` (already normalized as the model wants) may be null;
 * `center` subtracts the weighted column means (for an intercept). A sparse design shares a CSC
 * input's pattern arrays unless `ownPattern` (a snapshot that outlives the call copies them).
 * @throws ArgumentError on NaN/Infinity in X or a bad X type. @internal
 */
export function makeDesign(X: DesignInput, weights: Float64Array | null, center: boolean, ownPattern = false, resident = false): Design {
  let v: Float64Array;
  if (X instanceof CSCMatrix || X instanceof CSRMatrix || X instanceof COOMatrix) {
    const A = X instanceof CSCMatrix ? X : X.toCSC();
    const [n, p] = A.shape;
    assertFinite(A.data, 'X.data');
    v = new Float64Array(n);
    if (weights) for (let i = 0; i < n; i++) v[i] = Math.sqrt(weights[i]!);
    else v.fill(1);
    const vv = weights ? weights.reduce((s, w) => s + w, 0) : n;
    const copy = ownPattern && A === X;
    const indptr = copy ? A.indptr.slice() : A.indptr;
    const indices = copy ? A.indices.slice() : A.indices;
    // Without weights the values are X's own: shared like the pattern (nothing writes a design's
    // values), which saves a copy of nnz values (8 MB at 10^6 entries: about 25 ms of first-touch
    // page faults on the bench machine, against 3 ms for the pass itself).
    const data = weights || copy ? new Float64Array(A.indptr[p]!) : A.data;
    const mu = new Float64Array(p);
    const colSq = new Float64Array(p);
    weightColumns(indptr, indices, A.data, v, center && vv > 0 ? vv : 0, data, mu, colSq);
    const centred = mu.some((m) => m !== 0);
    const S = new CSCMatrix({ indptr, indices, data, shape: [n, p] });
    return { n, p, dense: null, indptr, indices, data, S, mu, centred, v, vv, xMean: mu.slice(), colSq, simd: null };
  }
  // Finiteness is checked in the centring pass below rather than by a pass of its own.
  const D = asDenseMatrix(X as DenseInput, 'X', true);
  const n = D.rows;
  const p = D.cols;
  v = new Float64Array(n);
  if (weights) for (let i = 0; i < n; i++) v[i] = Math.sqrt(weights[i]!);
  else v.fill(1);
  const vv = weights ? weights.reduce((s, w) => s + w, 0) : n;
  const xMean = new Float64Array(p);
  const src = D.data;
  if (center && vv > 0) {
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const o = i * p;
      for (let j = 0; j < p; j++) xMean[j] = xMean[j]! + w * src[o + j]!;
    }
    for (let j = 0; j < p; j++) xMean[j] = xMean[j]! / vv;
  }
  // Column-major copy (the transpose's rows are X's columns), written straight into its final
  // buffer (in WASM memory when asked and the WASM kernels are in use: the coordinate updates and
  // Xᵀr then run on the SIMD kernels without copies), then centred and weighted in place.
  const wasm = resident ? getWasm() : null;
  const dense = wasm ? allocF64(n * p, false, AUTO_RESIDENT_LENGTH) : new Float64Array(n * p);
  denseTranspose(D, dense);
  const simd = wasm && isResidentF64(dense) ? simdKernels(wasm) : null;
  // One pass per column: centre, weight, and sum the squares. A NaN or ±Infinity in X makes its
  // column's sum non-finite (so does overflow of finite values, which assertFinite lets through).
  const colSq = new Float64Array(p);
  let finite = true;
  for (let j = 0; j < p; j++) {
    const o = j * n;
    const m = xMean[j]!;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = (dense[o + i]! - m) * v[i]!;
      dense[o + i] = x;
      ss += x * x;
    }
    colSq[j] = ss;
    if (ss - ss !== 0) finite = false;
  }
  if (!finite) {
    try {
      assertFinite(src, 'X');
    } catch (e) {
      if (simd) discardF64(dense);
      throw e;
    }
  }
  return { n, p, dense, indptr: null, indices: null, data: null, S: null, mu: new Float64Array(p), centred: false, v, vv, xMean, colSq, simd };
}

/**
 * data = the CSC values times vᵢ (not written when data is src, which v = 1 leaves as it is), with
 * each column's weighted mean μⱼ = Σ xv/vv (0 when vv = 0: no centring) and centred square norm.
 */
function weightColumns(
  indptr: Int32Array, indices: Int32Array, src: Float64Array, v: Float64Array, vv: number, data: Float64Array, mu: Float64Array, colSq: Float64Array,
): void {
  const p = mu.length;
  const write = data !== src;
  for (let j = 0; j < p; j++) {
    let s = 0;
    let ss = 0;
    for (let k = indptr[j]!, e = indptr[j + 1]!; k < e; k++) {
      const i = indices[k]!;
      const x = src[k]! * v[i]!;
      if (write) data[k] = x;
      s += x * v[i]!;
      ss += x * x;
    }
    const m = vv > 0 ? s / vv : 0;
    mu[j] = m;
    colSq[j] = Math.max(ss - m * m * vv, 0);
  }
}

/** The WASM kernels of a resident dense design: `dot`, `axpy` and `enet_epoch_dense` (assembly/cd.ts). @internal */
export interface SimdKernels {
  readonly dot: WasmFn;
  readonly axpy: WasmFn;
  readonly epoch: WasmFn;
}

/**
 * One {@link SimdKernels} object per WASM instance, shared by every design: a fresh object per
 * design made V8 generalize the field types of the hot loops' objects on the second call in a
 * process and throw away their optimized code (the second 72 x 7129 path ran as slowly as the first).
 * @internal
 */
export function simdKernels(wasm: NonNullable<ReturnType<typeof getWasm>>): SimdKernels {
  let s = simdShared.get(wasm);
  if (!s) {
    s = { dot: wasm.fn('dot'), axpy: wasm.fn('axpy'), epoch: wasm.fn('enet_epoch_dense') };
    simdShared.set(wasm, s);
  }
  return s;
}
const simdShared = new WeakMap<object, SimdKernels>();

/** x̃ⱼᵀr for the residual r = rs + c·v, given T = vᵀrs. @internal */
export function columnDot(d: Design, j: number, rs: Float64Array, T: number): number {
  if (d.dense) {
    if (d.simd && isResidentF64(rs)) return d.simd.dot(d.dense.byteOffset + j * d.n * 8, rs.byteOffset, d.n);
    return dotAt(d.n, d.dense, j * d.n, rs, 0);
  }
  const ip = d.indptr!;
  const ix = d.indices!;
  const dv = d.data!;
  let s = 0;
  for (let k = ip[j]!, e = ip[j + 1]!; k < e; k++) s += dv[k]! * rs[ix[k]!]!;
  return s - d.mu[j]! * T;
}

/**
 * out[j] = x̃ⱼᵀr for the m columns j = cols[k] (r = rs + c·v, T = vᵀrs): {@link columnDot}'s
 * values, in one WASM call (csc_gemv_t_at) when a sparse design's kernel copy and rs are in WASM
 * memory (2-4x cheaper per entry than the JS loop on the 20000 x 50000 design). @internal
 */
export function columnDots(d: Design, cols: Int32Array, m: number, rs: Float64Array, T: number, out: Float64Array): void {
  const k = d.kernel;
  if (k && isResidentF64(rs)) {
    k.cols.set(cols.subarray(0, m));
    k.gemvTAt(k.indptr, k.indices, k.data, k.cols.byteOffset, m, rs.byteOffset, k.out.byteOffset);
    const g = k.out;
    const mu = d.mu;
    for (let q = 0; q < m; q++) {
      const j = cols[q]!;
      out[j] = g[j]! - mu[j]! * T;
    }
    return;
  }
  for (let q = 0; q < m; q++) {
    const j = cols[q]!;
    out[j] = columnDot(d, j, rs, T);
  }
}

/**
 * rs += a·sⱼ (the stored part of column j); the caller updates T by −a·μⱼ‖v‖² and c by a·μⱼ
 * (see the module comment). @internal
 */
export function columnAxpy(d: Design, j: number, a: number, rs: Float64Array): void {
  if (d.dense) {
    if (d.simd && isResidentF64(rs)) {
      if (a !== 0) d.simd.axpy(a, d.dense.byteOffset + j * d.n * 8, rs.byteOffset, d.n);
    } else axpyAt(d.n, a, d.dense, j * d.n, rs, 0);
    return;
  }
  const ip = d.indptr!;
  const ix = d.indices!;
  const dv = d.data!;
  for (let k = ip[j]!, e = ip[j + 1]!; k < e; k++) rs[ix[k]!] = rs[ix[k]!]! + a * dv[k]!;
}

/** out = X̃ᵀr for all columns (r = rs + c·v, T = vᵀrs): O(nnz(X)). @internal */
export function fullGradient(d: Design, rs: Float64Array, T: number, out: Float64Array): Float64Array {
  // p column dots of length n on the column-major copy (measured faster than n row axpys on the
  // row-major layout: 0.43 vs 0.55 ms at 72 x 7129, 38 vs 54 ms at 1000 x 10000).
  // A resident design and residual: the SIMD row-block kernel (rs addressed relative to the design).
  if (d.dense && d.simd && isResidentF64(rs) && gemvRowsWasm(true, d.p, d.n, d.dense, 0, (rs.byteOffset - d.dense.byteOffset) / 8, out)) return out;
  if (d.dense) return matvecDense({ rows: d.p, cols: d.n, data: d.dense }, rs, out);
  // A residual in WASM memory beside the epoch kernel's copy of the design: the same sums in WASM.
  const k = d.kernel;
  let g: Float64Array;
  if (k && isResidentF64(rs)) {
    k.gemvT(k.indptr, k.indices, k.data, d.p, rs.byteOffset, k.out.byteOffset);
    g = k.out;
  } else g = denseSparse(rs, d.S!);
  if (d.centred) for (let j = 0; j < d.p; j++) out[j] = g[j]! - d.mu[j]! * T;
  else out.set(g);
  return out;
}

/**
 * The WASM copy of a sparse design's arrays for the coordinate-descent epoch kernel, made once per
 * design (O(nnz)) and cached on it; null for a dense design, when the WASM kernels are not in use,
 * or (under the 'auto' backend) when the design is too small for the copy to pay. @internal
 */
export function cscKernel(d: Design): CscKernel | null {
  if (d.kernel !== undefined) return d.kernel;
  d.kernel = null;
  if (!d.indptr || !wantWasm(d.data!.length >= AUTO_RESIDENT_LENGTH)) return null;
  const wasm = getWasm();
  if (!wasm) return null;
  const p = d.p;
  const nnz = d.data!.length;
  // Sections in doubles, each a whole number of 16-byte units: indptr and indices are int32.
  const even = (k: number): number => k + (k & 1);
  const sizes = [even(p + 1) / 2, even(nnz) / 2, even(nnz), even(p), even(p), even(p), even(p) / 2];
  const block = allocF64(sizes.reduce((a, b) => a + b, 0), false, 0);
  if (!isResidentF64(block)) return null;
  const offs: number[] = [];
  let o = block.byteOffset;
  for (const k of sizes) {
    offs.push(o);
    o += k * 8;
  }
  const buf = block.buffer;
  new Int32Array(buf, offs[0]!, p + 1).set(d.indptr);
  new Int32Array(buf, offs[1]!, nnz).set(d.indices!);
  new Float64Array(buf, offs[2]!, nnz).set(d.data!);
  new Float64Array(buf, offs[3]!, p).set(d.colSq);
  new Float64Array(buf, offs[4]!, p).set(d.mu);
  // The object fields are filled after creation with nulls (as working-set.ts's epochBuffers):
  // V8 then types them as "any object" from the first design on. Made with the values directly,
  // their field types were generalized on the next design in the process, which deoptimized the
  // driver functions reading the kernel.
  const none = null as unknown as Float64Array;
  const k: { -readonly [K in keyof CscKernel]: CscKernel[K] } = {
    epoch: none as unknown as WasmFn, scatter: none as unknown as WasmFn, gemvT: none as unknown as WasmFn, gemvTAt: none as unknown as WasmFn,
    out: none, cols: none as unknown as Int32Array, block: none, indptr: offs[0]!, indices: offs[1]!, data: offs[2]!, colSq: offs[3]!, mu: offs[4]!,
  };
  k.epoch = wasm.fn('enet_epoch_csc');
  k.scatter = wasm.fn('csc_scatter');
  k.gemvT = wasm.fn('csc_gemv_t');
  k.gemvTAt = wasm.fn('csc_gemv_t_at');
  k.out = new Float64Array(buf, offs[5]!, p);
  k.cols = new Int32Array(buf, offs[6]!, p);
  k.block = block;
  d.kernel = k;
  return k;
}

/** Free a design's WASM memory (its resident dense copy, its sparse kernel copy); no-op otherwise. @internal */
export function releaseDesign(d: Design): void {
  if (d.simd) discardF64(d.dense!);
  if (d.kernel) discardF64(d.kernel.block);
  d.kernel = null;
}

/**
 * A residual vector of length n for `d`: in WASM memory when the design is (so the SIMD kernels
 * update it in place), else ordinary. Free it with {@link freeResident}. @internal
 */
export function allocResidual(d: Design): Float64Array {
  return d.simd || d.kernel ? allocF64(d.n, false, 0) : new Float64Array(d.n);
}

/** Free a residual from {@link allocResidual}, or a design's `dense` in WASM memory (no-op otherwise). @internal */
export function freeResident(a: Float64Array): void {
  discardF64(a);
}

/** Validate and copy y (finite, length n). @internal */
export function checkTarget(y: VectorLike, n: number, op: string): Float64Array {
  const t = toFloat64(y, 'y');
  if (t.length !== n) throw new ShapeError(op, n, t.length, 'do not match (X rows vs y length)');
  return t;
}

/**
 * Validate sample weights (finite, ≥ 0, length n, positive sum) and rescale them to sum to n, as
 * scikit-learn's linear models do. Returns null when none were given. @internal
 */
export function checkSampleWeight(sw: VectorLike | undefined, n: number, op: string): Float64Array | null {
  if (sw === undefined) return null;
  const w = toFloat64(sw, 'sampleWeight');
  if (w.length !== n) throw new ShapeError(op, n, w.length, 'do not match (X rows vs sampleWeight length)');
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (w[i]! < 0) throw new ArgumentError(`sampleWeight[${i}]`, w[i], 'a finite number ≥ 0');
    s += w[i]!;
  }
  if (!(s > 0)) throw new ArgumentError('sampleWeight', w, 'weights with a positive sum');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (w[i]! * n) / s;
  return out;
}

/** Validate glmnet's per-feature penalty factors (finite, ≥ 0, length p); ones by default. @internal */
export function checkPenaltyFactor(pf: VectorLike | undefined, p: number, op: string): Float64Array {
  if (pf === undefined) return new Float64Array(p).fill(1);
  const f = toFloat64(pf, 'penaltyFactor');
  if (f.length !== p) throw new ShapeError(op, p, f.length, 'do not match (X columns vs penaltyFactor length)');
  for (let j = 0; j < p; j++) if (f[j]! < 0) throw new ArgumentError(`penaltyFactor[${j}]`, f[j], 'a finite number ≥ 0');
  return f;
}

/** Σᵢ xᵢⱼ·hᵢ·uᵢ over column j of the stored values (no centring; used by the Newton models). @internal */
export function columnDotWeighted(d: Design, j: number, h: Float64Array, u: Float64Array): number {
  if (d.dense) {
    const X = d.dense;
    const n = d.n;
    const o = j * n;
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += X[o + i]! * h[i]! * u[i]!;
      s1 += X[o + i + 1]! * h[i + 1]! * u[i + 1]!;
    }
    if (i < n) s0 += X[o + i]! * h[i]! * u[i]!;
    return s0 + s1;
  }
  const ip = d.indptr!;
  const ix = d.indices!;
  const dv = d.data!;
  let s = 0;
  for (let k = ip[j]!, e = ip[j + 1]!; k < e; k++) {
    const i = ix[k]!;
    s += dv[k]! * h[i]! * u[i]!;
  }
  return s;
}

/** out[j] = Σᵢ hᵢ·xᵢⱼ² for every column (no centring). O(nnz). @internal */
export function columnSqWeighted(d: Design, h: Float64Array, out: Float64Array): Float64Array {
  if (d.dense) {
    const X = d.dense;
    const n = d.n;
    for (let j = 0; j < d.p; j++) {
      const o = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += h[i]! * X[o + i]! * X[o + i]!;
      out[j] = s;
    }
    return out;
  }
  const ip = d.indptr!;
  const ix = d.indices!;
  const dv = d.data!;
  for (let j = 0; j < d.p; j++) {
    let s = 0;
    for (let k = ip[j]!, e = ip[j + 1]!; k < e; k++) s += h[ix[k]!]! * dv[k]! * dv[k]!;
    out[j] = s;
  }
  return out;
}

/** z = X·w (no centring), O(nnz(w's columns)). @internal */
export function designMatvec(d: Design, w: Float64Array, z: Float64Array): Float64Array {
  z.fill(0);
  for (let j = 0; j < d.p; j++) if (w[j] !== 0) columnAxpy(d, j, w[j]!, z);
  return z;
}
