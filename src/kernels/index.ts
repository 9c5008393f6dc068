// Public surface of kernels/: backend choice, WASM loading, the worker pool.
export { setBackend, getBackend, type Backend } from './backend.js';
export { loadWasm } from './wasm/loader.js';
