/**
 * The few WebGPU types this backend uses, declared structurally so that the library compiles
 * without `@webgpu/types` (the DOM lib is not in this project's `lib`). They match the W3C WebGPU
 * IDL for the members used; a real `GPUDevice` from Deno, a browser or the `webgpu` package fits.
 *
 * @module
 * @internal
 */

/** @internal */
export interface WgpuBuffer {
  readonly size: number;
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

/** @internal */
export interface WgpuComputePass {
  setPipeline(p: unknown): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

/** @internal */
export interface WgpuEncoder {
  beginComputePass(d?: unknown): WgpuComputePass;
  copyBufferToBuffer(src: WgpuBuffer, so: number, dst: WgpuBuffer, dO: number, size: number): void;
  clearBuffer(b: WgpuBuffer, offset?: number, size?: number): void;
  resolveQuerySet(q: unknown, first: number, count: number, dst: WgpuBuffer, offset: number): void;
  finish(): unknown;
}

/** @internal */
export interface WgpuPipeline {
  getBindGroupLayout(i: number): unknown;
}

/** @internal */
export interface WgpuQueue {
  submit(cbs: unknown[]): void;
  writeBuffer(b: WgpuBuffer, offset: number, data: ArrayBufferView | ArrayBuffer, dataOffset?: number, size?: number): void;
  onSubmittedWorkDone(): Promise<void>;
}

/** A `GPUDevice` (structural: the members this backend calls). */
export interface WgpuDevice {
  readonly queue: WgpuQueue;
  readonly features: { has(name: string): boolean };
  readonly limits: Record<string, number>;
  readonly lost?: Promise<unknown>;
  createBuffer(d: { size: number; usage: number; mappedAtCreation?: boolean; label?: string }): WgpuBuffer;
  createShaderModule(d: { code: string; label?: string }): unknown;
  createComputePipeline(d: unknown): WgpuPipeline;
  createBindGroup(d: { layout: unknown; entries: { binding: number; resource: { buffer: WgpuBuffer; offset?: number; size?: number } }[] }): unknown;
  createCommandEncoder(d?: unknown): WgpuEncoder;
  createQuerySet(d: { type: string; count: number }): { destroy(): void };
  pushErrorScope?(filter: string): void;
  popErrorScope?(): Promise<{ message: string } | null>;
  destroy(): void;
}

/** A `GPUAdapter` (structural: the members this backend calls). */
export interface WgpuAdapter {
  readonly features: { has(name: string): boolean; [Symbol.iterator]?(): Iterator<string> };
  readonly limits: Record<string, number>;
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
  requestDevice(d?: { requiredFeatures?: string[]; requiredLimits?: Record<string, number> }): Promise<WgpuDevice>;
}

/** `navigator.gpu` (structural). */
export interface WgpuEntry {
  requestAdapter(o?: { powerPreference?: string }): Promise<WgpuAdapter | null>;
}

/** GPUBufferUsage flags (numeric, as in the spec, so no global is needed). @internal */
export const USAGE = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
  QUERY_RESOLVE: 0x0200,
} as const;

/** GPUMapMode.READ. @internal */
export const MAP_READ = 0x0001;
