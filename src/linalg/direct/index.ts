// Public surface of linalg/direct/ (sparse direct solvers and their orderings).
export { choleskySparse, SparseCholesky, type CholeskySparseOptions } from './cholesky.js';
export { splu, SparseLU, type SpluOptions, type LUOrdering } from './lu.js';
export { spsolve } from './spsolve.js';
export { factorized, type FactorizedOptions, type FactorizedSolve, type DirectMethod } from './factorized.js';
export type { DirectRHS } from './rhs.js';
