// Public surface of solvers/completion/.
export {
  completeMatrix, type CompleteMatrixOptions, type CompleteMatrixResult, type CompleteMatrixIterationInfo,
} from './complete-matrix.js';
export type { Biases } from './biases.js';
export {
  softImpute, type SoftImputeOptions, type SoftImputeResult, type SoftImputeIterationInfo,
} from './soft-impute.js';
