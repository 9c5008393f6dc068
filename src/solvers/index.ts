/**
 * `solvers/`: algorithms from the research literature, one folder per family (`bcd/`, `glm/`,
 * `sparse-regression/`, `completion/`, `sbl/`). Public surface: each family appends its exports
 * here.
 *
 * What belongs here: an optimization or estimation method with its own iteration (block coordinate
 * descent, IRLS, proximal methods, ...), built from the layers below. What does not: a general
 * factorization, Krylov method, sketch or product. Those go to `linalg/`, `sketch/` or `kernels/`
 * (in their own file, with tests), and the solver calls them: never a second dot product, QR,
 * Cholesky or CG.
 *
 * The kit a family reuses:
 * - options: `readOptions(fn, options, optionKeys<MyOptions>({ ... }))` from `core/options.ts`
 *   rejects unknown keys (with a suggestion) and accepts `null`/`undefined`; `checkNumber`,
 *   `checkPositiveInt` (`core/array.ts`) check each value with an `ArgumentError` naming it.
 * - the calling convention `fn(problem..., { tol, maxIter, seed, onIteration })`: the result
 *   extends `IterativeResult` (`converged`, `iterations`, `history`, `reason`, `stopped`) and
 *   non-convergence is `converged: false`, never an exception; `checkCallback` validates
 *   `onIteration`, `askStop(onIteration, info)` calls it and says whether it asked to stop, and
 *   `iterativeResult(reason, iterations, history)` fills the shared fields.
 * - randomness: `createRng(seed)` (`core/rng.ts`): bit-identical streams on every runtime.
 * - linear algebra: `cg`, `lsqr`, `eigsh`, `LinearOperator` / `aslinearoperator`
 *   (`linalg/iterative/`); `qr`, `cholesky`, `eigh`, `svd`, `lstsq`, triangular solves
 *   (`linalg/dense/`); sparse products `spmv`, `spgemm`, `sparseDense` (`linalg/sparse/`);
 *   sketches (`sketch/`).
 * - long methods as named stages over an explicit state object (see `ot/sns-stages.ts`), not one
 *   long body with closures that mutate outer variables.
 * - tests in `test/solvers/<family>/` against an oracle (scikit-learn, glmnet, SciPy through
 *   `test/helpers/python.ts`, or hand computations), with fixed seeds.
 *
 * @module
 */

// glm/ and bcd/
export { lasso, type LassoOptions } from './glm/lasso.js';
export {
  elasticNet, type ElasticNetOptions, type ElasticNetResult, type EnetIterationInfo, type EnetSelection,
} from './glm/elastic-net.js';
export { lassoPath, type LassoPathOptions, type LassoPathResult } from './glm/lasso-path.js';
export { prepareDesign, PreparedDesign, type PrepareDesignOptions } from './glm/prepared-design.js';
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
export { multinomialProblem, type MultinomialProblemOptions } from './bcd/multinomial.js';
export { labelPropagationProblem, type LabelPropagationProblem } from './bcd/label-propagation.js';
export { bcdLeastSquaresData, latticeGraph } from './bcd/datasets.js';
export type { BcdPartition } from './bcd/partitions.js';
export type { BcdSelection } from './bcd/selection.js';
export type { BcdUpdate } from './bcd/updates.js';

// sparse-regression/
export * from './sparse-regression/index.js';

// sbl/
export * from './sbl/index.js';

// completion/
export * from './completion/index.js';
