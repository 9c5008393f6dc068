// Public surface of kernels/: the runtime's controls (backend choice, WASM loading, the worker
// pool, kernel info, the residency scope of solvers). Products and their option and result types
// live in linalg/sparse/.
export { setBackend, getBackend, type Backend } from './runtime/backend.js';
export { loadWasm } from './runtime/wasm/loader.js';
export { setThreads, getThreads, shutdown } from './runtime/threads/pool.js';
export { kernelInfo, releaseKernelCache, type KernelInfo } from './runtime/info.js';
export { withResidency } from './runtime/residency.js';
