/**
 * The public face of per-call residency: a scope in which products share one WASM copy of each
 * matrix (see `wasm/resident.ts` for the three lifetimes of a copy).
 *
 * @module
 */
import { withResidency as scope } from './wasm/resident.js';

/**
 * Run `fn` (synchronously) with the matrices it multiplies copied into WASM memory once and
 * reused by every product inside, then freed when `fn` returns: what `cg`, `lsqr`, `eigsh` and
 * `randomizedSvd` do around their iterations. For a solver written on top of this library whose
 * matrix does not change during the call. Nested scopes join the outermost one.
 *
 * Outside a scope every product copies (or runs in JS) per call, so results always reflect the
 * current values; across calls use `pin(A)`. Do not change a matrix's values inside a scope.
 * O(1) plus the copies, O(nnz) once per matrix.
 *
 * @param fn - the computation (its return value is returned).
 * @throws whatever `fn` throws (the copies are freed first).
 *
 * @example
 * ```ts
 * import { csr, spmv, withResidency } from 'sparsity';
 * const A = csr([[2, 0], [1, 1]]);
 * const y = withResidency(() => {
 *   let x = Float64Array.of(1, 1);
 *   for (let it = 0; it < 3; it++) x = spmv(A, x); // A copied at most once
 *   return x;
 * });
 * Array.from(y); // => [8, 8]
 * ```
 */
export function withResidency<T>(fn: () => T): T {
  return scope(fn);
}
