// Public surface of solvers/sparse-regression/.
export { omp, type OMPOptions, type OMPResult, type OMPIterationInfo } from './omp.js';
