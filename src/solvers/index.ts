// Public surface of solvers/ (each module adds its exports here).
export {};
export * from './sparse-regression/index.js';
export * from './sbl/index.js';
