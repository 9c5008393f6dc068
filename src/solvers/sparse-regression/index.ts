// Public surface of solvers/sparse-regression/.
export type { DesignInput } from './design.js';
export type { SparseRegressionResult } from './result.js';
export { iht, type IHTOptions } from './iht.js';
export { cosamp, type CoSaMPOptions } from './cosamp.js';
export {
  makeSparseRegression, type MakeSparseRegressionOptions, type SparseRegressionProblem, type SyntheticDesign,
} from './make-sparse-regression.js';
