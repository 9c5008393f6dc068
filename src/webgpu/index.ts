/**
 * `sparsity/webgpu`: sparse products and iterative solvers on the GPU through WebGPU (Deno,
 * browsers, and Node with the optional `webgpu` package). A separate entry, so that the main entry
 * stays synchronous and GPU-free. See `docs/webgpu.md`.
 *
 * @module
 */
export { createGpu, Gpu, type GpuInfo, type GpuOptions } from './context.js';
export { GpuMatrix, GpuVector, type GpuDataOptions } from './buffers.js';
export { gpuSpmv, gpuSpmm, type GpuSpmvOptions, type GpuSpmmOptions } from './spmv.js';
export { gpuAxpy, gpuDot, gpuNrm2, gpuSum } from './blas1.js';
export { cgGpu, type CgGpuOptions, type CgGpuResult, type CgGpuIterationInfo } from './cg.js';
export { lsqrGpu, type LsqrGpuOptions, type LsqrGpuResult, type LsqrGpuIterationInfo } from './lsqr.js';
export { sinkhornGpu, type SinkhornGpuOptions, type SinkhornGpuResult, type SinkhornGpuIterationInfo } from './sinkhorn.js';
export { gpuSpgemm, type GpuSpgemmOptions, type GpuSpgemmResult } from './spgemm.js';
