// Public surface of solvers/ (each module adds its exports here).

export { lasso, type LassoOptions } from './glm/lasso.js';
export {
  elasticNet, type ElasticNetOptions, type ElasticNetResult, type EnetIterationInfo, type EnetSelection,
} from './glm/elastic-net.js';
export { lassoPath, type LassoPathOptions, type LassoPathResult } from './glm/lasso-path.js';
export type { DesignInput } from './glm/design.js';
export {
  logisticRegression, type LogisticRegressionOptions, type LogisticRegressionResult, type LogisticIterationInfo,
} from './glm/logistic-regression.js';
export {
  bcd, type BcdOptions, type BcdResult, type BcdIterationInfo,
} from './bcd/bcd.js';
export {
  leastSquaresProblem, logisticProblem, quadraticProblem, type BcdProblem, type BcdProblemOptions,
} from './bcd/problems.js';
export { labelPropagationProblem, type LabelPropagationProblem } from './bcd/label-propagation.js';
export { bcdLeastSquaresData, latticeGraph } from './bcd/datasets.js';
export type { BcdPartition } from './bcd/partitions.js';
export type { BcdSelection } from './bcd/selection.js';
export type { BcdUpdate } from './bcd/updates.js';
