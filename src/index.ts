/**
 * `sparsity`: sparse linear algebra and optimization in pure TypeScript.
 *
 * Runtime-agnostic entry point (no `fs`, no `process`); file helpers live in `sparsity/node`.
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './formats/index.js';
export * from './kernels/index.js';
export * from './linalg/index.js';
export * from './sketch/index.js';
export * from './ot/index.js';
export * from './solvers/index.js';
export * from './plot/index.js';
