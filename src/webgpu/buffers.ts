/**
 * GPU-resident data as explicit handles: f32 vectors ({@link GpuVector}) and f32 CSR matrices
 * ({@link GpuMatrix}).
 *
 * A handle is a copy taken at upload time, like a `pin` of the CPU kernels: products on the GPU
 * read the copy, and after changing the CPU values in place the caller refreshes it with
 * `updateValues()` (or uploads again). Nothing is cached implicitly, so a GPU copy never silently
 * outlives a change of the CPU data it came from: the only GPU copies are the handles the caller
 * holds. `destroy()` frees the GPU memory at once.
 *
 * @module
 */
import { ArgumentError, ShapeError, SparsityError } from '../core/errors.js';
import { optionKeys, readOptions } from '../core/options.js';
import type { CompressedMatrix } from '../formats/compressed.js';
import { isSparse, type SparseMatrix } from '../formats/factories.js';
import type { Gpu } from './context.js';
import type { WgpuBuffer } from './types.js';

/** Options of {@link Gpu.upload} and {@link Gpu.vector}. */
export interface GpuDataOptions {
  /**
   * Required: `'float32'`, the only element type of WebGPU storage (WGSL has no f64). Naming it is
   * the caller's acknowledgement that values are rounded to f32 (about 7 significant digits).
   */
  dtype?: 'float32';
}

const DATA_KEYS = optionKeys<GpuDataOptions>({ dtype: true });

/** Check the dtype opt-in. @internal */
export function requireFloat32(fn: string, options: GpuDataOptions | undefined): void {
  const o = readOptions(fn, options, DATA_KEYS);
  if (o.dtype !== 'float32') {
    throw new ArgumentError(`${fn} options.dtype`, o.dtype, "'float32' (WebGPU has no f64: pass { dtype: 'float32' } to accept f32 rounding)");
  }
}

/** Round finite values to f32, rejecting NaN, ±Infinity and values beyond the f32 range. @internal */
export function toF32(name: string, v: ArrayLike<number>): Float32Array {
  // Typed inputs convert natively; NaN, ±Infinity and values beyond the f32 range all show up as
  // non-finite f32 values, so one scan of the result finds them.
  const typed = ArrayBuffer.isView(v) && !(v instanceof DataView);
  const out = typed ? new Float32Array(v as unknown as ArrayLike<number>) : Float32Array.from(v);
  for (let i = 0; i < out.length; i++) {
    const y = out[i]!;
    if (y - y !== 0 || (!typed && typeof v[i] !== 'number')) throw new ArgumentError(`${name}[${i}]`, v[i], 'a finite number within the f32 range (±3.4e38)');
  }
  return out;
}

/**
 * An f32 vector on the GPU, from {@link Gpu.vector} or returned by a GPU product.
 *
 * @example
 * ```ts webgpu
 * import { createGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const v = gpu.vector(new Float64Array([0.5, -2]), { dtype: 'float32' });
 * v.length; // => 2
 * v.write([3, 4]);
 * Array.from(await v.read()); // => [3, 4]
 * v.destroy();
 * gpu.destroy();
 * ```
 */
export class GpuVector {
  /** The context it lives on. */
  readonly gpu: Gpu;
  /** Number of entries. */
  readonly length: number;
  /** Always `'float32'`. */
  readonly dtype = 'float32' as const;
  /** @internal */
  readonly buffer: WgpuBuffer;
  private isDestroyed = false;

  /** @internal */
  constructor(gpu: Gpu, length: number, buffer?: WgpuBuffer) {
    this.gpu = gpu;
    this.length = length;
    this.buffer = buffer ?? gpu.buffer(4 * length);
  }

  /** True after {@link GpuVector.destroy}. */
  get destroyed(): boolean {
    return this.isDestroyed;
  }

  /** Throw when destroyed. @internal */
  check(what: string): void {
    this.gpu.check(what);
    if (this.isDestroyed) throw new ArgumentError(what, 'a destroyed GpuVector', 'a live GpuVector');
  }

  /** Overwrite the entries (rounded to f32), after the work recorded so far. */
  write(values: ArrayLike<number>): void {
    this.check('GpuVector.write');
    if (values.length !== this.length) throw new ShapeError('GpuVector.write', [this.length], [values.length]);
    this.gpu.write(this.buffer, toF32('values', values));
  }

  /** Run the recorded work and copy the entries back. */
  async read(): Promise<Float32Array> {
    this.check('GpuVector.read');
    return new Float32Array(await this.gpu.read(this.buffer, 0, 4 * this.length));
  }

  /** Free the GPU memory. Idempotent. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.buffer.destroy();
  }
}

/**
 * A CSR matrix on the GPU in f32 (indices u32), from {@link Gpu.upload}: a copy of the CPU matrix
 * at upload time. After changing the CPU matrix's values in place call `updateValues()`; a new
 * sparsity pattern needs a new upload.
 *
 * @example
 * ```ts webgpu
 * import { csr } from 'sparsity';
 * import { createGpu, gpuSpmv } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const A = csr([[1, 2], [0, 3]]);
 * const G = gpu.upload(A, { dtype: 'float32' });
 * G.nnz; // => 3
 * A.data[0] = 5;
 * G.updateValues();            // the GPU copy follows the change
 * const y = await gpuSpmv(G, gpu.vector([1, 1], { dtype: 'float32' })).read();
 * Array.from(y); // => [7, 3]
 * G.destroy();
 * gpu.destroy();
 * ```
 */
export class GpuMatrix {
  /** The context it lives on. */
  readonly gpu: Gpu;
  /** The CPU matrix it was uploaded from (CSR, or the CSR conversion of a CSC/COO input). */
  readonly source: CompressedMatrix;
  /** [rows, cols]. */
  readonly shape: readonly [number, number];
  /** Stored entries. */
  readonly nnz: number;
  /** Always `'float32'`. */
  readonly dtype = 'float32' as const;
  /** Row pointers (CPU copy, u32), used to plan SpGEMM. @internal */
  readonly indptr: Uint32Array;
  /** @internal */
  readonly indptrBuf: WgpuBuffer;
  /** @internal */
  readonly indicesBuf: WgpuBuffer;
  /** @internal */
  readonly dataBuf: WgpuBuffer;
  /** Longest row (entries). */
  readonly maxRowLength: number;
  private isDestroyed = false;

  /** @internal */
  constructor(gpu: Gpu, source: CompressedMatrix) {
    const [m, n] = source.shape;
    if (m >= 2 ** 31 || n >= 2 ** 31 || source.nnz >= 2 ** 31) throw new SparsityError('Gpu.upload: dimensions and nnz must be below 2^31');
    this.gpu = gpu;
    this.source = source;
    this.shape = [m, n];
    this.nnz = source.nnz;
    this.indptr = new Uint32Array(source.indptr);
    let longest = 0;
    for (let i = 0; i < m; i++) longest = Math.max(longest, this.indptr[i + 1]! - this.indptr[i]!);
    this.maxRowLength = longest;
    this.indptrBuf = gpu.buffer(4 * (m + 1));
    this.indicesBuf = gpu.buffer(4 * this.nnz);
    this.dataBuf = gpu.buffer(4 * this.nnz);
    gpu.write(this.indptrBuf, this.indptr);
    // The indices of a validated CompressedMatrix are non-negative: their i32 bytes are the u32 ones.
    gpu.write(this.indicesBuf, source.indices.subarray(0, this.nnz));
    gpu.write(this.dataBuf, toF32('data', source.data.subarray(0, this.nnz)));
  }

  /** True after {@link GpuMatrix.destroy}. */
  get destroyed(): boolean {
    return this.isDestroyed;
  }

  /** Throw when destroyed. @internal */
  check(what: string): void {
    this.gpu.check(what);
    if (this.isDestroyed) throw new ArgumentError(what, 'a destroyed GpuMatrix', 'a live GpuMatrix (upload the matrix again)');
  }

  /**
   * Copy the source matrix's current values to the GPU (after changing `source.data` in place);
   * with `data` (length nnz), first write those values into `source.data`. O(nnz).
   * @throws {@link index!ArgumentError} on a wrong length, NaN/Infinity, or a destroyed handle.
   */
  updateValues(data?: ArrayLike<number>): void {
    this.check('GpuMatrix.updateValues');
    if (data !== undefined) {
      if (data === null || typeof data !== 'object' || data.length !== this.nnz) throw new ArgumentError('data', data, `an array of length nnz = ${this.nnz}`);
      const f = toF32('data', data);
      this.source.data.set(data);
      this.gpu.write(this.dataBuf, f);
      return;
    }
    this.gpu.write(this.dataBuf, toF32('data', this.source.data.subarray(0, this.nnz)));
  }

  /** Free the GPU memory. Idempotent. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.indptrBuf.destroy();
    this.indicesBuf.destroy();
    this.dataBuf.destroy();
  }
}

/** The CSR form of a sparse matrix for upload. @internal */
export function asCsr(fn: string, A: unknown): CompressedMatrix {
  if (!isSparse(A)) throw new ArgumentError(`${fn} A`, A, 'a sparse matrix (CSR, CSC or COO)');
  const S = A as SparseMatrix;
  return (S.format === 'csr' ? S : S.toCSR()) as unknown as CompressedMatrix;
}
