// Public surface of solvers/sparse-regression/.
export type { SparseRegressionResult } from './result.js';
export { iht, type IHTOptions } from './iht.js';
export { cosamp, type CoSaMPOptions } from './cosamp.js';
export { lassoCv, type LassoCVOptions, type LassoCVResult } from './lasso-cv.js';
export {
  preconditionedLasso, type PreconditionedLassoOptions, type PreconditionedLassoResult,
} from './preconditioned-lasso.js';
export type { PreconditionerFunction } from './transforms.js';
export {
  sparseRegression, type SparseRegressionOptions, type SparseRegressionTwoPhaseResult, type PreconditionerScore,
} from './sparse-regression.js';
export {
  makeSparseRegression, type MakeSparseRegressionOptions, type SparseRegressionProblem, type SyntheticDesign,
} from './make-sparse-regression.js';
export { omp, type OMPOptions, type OMPResult, type OMPIterationInfo } from './omp.js';
