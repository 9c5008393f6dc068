// Public surface of linalg/: sparse products and operations, dense factorizations, iterative solvers.
export * from './sparse/index.js';
export * from './dense/index.js';
export * from './iterative/index.js';
export * from './direct/index.js';
