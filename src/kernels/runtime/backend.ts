/**
 * Backend selection for the hot loops: plain TypeScript (`'js'`), WebAssembly SIMD (`'wasm'`), or
 * per-operation choice by measured thresholds (`'auto'`, the default).
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';

/** Which implementation of the hot loops runs: `'js'`, `'wasm'` or `'auto'` (WASM where it is faster). */
export type Backend = 'js' | 'wasm' | 'auto';

let current: Backend = 'auto';

/**
 * Choose the implementation of the sparse kernels for the whole library.
 *
 * `'js'` runs the plain TypeScript loops; `'wasm'` runs the WebAssembly SIMD kernels wherever one
 * exists (and falls back to JS silently when WebAssembly, SIMD or shared memory is unavailable);
 * `'auto'` (the default) picks per call, using WASM only where it measured faster (large enough
 * work, matrix arrays already resident in WASM memory). Results agree to rounding across backends.
 *
 * @param backend - `'js'`, `'wasm'` or `'auto'`.
 * @throws {@link ArgumentError} for any other value.
 *
 * @example
 * ```ts
 * import { setBackend, getBackend, csr } from 'sparsity';
 * setBackend('js');
 * getBackend(); // => "js"
 * Array.from(csr([[1, 2], [0, 3]]).matvec([1, 1])); // => [3, 3]
 * setBackend('auto');
 * ```
 */
export function setBackend(backend: Backend): void {
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'auto') {
    throw new ArgumentError('backend', backend, "'js', 'wasm' or 'auto'");
  }
  current = backend;
}

/**
 * The backend chosen by {@link setBackend} (`'auto'` unless changed).
 *
 * @example
 * ```ts
 * import { getBackend } from 'sparsity';
 * getBackend(); // => "auto"
 * ```
 */
export function getBackend(): Backend {
  return current;
}

/**
 * Whether a kernel call should use WASM: never under `'js'`, always (when loaded) under `'wasm'`,
 * and under `'auto'` when `autoCondition` holds (the caller passes its measured break-even test,
 * e.g. `nnz >= 20000 && matrixAlreadyResident`). The caller still falls back to JS when
 * `getWasm()` returns null. @internal
 */
export function wantWasm(autoCondition: boolean): boolean {
  return current === 'wasm' || (current === 'auto' && autoCondition);
}
