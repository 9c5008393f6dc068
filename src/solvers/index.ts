// Public surface of solvers/ (each module adds its exports here).

export { lasso, type LassoOptions } from './glm/lasso.js';
export {
  elasticNet, type ElasticNetOptions, type ElasticNetResult, type EnetIterationInfo, type EnetSelection,
} from './glm/elastic-net.js';
export { lassoPath, type LassoPathOptions, type LassoPathResult } from './glm/lasso-path.js';
export type { DesignInput } from './glm/design.js';
export * from './sparse-regression/index.js';
