// Public surface of linalg/direct/ (sparse direct solvers and their orderings).
export { choleskySparse, SparseCholesky, type CholeskySparseOptions } from './cholesky.js';
export type { DirectRHS } from './rhs.js';
