// Public surface of solvers/completion/.
export {
  completeMatrix, type CompleteMatrixOptions, type CompleteMatrixResult, type CompleteMatrixIterationInfo,
} from './complete-matrix.js';
export type { Biases } from './biases.js';
export {
  softImpute, type SoftImputeOptions, type SoftImputeResult, type SoftImputeIterationInfo,
} from './soft-impute.js';
export { readRatings, type Ratings, type RatingsFormat, type ReadRatingsOptions } from './read-ratings.js';
export { movieLensLike, type MovieLensLike, type MovieLensLikeOptions } from './movielens-like.js';
