/**
 * The WebGPU device context: finding an adapter (`navigator.gpu`, else the optional `webgpu`
 * package in Node), the pipeline cache, and the command queue that the kernels record into.
 *
 * Kernels do not submit on their own: each product or vector operation records its dispatches, and
 * one submission (on {@link Gpu.flush}, or when a result is read back) runs everything recorded so
 * far in order. That is how products are batched: record many, read once.
 *
 * @module
 */
import { ArgumentError, SparsityError } from '../core/errors.js';
import { optChoice, optionKeys, readOptions } from '../core/options.js';
import { asCsr, type GpuDataOptions, GpuMatrix, GpuVector, requireFloat32, toF32 } from './buffers.js';
import { MAP_READ, USAGE, type WgpuAdapter, type WgpuBuffer, type WgpuDevice, type WgpuEntry, type WgpuPipeline } from './types.js';

/** Options of {@link createGpu}. */
export interface GpuOptions {
  /** Use this adapter (a `GPUAdapter`) instead of requesting one. */
  adapter?: WgpuAdapter;
  /** Passed to `requestAdapter` (default `'high-performance'`). */
  powerPreference?: 'high-performance' | 'low-power';
}

/** What {@link createGpu} found. */
export interface GpuInfo {
  /** The adapter's description (e.g. `'NVIDIA H200'`, `'llvmpipe (LLVM 15.0.6, 256 bits)'`). */
  description: string;
  /** The adapter's vendor string. */
  vendor: string;
  /** A software (fallback) adapter, e.g. Mesa's lavapipe. */
  isFallbackAdapter: boolean;
  /** `timestamp-query` is available, so results carry `gpuTimeMs`. */
  timestamps: boolean;
  /** Where the adapter came from. */
  source: 'navigator.gpu' | 'webgpu package' | 'given';
}

/** One recorded dispatch (pipeline, bind group, workgroup grid). @internal */
export interface Dispatch {
  pipeline: WgpuPipeline;
  bindGroup: unknown;
  x: number;
  y: number;
}

type Op = { kind: 'dispatch'; d: Dispatch } | { kind: 'copy'; src: WgpuBuffer; so: number; dst: WgpuBuffer; dO: number; size: number };

const GPU_KEYS = optionKeys<GpuOptions>({ adapter: true, powerPreference: true });

/** Limits worth raising to the adapter's maximum (large matrices, big workgroup tables). */
const RAISE = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage', 'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupSizeX'];

/**
 * Open a WebGPU device: `navigator.gpu` where the runtime has it (Deno, browsers), else the
 * optional `webgpu` npm package (Dawn) in Node when it is installed.
 *
 * GPU matrices and vectors are f32 (WGSL in WebGPU has no f64): see {@link Gpu.upload}. The
 * solvers ({@link cgGpu}, {@link lsqrGpu}) still reach f64 tolerances by refining on the CPU.
 *
 * @param options - {@link GpuOptions}
 * @returns the context ({@link Gpu}); call `destroy()` when done.
 * @throws {@link index!SparsityError} when there is no WebGPU implementation or no adapter.
 *
 * @example
 * ```ts webgpu
 * import { createGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * typeof gpu.info.description; // => 'string'
 * gpu.destroy();
 * ```
 */
export async function createGpu(options?: GpuOptions): Promise<Gpu> {
  const o = readOptions('createGpu', options, GPU_KEYS);
  const pp = optChoice('createGpu options.powerPreference', o.powerPreference, ['high-performance', 'low-power'] as const, 'high-performance');
  let adapter: WgpuAdapter | null = null;
  let source: GpuInfo['source'] = 'given';
  if (o.adapter !== undefined) {
    if (o.adapter === null || typeof (o.adapter as WgpuAdapter).requestDevice !== 'function') {
      throw new ArgumentError('createGpu options.adapter', o.adapter, 'a GPUAdapter');
    }
    adapter = o.adapter;
  } else {
    const entry = await findEntry();
    source = entry.source;
    adapter = await entry.gpu.requestAdapter({ powerPreference: pp });
    if (!adapter) {
      throw new SparsityError(`createGpu: WebGPU is present (${source}) but no adapter was found (no GPU driver, and no software Vulkan such as Mesa's lavapipe)`);
    }
  }
  const requiredLimits: Record<string, number> = {};
  for (const k of RAISE) if (typeof adapter.limits[k] === 'number') requiredLimits[k] = adapter.limits[k]!;
  const timestamps = adapter.features.has('timestamp-query');
  const device = await adapter.requestDevice({ requiredFeatures: timestamps ? ['timestamp-query'] : [], requiredLimits });
  const ai = adapter.info ?? {};
  const info: GpuInfo = {
    description: ai.description || ai.device || ai.vendor || 'unknown adapter',
    vendor: ai.vendor ?? '',
    isFallbackAdapter: Boolean(ai.isFallbackAdapter ?? adapter.isFallbackAdapter),
    timestamps,
    source,
  };
  return new Gpu(device, info);
}

async function findEntry(): Promise<{ gpu: WgpuEntry; source: GpuInfo['source'] }> {
  const nav = (globalThis as { navigator?: { gpu?: WgpuEntry } }).navigator;
  if (nav?.gpu) return { gpu: nav.gpu, source: 'navigator.gpu' };
  // Node: the optional `webgpu` package (Dawn bindings), if the user installed it. The name is in a
  // variable so that bundlers and the type checker leave the import alone.
  const name = 'webgpu';
  let mod: { create?: (flags: string[]) => WgpuEntry; globals?: object };
  try {
    mod = (await import(/* @vite-ignore */ name)) as typeof mod;
  } catch {
    throw new SparsityError(
      'createGpu: no WebGPU here: navigator.gpu is missing (it exists in Deno and in browsers with WebGPU) ' +
        "and the optional 'webgpu' package is not installed (in Node: npm install webgpu)",
    );
  }
  if (typeof mod.create !== 'function') throw new SparsityError("createGpu: the 'webgpu' package has no create() function");
  if (mod.globals) for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  return { gpu: mod.create([]), source: 'webgpu package' };
}

/**
 * A WebGPU device with this library's kernels: upload matrices and vectors, record products, read
 * results. Create it with {@link createGpu}.
 *
 * @example
 * ```ts webgpu
 * import { createGpu } from 'sparsity/webgpu';
 * const gpu = await createGpu();
 * const v = gpu.vector([1, 2, 3], { dtype: 'float32' });
 * Array.from(await v.read()); // => [1, 2, 3]
 * gpu.destroy();
 * gpu.destroyed; // => true
 * ```
 */
export class Gpu {
  /** The `GPUDevice`. */
  readonly device: WgpuDevice;
  /** The adapter found and its features. */
  readonly info: GpuInfo;
  private readonly pipelines = new Map<string, WgpuPipeline>();
  private ops: Op[] = [];
  private readonly timings: Promise<number>[] = [];
  private readonly querySet: { destroy(): void } | null;
  private readonly resolveBuf: WgpuBuffer | null;
  private isDestroyed = false;
  /** Largest workgroup count in one grid dimension. @internal */
  readonly maxGroups: number;

  /** @internal */
  constructor(device: WgpuDevice, info: GpuInfo) {
    this.device = device;
    this.info = info;
    this.maxGroups = device.limits.maxComputeWorkgroupsPerDimension ?? 65535;
    this.querySet = info.timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
    this.resolveBuf = info.timestamps ? device.createBuffer({ size: 16, usage: USAGE.QUERY_RESOLVE | USAGE.COPY_SRC }) : null;
    // Validation errors are asynchronous in WebGPU: keep the first and throw it at the next read.
    const target = device as unknown as { addEventListener?: (t: string, f: (e: { error?: { message?: string } }) => void) => void };
    target.addEventListener?.('uncapturederror', (e) => {
      this.deviceError ??= e.error?.message ?? 'unknown device error';
    });
  }

  private deviceError: string | undefined;

  /** True after {@link Gpu.destroy}. */
  get destroyed(): boolean {
    return this.isDestroyed;
  }

  /**
   * Copy a sparse matrix to the GPU as f32 CSR (CSC and COO are converted to CSR first). The copy
   * is a snapshot: after changing the values in place call `updateValues()` on the handle.
   *
   * @param A - a CSR, CSC or COO matrix
   * @param options - `{ dtype: 'float32' }` (required: the opt-in to f32 rounding)
   * @returns the handle ({@link GpuMatrix}).
   * @throws {@link index!ArgumentError} without `dtype: 'float32'`, for a non-sparse A, or NaN/Infinity
   *   or values beyond the f32 range.
   */
  upload(A: unknown, options?: GpuDataOptions): GpuMatrix {
    this.check('Gpu.upload');
    requireFloat32('Gpu.upload', options);
    return new GpuMatrix(this, asCsr('Gpu.upload', A));
  }

  /**
   * An f32 vector on the GPU: a copy of `values`, or `n` zeros.
   *
   * @param values - the entries (rounded to f32), or a length
   * @param options - `{ dtype: 'float32' }` (required)
   * @returns the handle ({@link GpuVector}).
   */
  vector(values: ArrayLike<number> | number, options?: GpuDataOptions): GpuVector {
    this.check('Gpu.vector');
    requireFloat32('Gpu.vector', options);
    if (typeof values === 'number') {
      if (!Number.isInteger(values) || values < 0) throw new ArgumentError('Gpu.vector n', values, 'a non-negative integer');
      const v = new GpuVector(this, values);
      this.write(v.buffer, new Float32Array(Math.max(1, values)));
      return v;
    }
    const f = toF32('values', values);
    const v = new GpuVector(this, f.length);
    this.write(v.buffer, f);
    return v;
  }

  /** Throw when the context was destroyed. @internal */
  check(what: string): void {
    if (this.isDestroyed) throw new ArgumentError(what, 'a destroyed Gpu', 'a live Gpu (create another with createGpu)');
  }

  /** A compute pipeline for WGSL `code` (entry point `main`), compiled once per source text. @internal */
  pipeline(code: string): WgpuPipeline {
    let p = this.pipelines.get(code);
    if (!p) {
      const module = this.device.createShaderModule({ code });
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      this.pipelines.set(code, p);
    }
    return p;
  }

  /** A storage buffer of `bytes` (rounded up to 4, at least 4). @internal */
  buffer(bytes: number, extra = 0): WgpuBuffer {
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const max = this.device.limits.maxStorageBufferBindingSize ?? 134217728;
    if (size > max) throw new SparsityError(`webgpu: a buffer of ${size} bytes exceeds this device's maxStorageBufferBindingSize (${max})`);
    return this.device.createBuffer({ size, usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST | extra });
  }

  /** A uniform buffer holding `words` (u32 / f32 bit patterns). @internal */
  uniform(words: ArrayLike<number>, floats: readonly number[] = []): WgpuBuffer {
    const n = Math.max(4, Math.ceil((words.length + floats.length) / 4) * 4);
    const u = new Uint32Array(n);
    u.set(words);
    new Float32Array(u.buffer).set(floats, words.length);
    // Mapped at creation: a fresh buffer needs no queue write, so recording stays unsubmitted.
    const b = this.device.createBuffer({ size: n * 4, usage: USAGE.UNIFORM | USAGE.COPY_DST, mappedAtCreation: true });
    new Uint32Array(b.getMappedRange()).set(u);
    b.unmap();
    return b;
  }

  /** A bind group of `buffers` (binding i = buffers[i]) for `pipeline`. @internal */
  bind(pipeline: WgpuPipeline, buffers: WgpuBuffer[]): unknown {
    return this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /** A dispatch of `groups` workgroups, laid out in two dimensions when over the per-dimension limit. @internal */
  dispatch(pipeline: WgpuPipeline, buffers: WgpuBuffer[], groups: number): Dispatch {
    const g = Math.max(1, groups);
    const x = Math.min(g, this.maxGroups);
    return { pipeline, bindGroup: this.bind(pipeline, buffers), x, y: Math.ceil(g / x) };
  }

  /** Record a dispatch (runs at the next submission, after everything recorded before it). @internal */
  record(d: Dispatch): void {
    this.ops.push({ kind: 'dispatch', d });
  }

  /** Record a buffer copy. @internal */
  recordCopy(src: WgpuBuffer, so: number, dst: WgpuBuffer, dO: number, size: number): void {
    this.ops.push({ kind: 'copy', src, so, dst, dO, size });
  }

  /** Write `data` into `buf` after everything recorded so far. @internal */
  write(buf: WgpuBuffer, data: ArrayBufferView, offset = 0): void {
    if (this.ops.length) this.submit();
    this.device.queue.writeBuffer(buf, offset, data);
  }

  /**
   * Submit everything recorded so far (one command buffer: one compute pass per run of dispatches,
   * copies between them). Returns at once; reads and {@link Gpu.gpuTime} wait for it.
   */
  flush(): void {
    this.check('flush');
    if (this.ops.length) this.submit();
  }

  private submit(read?: { src: WgpuBuffer; offset: number; dst: WgpuBuffer; size: number }): void {
    const enc = this.device.createCommandEncoder();
    const ops = this.ops;
    this.ops = [];
    const firstDispatch = ops.findIndex((o) => o.kind === 'dispatch');
    let lastDispatch = -1;
    for (let i = ops.length - 1; i >= 0; i--) if (ops[i]!.kind === 'dispatch') { lastDispatch = i; break; }
    const timed = this.querySet !== null && firstDispatch >= 0;
    let i = 0;
    while (i < ops.length) {
      const op = ops[i]!;
      if (op.kind === 'copy') {
        enc.copyBufferToBuffer(op.src, op.so, op.dst, op.dO, op.size);
        i++;
        continue;
      }
      let j = i;
      while (j < ops.length && ops[j]!.kind === 'dispatch') j++;
      const tw: Record<string, unknown> = { querySet: this.querySet };
      if (i === firstDispatch) tw.beginningOfPassWriteIndex = 0;
      if (j - 1 === lastDispatch) tw.endOfPassWriteIndex = 1;
      const pass = enc.beginComputePass(timed && (i === firstDispatch || j - 1 === lastDispatch) ? { timestampWrites: tw } : undefined);
      for (let k = i; k < j; k++) {
        const d = (ops[k] as { d: Dispatch }).d;
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup);
        pass.dispatchWorkgroups(d.x, d.y);
      }
      pass.end();
      i = j;
    }
    let tsRead: WgpuBuffer | null = null;
    if (timed) {
      tsRead = this.device.createBuffer({ size: 16, usage: USAGE.MAP_READ | USAGE.COPY_DST });
      enc.resolveQuerySet(this.querySet, 0, 2, this.resolveBuf!, 0);
      enc.copyBufferToBuffer(this.resolveBuf!, 0, tsRead, 0, 16);
    }
    if (read) enc.copyBufferToBuffer(read.src, read.offset, read.dst, 0, read.size);
    this.device.queue.submit([enc.finish()]);
    if (tsRead) {
      const b = tsRead;
      this.timings.push(b.mapAsync(MAP_READ).then(() => {
        const t = new BigInt64Array(b.getMappedRange().slice(0));
        b.unmap();
        b.destroy();
        const ms = Number(t[1]! - t[0]!) / 1e6;
        return ms > 0 && ms < 1e7 ? ms : 0;
      }));
    }
  }

  /**
   * Run what is recorded, wait, and return the GPU time (ms, from timestamp queries) of all the
   * submissions since the last call; `undefined` when the device has no `timestamp-query`.
   */
  async gpuTime(): Promise<number | undefined> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    const ts = this.timings.splice(0);
    if (!this.info.timestamps) return undefined;
    let s = 0;
    for (const t of await Promise.all(ts)) s += t;
    return s;
  }

  /** Forget the GPU times of earlier submissions (a solver's `gpuTimeMs` then counts its own work). @internal */
  discardTimings(): void {
    for (const t of this.timings.splice(0)) t.catch(() => 0);
  }

  /** Copy `bytes` of `buf` from `offset` to the CPU, after everything recorded so far. @internal */
  async read(buf: WgpuBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    this.check('read');
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const dst = this.device.createBuffer({ size, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    this.submit({ src: buf, offset, dst, size });
    try {
      await dst.mapAsync(MAP_READ);
    } finally {
      if (this.deviceError) throw new SparsityError(`webgpu: the device reported an error: ${this.deviceError}`);
    }
    const out = dst.getMappedRange().slice(0, bytes);
    dst.unmap();
    dst.destroy();
    return out;
  }

  /** Release the device (and with it every buffer). Idempotent. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.ops = [];
    this.querySet?.destroy();
    this.device.destroy();
  }
}
