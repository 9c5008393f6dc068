// Public surface of ot/: entropic optimal transport (Sinkhorn, Sinkhorn-Newton-Sparse) and costs.
export type { EntropicOptions } from './options.js';
export { pairwiseCost, gridCost, type CostMetric, type PairwiseCostOptions, type GridCostOptions } from './costs.js';
export type { EpsilonScalingOptions } from './epsilon-scaling.js';
export { sinkhorn, type SinkhornOptions, type SinkhornResult, type SinkhornIterationInfo } from './sinkhorn.js';
export {
  sinkhornNewtonSparse,
  type SinkhornNewtonSparseOptions,
  type SinkhornNewtonSparseResult,
  type SNSIterationInfo,
  type SNSConjugateGradientOptions,
  type SNSLineSearchOptions,
} from './sns.js';
export { wassersteinEntropic, type WassersteinEntropicOptions, type WassersteinEntropicResult } from './wasserstein.js';
