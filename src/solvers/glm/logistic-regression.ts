/**
 * L1 / L2 / elastic-net logistic regression (binary and multinomial) by proximal Newton with
 * coordinate descent on each quadratic model, scikit-learn's objective.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { checkPenaltyFactor, type Design, type DesignInput, designMatvec, designShape, makeDesign, releaseDesign } from './design.js';
import { solveBinaryWorkingSet } from './logistic-working-set.js';
import { log1pExp, logSumExp, sigmoid } from './logistic-loss.js';
import { lineSearch, newtonDirection, optimalityViolation, type Penalty, penaltyValue } from './prox-newton.js';
import { readOptions, optBool, optChoice } from '../../core/options.js';

/** What `onIteration` receives after each Newton iteration of {@link logisticRegression}. */
export interface LogisticIterationInfo {
  /** Newton iterations so far. */
  iteration: number;
  /** Objective value. */
  objective: number;
  /** Largest violation of the optimality conditions (min-norm subgradient, ∞-norm). */
  optimality: number;
}

/** Options of {@link logisticRegression} (scikit-learn's `LogisticRegression` in camelCase, plus glmnet's `penaltyFactor`). */
export interface LogisticRegressionOptions {
  /** `'l2'` (default), `'l1'`, `'elasticnet'` or `'none'`. */
  penalty?: 'l1' | 'l2' | 'elasticnet' | 'none';
  /** Inverse regularization strength C > 0 (default 1): the loss is multiplied by C. */
  C?: number;
  /** Elastic-net mix in [0, 1], required with `penalty: 'elasticnet'`. */
  l1Ratio?: number;
  /** Fit an unpenalized intercept (default true). */
  fitIntercept?: boolean;
  /** Stop when the optimality violation ≤ tol × its value at the start (default 1e-4). */
  tol?: number;
  /** Limit on Newton iterations (default 100). */
  maxIter?: number;
  /** Per-sample weights ≥ 0 multiplying each sample's loss (as scikit-learn, not rescaled). */
  sampleWeight?: VectorLike;
  /** Per-feature penalty factors ≥ 0 (glmnet's `penalty.factor`). */
  penaltyFactor?: VectorLike;
  /** Constrain the coefficients to be ≥ 0. */
  positive?: boolean;
  /** `'auto'` (default: binary for two classes, multinomial for more), `'binary'` or `'multinomial'`. */
  multiClass?: 'auto' | 'binary' | 'multinomial';
  /**
   * Called after every Newton iteration (binary with an L1 term: after every check of the full
   * problem, which follows one or more Newton iterations on a working set); return `false` to stop.
   */
  onIteration?: (info: LogisticIterationInfo) => boolean | void;
}

/** Result of {@link logisticRegression}. */
export interface LogisticRegressionResult {
  /** Coefficient rows: one (for classes[1]) in the binary case, one per class for multinomial. */
  coef: Float64Array[];
  /** Intercepts, one per coefficient row. */
  intercept: Float64Array;
  /** The sorted distinct labels. */
  classes: Float64Array;
  /** C·Σ sᵢ·logloss + penalty at the result. */
  objective: number;
  /** Final optimality violation (∞-norm of the min-norm subgradient, intercept included). */
  optimality: number;
  /** The tolerance on `optimality` was met. */
  converged: boolean;
  /** Newton iterations done. */
  iterations: number;
  /** Objective before the first iteration and after each. */
  history: number[];
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Class probabilities of new samples: one row (length = number of classes) per sample. */
  predictProba(X: DesignInput): Float64Array[];
  /** Most probable class label of each new sample. */
  predict(X: DesignInput): Float64Array;
}

const KEYS = ['penalty', 'C', 'l1Ratio', 'fitIntercept', 'tol', 'maxIter', 'sampleWeight', 'penaltyFactor', 'positive', 'multiClass', 'onIteration'] as const;

/**
 * Logistic regression with scikit-learn's objective, solved by proximal Newton (glmnet's method).
 *
 * Binary (labels of two classes, the larger one coded 1): minimizes
 * C·Σᵢ sᵢ·log(1 + exp(−ỹᵢ(xᵢᵀw + b))) + R(w) with ỹᵢ = ±1; multinomial (more classes): C·Σᵢ sᵢ·
 * (log Σₖ exp(zᵢₖ) − zᵢ,yᵢ) + Σₖ R(wₖ), zᵢₖ = xᵢᵀwₖ + bₖ. R is ½‖w‖² (`'l2'`), ‖w‖₁ (`'l1'`),
 * ρ‖w‖₁ + ½(1 − ρ)‖w‖² (`'elasticnet'`, ρ = l1Ratio) or 0, each term scaled by the penalty factor;
 * intercepts are not penalized. Each iteration minimizes the penalized second-order model by
 * coordinate descent (on each class in turn for multinomial) and takes an Armijo step.
 *
 * Complexity: O(nnz(X)) per coordinate-descent sweep; a handful of sweeps per Newton iteration,
 * and Newton converges superlinearly near the optimum. Sparse X is never densified.
 *
 * @param X - n x p design: an `ndarray` / nested arrays, or a CSC / CSR / COO sparse matrix
 * @param y - class labels (any numbers), length n
 * @param options - {@link LogisticRegressionOptions}
 * @returns {@link LogisticRegressionResult} with `predictProba` / `predict`
 * @throws {@link ShapeError} on mismatched lengths; {@link ArgumentError} on NaN/Infinity, C ≤ 0,
 *   l1Ratio outside [0, 1], fewer than two classes (or not two with `multiClass: 'binary'`), an
 *   unknown penalty or option.
 *
 * @example
 * ```ts
 * import { logisticRegression } from 'sparsity';
 * const X = [[0, 1], [1, 1], [2, 0], [3, 1], [4, 0], [5, 1]];
 * const fit = logisticRegression(X, [0, 0, 1, 0, 1, 1], { C: 10, tol: 1e-10 });
 * fit.converged; // => true
 * fit.coef[0][0] > 0; // => true
 * Array.from(fit.predict([[0, 1], [5, 0]])); // => [0, 1]
 * ```
 */
export function logisticRegression(X: DesignInput, y: VectorLike, options: LogisticRegressionOptions = {}): LogisticRegressionResult {
  const o = readOptions<Record<string, unknown>>('logisticRegression', options as Record<string, unknown> | undefined, KEYS);
  const penalty = optChoice('penalty', o.penalty, ['l1', 'l2', 'elasticnet', 'none'] as const, 'l2');
  const C = o.C === undefined ? 1 : checkNumber('C', o.C, 0, Infinity, true);
  let l1Ratio = 0;
  if (penalty === 'elasticnet') {
    if (o.l1Ratio === undefined) throw new ArgumentError('l1Ratio', undefined, "a number in [0, 1] (required with penalty 'elasticnet')");
    l1Ratio = checkNumber('l1Ratio', o.l1Ratio, 0, 1);
  } else if (o.l1Ratio !== undefined) checkNumber('l1Ratio', o.l1Ratio, 0, 1);
  const fitIntercept = optBool('fitIntercept', o.fitIntercept, true);
  const tol = o.tol === undefined ? 1e-4 : checkNumber('tol', o.tol, 0);
  const maxIter = o.maxIter === undefined ? 100 : checkPositiveInt('maxIter', o.maxIter);
  const positive = optBool('positive', o.positive, false);
  const multiClass = optChoice('multiClass', o.multiClass, ['auto', 'binary', 'multinomial'] as const, 'auto');
  const cb = o.onIteration;
  if (cb !== undefined && typeof cb !== 'function') throw new ArgumentError('onIteration', cb, 'a function (info) => boolean | void');

  const [n, p] = designShape(X);
  const labels = toFloat64(y, 'y');
  if (labels.length !== n) throw new ShapeError('logisticRegression', n, labels.length, 'do not match (X rows vs y length)');
  const classes = Float64Array.from(new Set(labels)).sort();
  const K = classes.length;
  if (K < 2) throw new ArgumentError('y', `labels of ${K} class${K === 1 ? '' : 'es'}`, 'labels of at least two classes');
  if (multiClass === 'binary' && K !== 2) throw new ArgumentError('y', `labels of ${K} classes`, "exactly two classes with multiClass 'binary'");
  const weights = new Float64Array(n).fill(C);
  if (o.sampleWeight !== undefined) {
    const sw = toFloat64(o.sampleWeight as VectorLike, 'sampleWeight');
    if (sw.length !== n) throw new ShapeError('logisticRegression', n, sw.length, 'do not match (X rows vs sampleWeight length)');
    for (let i = 0; i < n; i++) {
      if (sw[i]! < 0) throw new ArgumentError(`sampleWeight[${i}]`, sw[i], 'a finite number ≥ 0');
      weights[i] = C * sw[i]!;
    }
  }
  const pf = checkPenaltyFactor(o.penaltyFactor as VectorLike | undefined, p, 'logisticRegression');
  const pen: Penalty = {
    l1: penalty === 'l1' ? 1 : penalty === 'elasticnet' ? l1Ratio : 0,
    l2: penalty === 'l2' ? 1 : penalty === 'elasticnet' ? 1 - l1Ratio : 0,
    pf,
    positive,
  };
  const d = makeDesign(X, null, false);
  const cls = new Int32Array(n);
  for (let i = 0; i < n; i++) cls[i] = classes.indexOf(labels[i]!);
  const rows = multiClass === 'multinomial' || K > 2 ? K : 1;
  let fit: LogisticFit;
  try {
    // Binary with an L1 term: working sets (sparse solutions); otherwise full proximal Newton.
    fit = rows === 1 && pen.l1 > 0 ? binaryWorkingSet(d, cls, weights, pen, fitIntercept, tol, maxIter, cb as LogisticRegressionOptions['onIteration'])
      : solveLogistic(d, cls, weights, pen, rows, fitIntercept, tol, maxIter, cb as LogisticRegressionOptions['onIteration']);
  } finally {
    releaseDesign(d);
  }
  const predictProba = (Xn: DesignInput): Float64Array[] => probabilities(Xn, p, fit.W, fit.b, rows, K);
  return {
    coef: fit.W,
    intercept: fit.b,
    classes,
    objective: fit.objective,
    optimality: fit.optimality,
    converged: fit.converged,
    iterations: fit.iterations,
    history: fit.history,
    stopped: fit.stopped,
    predictProba,
    predict: (Xn: DesignInput) => Float64Array.from(predictProba(Xn), (row) => classes[argmax(row)]!),
  };
}

function argmax(a: Float64Array): number {
  let best = 0;
  for (let k = 1; k < a.length; k++) if (a[k]! > a[best]!) best = k;
  return best;
}

/** Class probabilities of the rows of Xn. */
function probabilities(Xn: DesignInput, p: number, W: Float64Array[], b: Float64Array, rows: number, K: number): Float64Array[] {
  const d = makeDesign(Xn, null, false);
  if (d.p !== p) throw new ShapeError('predictProba', [d.n, d.p], p, 'do not match (feature counts differ)');
  const z = new Float64Array(d.n);
  const Z: Float64Array[] = [];
  for (let k = 0; k < rows; k++) {
    designMatvec(d, W[k]!, z);
    Z.push(Float64Array.from(z, (v) => v + b[k]!));
  }
  const out: Float64Array[] = [];
  const tmp = new Float64Array(rows);
  for (let i = 0; i < d.n; i++) {
    if (rows === 1) {
      const q = sigmoid(Z[0]![i]!);
      out.push(Float64Array.of(1 - q, q));
      continue;
    }
    for (let k = 0; k < K; k++) tmp[k] = Z[k]![i]!;
    const lse = logSumExp(tmp, 0, K);
    out.push(Float64Array.from(tmp, (v) => Math.exp(v - lse)));
  }
  return out;
}

function binaryWorkingSet(
  d: Design, cls: Int32Array, sw: Float64Array, pen: Penalty, intercept: boolean, tol: number, maxIter: number, cb: LogisticRegressionOptions['onIteration'],
): LogisticFit {
  const f = solveBinaryWorkingSet(d, cls, sw, pen, intercept, tol, maxIter, cb);
  return { ...f, W: [f.w], b: Float64Array.of(f.b) };
}

type LogisticFit = Pick<LogisticRegressionResult, 'objective' | 'optimality' | 'converged' | 'iterations' | 'history' | 'stopped'> & {
  W: Float64Array[];
  b: Float64Array;
};

/**
 * Proximal Newton over `rows` coefficient blocks (1: binary with classes[1] coded 1; K: softmax,
 * one class block at a time with its diagonal Hessian block, glmnet's partial Newton).
 */
function solveLogistic(
  d: Design, cls: Int32Array, sw: Float64Array, pen: Penalty, rows: number, intercept: boolean, tol: number, maxIter: number,
  cb: LogisticRegressionOptions['onIteration'],
): LogisticFit {
  const n = d.n;
  const p = d.p;
  const K = rows;
  const W = Array.from({ length: K }, () => new Float64Array(p));
  const b = new Float64Array(K);
  const Z = new Float64Array(n * K); // margins, row-major n x K
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const grad = new Float64Array(p);
  const lossAt = (Zc: Float64Array): number => {
    let s = 0;
    if (K === 1) {
      for (let i = 0; i < n; i++) s += sw[i]! * (log1pExp(Zc[i]!) - (cls[i] === 1 ? Zc[i]! : 0));
    } else {
      for (let i = 0; i < n; i++) s += sw[i]! * (logSumExp(Zc, i * K, K) - Zc[i * K + cls[i]!]!);
    }
    return s;
  };
  const penAll = (): number => W.reduce((s, w) => s + penaltyValue(pen, w), 0);
  /** g, h of block k at the current margins. */
  const derivatives = (k: number): void => {
    for (let i = 0; i < n; i++) {
      let q: number;
      if (K === 1) q = sigmoid(Z[i]!);
      else q = Math.exp(Z[i * K + k]! - logSumExp(Z, i * K, K));
      const t = (K === 1 ? cls[i] === 1 : cls[i] === k) ? 1 : 0;
      g[i] = sw[i]! * (q - t);
      h[i] = Math.max(sw[i]! * q * (1 - q), 1e-12 * sw[i]!);
    }
  };
  const violationAll = (): number => {
    let worst = 0;
    for (let k = 0; k < K; k++) {
      derivatives(k);
      worst = Math.max(worst, optimalityViolation(d, pen, W[k]!, g, intercept, grad));
    }
    return worst;
  };
  let objective = lossAt(Z) + penAll();
  const history = [objective];
  let viol = violationAll();
  const target = tol * Math.max(viol, Number.MIN_VALUE);
  let iterations = 0;
  let stopped = false;
  const zk = new Float64Array(n * K);
  while (viol > target && iterations < maxIter) {
    iterations++;
    let progress = false;
    for (let k = 0; k < K; k++) {
      derivatives(k);
      const w = W[k]!;
      const step = newtonDirection(d, pen, w, intercept, g, h, 0.05 * viol, 50);
      // A model decrease at the rounding level of the objective still carries a useful step.
      if (!(step.decrease < 1e-13 * Math.abs(objective))) continue;
      const penOthers = penAll() - penaltyValue(pen, w);
      const wt = new Float64Array(p);
      const F = (t: number): number => {
        zk.set(Z);
        for (let i = 0; i < n; i++) zk[i * K + k] = Z[i * K + k]! + t * step.u[i]!;
        for (let j = 0; j < p; j++) wt[j] = w[j]! + t * step.dw[j]!;
        return lossAt(zk) + penaltyValue(pen, wt) + penOthers;
      };
      const ls = lineSearch(F, objective, step.decrease);
      if (ls.t === 0) continue;
      for (let i = 0; i < n; i++) Z[i * K + k] = Z[i * K + k]! + ls.t * step.u[i]!;
      for (let j = 0; j < p; j++) w[j] = w[j]! + ls.t * step.dw[j]!;
      b[k] = b[k]! + ls.t * step.db;
      objective = lossAt(Z) + penAll();
      progress = true;
    }
    history.push(objective);
    viol = violationAll();
    if (cb && cb({ iteration: iterations, objective, optimality: viol }) === false) {
      stopped = true;
      break;
    }
    if (!progress) break;
  }
  return { W, b, objective, optimality: viol, converged: viol <= target, iterations, history, stopped };
}
