/**
 * Sparse linear regression on random supports, the two-phase method of Chandrasekaran, Meka and
 * Stavropoulos ("Sparse Linear Regression is Easy on Random Supports", 2025): (1) from X alone, build
 * candidate preconditioners and keep the one under which random k-sparse supports are best
 * conditioned; (2) solve the preconditioned sparse regression (a Lasso path proposing supports) and
 * refit least squares on the chosen support.
 *
 * What the implementation does, and where it departs from the paper, is written in the TSDoc of
 * {@link sparseRegression} and in docs/sparse-regression.md.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';
import { prepareRegression, withColumnStats, withResidentRows, type DesignInput } from './design.js';
import { foldColumnStatistics } from './column-statistics.js';
import { kFold } from './folds.js';
import { normalizeColumnsInPlace, pufferBasis, pufferPreconditioner } from './puffer.js';
import { noiseFactors, preconditionerScore } from './restricted-eigenvalue.js';
import { explicitColumns, implicitUnitColumns, screenSize } from './screening.js';
import type { SparseRegressionResult } from './result.js';
import { centredDense, maxRefitSupport, ratioGrid, selectRefit, type ProblemTransform, type SelectedRefit, type TransformedProblem } from './support-path.js';
import { nonzeros } from './support.js';
import { identityTransform, pufferTransform } from './transforms.js';
import { optBool, optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link sparseRegression}. */
export interface SparseRegressionOptions {
  /** Sparsity k if known: the supports scored in phase 1 have size k and phase 2 keeps supports of size ≤ k. */
  k?: number;
  /** Noise standard deviation σ if known: phase 2 then picks the support by the risk inflation criterion RSS/n + 2σ²·ln(d)·|S|/n instead of cross-validation. */
  noiseLevel?: number;
  /** Seed of the sampled supports (phase 1) and of the folds (phase 2, shuffled folds). */
  seed?: Seed;
  /**
   * Damping values τ of the candidate preconditioners F_τ = U(D² + τσ₁²)^(−1/2)Uᵀ (0 = Puffer); the
   * identity is always a candidate. Default [0, 1e-6, 1e-4, 1e-2].
   */
  candidates?: readonly number[];
  /**
   * The Puffer-family candidates (which need a thin SVD of X, O(nd·min(n, d))) are built and scored
   * only when the identity's median λ_min over the sampled supports is below this. Default 0.1.
   * 0 never whitens; a value above 1 always scores every candidate.
   */
  whitenBelow?: number;
  /** Random supports sampled per candidate in phase 1. Default 50. */
  samples?: number;
  /** Folds of the cross-validation in phase 2. Default 5. */
  cv?: number;
  /** Lasso path length. Default 50. */
  nAlphas?: number;
  /**
   * Screen features on wide designs (d > 4n): each Lasso path and OMP run (per fold and on all
   * rows) works on the 2n columns most correlated with the (transformed) response, and the Lasso's
   * optimality conditions are then checked on every column at the path's last α, violators joining
   * and the path being redone. Default true; false runs every path on all d columns.
   */
  screen?: boolean;
  /**
   * Propose spliced supports instead of OMP's: each size from the previous one by the column that
   * lowers the least-squares residual most, then single exchanges (a column of S for one outside
   * it, over all d columns) while they lower the residual, and a backward pass from the larger
   * sizes (polish.ts). O(|S|²d) per exchange. Default: on when phase 1 finds random supports
   * ill-conditioned (the identity's median λ_min below `whitenBelow`) or n·d ≤ 4·10⁵.
   */
  polish?: boolean;
  /**
   * Let the selection also keep a Lasso path point's own (shrunken) coefficients instead of a
   * least-squares refit (supports of at most k features, or n without k); the Lasso path then runs
   * on past where the refits stop, in each fold until the held-out error of its own points has
   * risen at 5 consecutive α (or its last α, or such a support), on all rows as far as every fold
   * went (later points have no CV score). Below the sample size at which the proposed supports are right, a refit
   * on a partly wrong support predicts far worse than the Lasso. Default: as `polish` (the longer
   * paths cost most on large designs); false keeps refits only.
   */
  unrefitted?: boolean;
  /** Fit an intercept. Default true. */
  fitIntercept?: boolean;
  /**
   * Lasso tolerance (scikit-learn's duality-gap rule). Default 1e-3 when the Lasso path only
   * proposes supports (`unrefitted` off: every candidate is a least-squares refit on the original
   * rows), 1e-4 when its own coefficients are candidates too.
   */
  tol?: number;
}

/** One phase-1 candidate and its score. */
export interface PreconditionerScore {
  /** 'identity', 'puffer' or 'puffer(tau=…)'. */
  name: string;
  /** Estimated smallest eigenvalue of the Gram matrix of k random normalized columns (1 is ideal). */
  score: number;
}

/** Result of {@link sparseRegression}. */
export interface SparseRegressionTwoPhaseResult extends SparseRegressionResult {
  /** The preconditioner phase 1 chose. */
  preconditioner: string;
  /** Every candidate's phase-1 score. */
  scores: PreconditionerScore[];
  /** The α (on the transformed, normalized problem) whose support was kept; NaN when OMP proposed it. */
  alpha: number;
  /** Which proposer gave the kept support: the Lasso path on the transformed problem, or the nested-size supports on X ('omp': OMP's, or the spliced ones with `polish`). */
  proposer: 'lasso' | 'omp';
  /** Whether the result is a least-squares refit on its support (false: the Lasso's own coefficients, see `unrefitted`). */
  refitted: boolean;
}

/**
 * Default Lasso tolerance where the path only proposes supports: its coefficients are not kept
 * (the refits are), so a looser gap than glm's 1e-4 suffices. abess protocol (p = 8000: 60 seeds of
 * constant 0.7, 20 of AR(1) 0.1; p = 1000: 20 of each): the same supports and ‖β̂ − β‖ to 4 digits
 * as 1e-4, with 1.1x (AR(1)) to 1.4x (constant) less CPU. Not much looser: at 3e-3 the screened
 * paths stop before a missed small true column violates optimality (3 of 20 constant-0.7 seeds lost one).
 */
const SUPPORT_TOL = 1e-3;

/** n·d up to which the splice replaces OMP by default (it scans all d columns at every size). */
const SPLICE_AUTO_SIZE = 4e5;

const KEYS = optionKeys<SparseRegressionOptions>({ unrefitted: true, screen: true, polish: true, k: true, noiseLevel: true, seed: true, candidates: true, whitenBelow: true, samples: true, cv: true, nAlphas: true, fitIntercept: true, tol: true });

/**
 * Sparse linear regression by the two-phase method for random supports.
 *
 * Phase 1 (from X alone): the identity is scored first: the median over `samples` uniformly random
 * supports S of size k of λ_min(Z_SᵀZ_S) (Z = X centred with unit columns), a Monte-Carlo estimate
 * of the restricted eigenvalue on random supports, which is what the paper's analysis needs of a
 * preconditioner. Only when that median is below `whitenBelow` (0.1: random supports are badly
 * conditioned) are the damped Puffer transforms F_τ, one per τ in `candidates`, built (one thin SVD)
 * and scored the same way on F·X, times the worst column SNR factor on S so that noise amplification
 * counts. The highest score wins; candidates within 10% of it count as tied and the mildest
 * (identity, then the largest τ) is taken, since stronger whitening amplifies noise more.
 *
 * Phase 2 proposes supports two ways: the Lasso path on (Z, F·y) (50 α, each support of size ≤ k
 * when k is given, else ≤ ⌊n/4⌋) and nested-size supports on the centred X: orthogonal matching
 * pursuit's, or, with `polish` (on by default when random supports are ill-conditioned or
 * n·d ≤ 4·10⁵), spliced ones: each size from the previous by the column that lowers the
 * least-squares residual most, then single exchanges of a column in S for one outside it (any of
 * the d columns) while one lowers the residual, then a backward pass that rebuilds each size from
 * the next larger one without its cheapest column where that fits better (local best-subset
 * search, as abess's splicing and L0Learn's swaps do; it finds a true column that a Lasso or greedy
 * path replaced by its correlated neighbour). Both stop once the support grows past 2·|Ŝ| + 10, Ŝ minimizing
 * n·ln(RSS/n) + 2·ln(d)·|S| so far: bigger supports only fit noise and are where the cost is. Each
 * proposed support is refitted by least squares on the original rows (a Cholesky factor of X_SᵀX_S
 * updated from one support to the next). The kept support is chosen by K-fold cross-validation of
 * the whole procedure (transform, proposals and refits redone on each fold's training rows) with the
 * one-standard-error rule (the smallest support whose CV error is within one standard error of the
 * least), or, when `noiseLevel` is given, by the least risk inflation criterion
 * RSS/n + 2σ²·ln(d)·|S|/n. The result is that refit, or, with `unrefitted` (on where `polish`
 * is), possibly a Lasso path point's own coefficients, which compete with the refits in the same
 * selection (the path then runs on, in each fold until their held-out error has risen at 5
 * consecutive α); `refitted` says which.
 *
 * What the paper proves and where this departs: the paper shows that for any X, a random k-sparse
 * support admits a preconditioner built from X alone that makes the prediction error ε reachable
 * with poly(k, log d, 1/ε) samples in polynomial time; its construction is a theoretical one. Here
 * the candidate family is the damped Puffer family plus the identity (not the paper's construction),
 * the conditioning is estimated by sampling rather than certified, whitening is skipped on designs
 * whose random supports are already well conditioned, OMP's or the spliced supports compete with
 * the Lasso's (the paper's phase 2 is a single preconditioned solve; the exchanges are a local
 * search on the original rows that the paper does not use), and the support is chosen by cross-validating
 * refits rather than set from the noise level and constants of the proofs; on wide designs
 * (d > 4n) the paths run on screened columns (`screen`: the 2n columns most correlated with the
 * response, grown by the columns violating the Lasso's optimality conditions at the path's last α,
 * for at most 4 rounds, each restarting the path, warm-started, at the first point where a joining
 * column violates them; OMP's choices are not checked against the unscreened columns).
 * Cost: phase 1 O(nd + samples·(nk² + k³)), plus a thin SVD O(nd·min(n, d)) when the Puffer family
 * is scored; two O(nd) passes for the column means, norms and correlations of all rows and every
 * fold (a fold's from all rows' sums minus its held-out rows'); per fold and once on all rows: one
 * O(nd) optimality check per screening round, a Lasso path cut short and at most as many OMP steps on
 * the screened columns (on all d without screening), or the splice, O(|S|²d) per forward step,
 * exchange and backward step plus O(nd) per column that enters a support, and O(n|ΔS| + |S|²) per refit.
 *
 * @param X - n x d design (dense, or sparse: densified, the transforms are dense)
 * @param y - length-n response
 * @param options - {@link SparseRegressionOptions}
 * @returns {@link SparseRegressionTwoPhaseResult}
 * @throws {@link ArgumentError} for k outside [1, d], k ≥ n, a negative τ or noise level, NaN/Infinity;
 * {@link ShapeError} when y's length is not n.
 *
 * @example
 * ```ts
 * import { sparseRegression, makeSparseRegression } from 'sparsity';
 * // 500 features, 50 of them decoys (each the sum of two others), a random 5-sparse truth.
 * const p = makeSparseRegression({ n: 150, d: 500, k: 5, design: 'decoy', noise: 0.2, seed: 1 });
 * const r = sparseRegression(p.X, p.y, { seed: 1 });
 * Array.from(r.support).join() === Array.from(p.support).join(); // => true
 * r.preconditioner; // => "identity"
 * ```
 */
export function sparseRegression(X: DesignInput, y: VectorLike, options: SparseRegressionOptions = {}): SparseRegressionTwoPhaseResult {
  options = readOptions('sparseRegression', options, KEYS);
  const yv = toFloat64(y, 'y');
  let p = prepareRegression(X, yv, options.fitIntercept ?? true);
  // Column norms and correlations of all rows and (from the held-out rows) of every fold: phase 1
  // and the identity's paths start from them.
  // The folds of the cross-validation (selectRefit draws the same ones): their held-out rows'
  // column sums make all rows' in the same pass.
  const testRows = options.noiseLevel === undefined ? kFold(p.design.n, options.cv ?? 5, options.seed).map((f) => f.test) : undefined;
  const stats = foldColumnStatistics(p, yv, testRows);
  if (stats) p = withColumnStats(p, stats.all);
  const { n, d } = p.design;
  const k = options.k === undefined ? undefined : checkPositiveInt('k', options.k, d);
  if (k !== undefined && k >= n) throw new ArgumentError('k', k, `an integer below the number of samples (${n})`);
  const sigma = options.noiseLevel === undefined ? undefined : checkNumber('noiseLevel', options.noiseLevel, 0);
  const taus = (options.candidates ?? [0, 1e-6, 1e-4, 1e-2]).map((t, i) => checkNumber(`candidates[${i}]`, t, 0));
  const samples = checkPositiveInt('samples', options.samples ?? 50);
  const tolOption = options.tol === undefined ? undefined : checkNumber('tol', options.tol, 0);
  const seed = options.seed;
  const whitenBelow = options.whitenBelow === undefined ? 0.1 : checkNumber('whitenBelow', options.whitenBelow, 0);
  const kScore = k ?? Math.max(1, Math.min(10, Math.floor(n / 4), d));

  // Phase 1: candidates from X alone, mildest first, scored on the whole design. The Puffer family
  // (an SVD of X) is built only when the identity's random supports are ill-conditioned.
  const rngFor = (i: number) => createRng(seed === undefined ? i : `${seed}:${i}`);
  const id = preconditionerScore(implicitUnitColumns(p), null, kScore, samples, rngFor(0));
  const scores: PreconditionerScore[] = [{ name: 'identity', score: id.score }];
  let transform: ProblemTransform = identityTransform;
  let transformed: TransformedProblem | undefined;
  if (id.lambda < whitenBelow && taus.length > 0) {
    const basis = pufferBasis(centredDense(p));
    const sorted = [...taus].sort((a, b) => b - a);
    const cands = sorted.map((t, i) => {
      const F = pufferPreconditioner(basis, t);
      const unit = { X: F.X, norms: normalizeColumnsInPlace(F.X) };
      const sc = preconditionerScore(explicitColumns(unit.X, unit.norms), F.noise ? noiseFactors(unit.X, F.noise) : null, kScore, samples, rngFor(i + 1)).score;
      scores.push({ name: F.name, score: sc });
      return { F, unit, tau: t, score: sc };
    });
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]!.score > scores[best]!.score) best = i;
    let chosen = best;
    for (let i = 0; i < best; i++) {
      if (scores[i]!.score >= 0.9 * scores[best]!.score) {
        chosen = i;
        break;
      }
    }
    if (chosen > 0) {
      const c = cands[chosen - 1]!;
      transform = pufferTransform(c.tau);
      transformed = { Z: c.unit.X, z: c.F.apply(p.y), norms: c.unit.norms, name: c.F.name };
    }
  }

  // Phase 2: the Lasso on the chosen transform proposes supports; refits on the original rows decide.
  const unrefitted = optBool('sparseRegression options.unrefitted', options.unrefitted, id.lambda < whitenBelow || n * d <= SPLICE_AUTO_SIZE);
  const tol = tolOption ?? (unrefitted ? 1e-4 : SUPPORT_TOL);
  const settings = {
    transform, ratios: ratioGrid(checkPositiveInt('nAlphas', options.nAlphas ?? 50), 1e-3),
    fitIntercept: options.fitIntercept ?? true, tol, maxIter: 1000, maxSupport: k ?? maxRefitSupport(n, d), refit: true, omp: true,
    screen: optBool('sparseRegression options.screen', options.screen, true),
    polish: optBool('sparseRegression options.polish', options.polish, id.lambda < whitenBelow || n * d <= SPLICE_AUTO_SIZE),
    unrefitted: unrefitted ? k ?? n : 0,
  };
  // Screened paths check every column once per round (Xᵀr over all d): on rows in WASM memory.
  const rows = settings.screen && screenSize(n, d) < d ? withResidentRows(p) : null;
  let sel: SelectedRefit;
  try {
    sel = selectRefit(X, yv, settings, sigma === undefined
      ? { kind: 'cv', folds: options.cv ?? 5, oneStandardError: true, ...(seed === undefined ? {} : { seed }) }
      : { kind: 'ric', sigma }, transformed, { prepared: rows?.prepared ?? p, stats });
  } finally {
    rows?.release();
  }
  const w = sel.coef;
  return {
    coef: w, intercept: sel.intercept, support: nonzeros(w), converged: Number.isFinite(sel.scores[sel.index]!),
    iterations: sel.points, history: Array.from(sel.scores), preconditioner: sel.name, scores, alpha: sel.alpha, proposer: sel.proposer, refitted: sel.refitted,
  };
}
