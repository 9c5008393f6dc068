// Public surface of kernels/: backend choice, WASM loading, the worker pool, kernel info and the
// residency scope of solvers (product functions and their options live in linalg/sparse/).
export { setBackend, getBackend, type Backend } from './backend.js';
export { loadWasm } from './wasm/loader.js';
export { setThreads, getThreads, shutdown } from './threads/pool.js';
// The product option types live with the products (linalg/sparse/options.ts); this type-only
// re-export keeps `kernels/index.ts` importers compiling and will be dropped later.
export type { SpmvOptions, SpgemmOptions, DenseOperandOptions } from '../linalg/sparse/options.js';
export type { SpgemmStats } from './spgemm/spgemm.js';
export { kernelInfo, releaseKernelCache, type KernelInfo } from './info.js';
export { withResidency } from './residency.js';
