// Public surface of solvers/sbl/: sparse Bayesian learning, Kronecker-structured SBL, Kronecker OMP.
export { sbl, type SBLOptions } from './sbl.js';
export { kroSbl, type KroSBLOptions } from './kro-sbl.js';
export { kroOmp, type KroOMPOptions, type KroOMPResult } from './kro-omp.js';
export type { SBLResult, SBLIterationInfo, SBLCommonOptions } from './common.js';
