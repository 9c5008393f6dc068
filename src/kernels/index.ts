// Public surface of kernels/: backend choice, WASM loading, the worker pool, product options.
export { setBackend, getBackend, type Backend } from './backend.js';
export { loadWasm } from './wasm/loader.js';
export { setThreads, getThreads, shutdown } from './threads/pool.js';
export type { SpmvOptions, SpgemmOptions, DenseOperandOptions } from './options.js';
export type { SpgemmStats } from './spgemm/spgemm.js';
export { kernelInfo, releaseKernelCache, type KernelInfo } from './info.js';
export { withResidency } from './residency.js';
