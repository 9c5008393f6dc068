/**
 * An explicit handle on a prepared least-squares design, reused across model calls on the same X.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { readOptions, optBool } from '../../core/options.js';
import { checkSampleWeight, type Design, type DesignInput, designShape, makeDesign, releaseDesign } from './design.js';

/** Options of {@link prepareDesign}: the ones that shape the working design. */
export interface PrepareDesignOptions {
  /** Centre the columns for an intercept (default true); must match the models' `fitIntercept`. */
  fitIntercept?: boolean;
  /** Per-sample weights ≥ 0 (rescaled to sum to n, as scikit-learn). */
  sampleWeight?: VectorLike;
}

// A handle dropped without release() frees its WASM copy when collected.
const finalizer = new FinalizationRegistry<Design>((d) => releaseDesign(d));

/**
 * A design prepared once by {@link prepareDesign}: pass it in place of X to {@link lassoPath},
 * {@link lasso} or {@link elasticNet}. It holds a snapshot of X's values at prepare time.
 *
 * @example
 * ```ts
 * import { lasso, prepareDesign } from 'sparsity';
 * const D = prepareDesign([[1, 0], [0, 1], [1, 1], [2, 1]], { fitIntercept: false });
 * [D.n, D.p, D.fitIntercept, D.sparse]; // => [4, 2, false, false]
 * lasso(D, [1, 2, 3, 4], { alpha: 0.1 }).intercept; // => 0
 * ```
 */
export class PreparedDesign {
  /** Samples (rows of X). */
  readonly n: number;
  /** Features (columns of X). */
  readonly p: number;
  /** Whether the columns are centred (the models fit an intercept). */
  readonly fitIntercept: boolean;
  /** Whether X was sparse (kept sparse: CSC, implicitly centred). */
  readonly sparse: boolean;
  /** @internal */
  readonly design: Design;
  /** The rescaled sample weights, or null. @internal */
  readonly weights: Float64Array | null;

  #released = false;

  /** True once {@link PreparedDesign.release} ran (the handle can no longer be used). */
  get released(): boolean {
    return this.#released;
  }

  /**
   * Free the design's copy in WASM memory now (garbage collection of the handle frees it too).
   * Idempotent; the handle cannot be used afterwards.
   */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    finalizer.unregister(this);
    releaseDesign(this.design);
  }

  /** @internal Use {@link prepareDesign}. */
  constructor(design: Design, weights: Float64Array | null, fitIntercept: boolean) {
    this.design = design;
    this.weights = weights;
    this.fitIntercept = fitIntercept;
    this.n = design.n;
    this.p = design.p;
    this.sparse = design.dense === null;
  }
}

/**
 * Prepare a design matrix once for many least-squares fits on the same X: cross-validation folds,
 * chunks of an α grid, several targets.
 *
 * Every call of {@link lassoPath}, {@link lasso} and {@link elasticNet} on a raw X validates it and
 * builds a working copy (dense: a centred, weighted column-major copy; sparse: CSC with the
 * weights folded in, the column means and squared norms): O(nnz(X)) time and a copy of X's
 * memory. Passing the handle instead of X skips that work. The handle is a **snapshot**: it copies
 * X's values (and the sparse pattern) at prepare time, so later changes to X do not reach it;
 * prepare again after changing X. The models then take `fitIntercept` and `sampleWeight` from the
 * handle (passing a different `fitIntercept`, or any `sampleWeight`, with a handle is an error).
 * Results are identical to passing X with the same options.
 *
 * Complexity: O(nnz(X)) time and memory (dense: n·p), once.
 *
 * @param X - n x p design: an `ndarray` / nested arrays, or a CSC / CSR / COO sparse matrix
 * @param options - {@link PrepareDesignOptions}
 * @returns the handle ({@link PreparedDesign})
 * @throws {@link ShapeError} when sampleWeight does not match X; {@link ArgumentError} on
 *   NaN/Infinity in X, negative weights or an unknown option.
 *
 * @example
 * ```ts
 * import { lassoPath, prepareDesign } from 'sparsity';
 * const X = [[1, 0, 1], [0, 1, 1], [1, 1, 0], [2, 1, 1], [0, 2, 1]];
 * const D = prepareDesign(X); // fitIntercept: true, as the models' default
 * const a = lassoPath(D, [1, 2, 2, 4, 3], { nAlphas: 5, tol: 1e-10 });
 * const b = lassoPath(X, [1, 2, 2, 4, 3], { nAlphas: 5, tol: 1e-10 });
 * a.coefs[4].every((w, j) => w === b.coefs[4][j]); // => true
 * const c = lassoPath(D, [2, 1, 0, 3, 1], { nAlphas: 5 }); // another target, same handle
 * c.alphas.length; // => 5
 * ```
 */
export function prepareDesign(X: DesignInput, options: PrepareDesignOptions = {}): PreparedDesign {
  const o = readOptions<PrepareDesignOptions>('prepareDesign', options, ['fitIntercept', 'sampleWeight']);
  const [n] = designShape(X);
  const fitIntercept = optBool('prepareDesign options.fitIntercept', o.fitIntercept, true);
  const weights = checkSampleWeight(o.sampleWeight, n, 'prepareDesign');
  const h = new PreparedDesign(makeDesign(X, weights, fitIntercept, true, true), weights, fitIntercept);
  finalizer.register(h, h.design, h);
  return h;
}

/**
 * The design and weights of a model call: from the handle (checking that the call's options agree
 * with it), or built from X. @internal
 */
export function designOf(
  op: string, X: DesignInput | PreparedDesign, o: { fitIntercept?: unknown; sampleWeight?: unknown },
): { d: Design; weights: Float64Array | null; fitIntercept: boolean; owned: boolean } {
  if (X instanceof PreparedDesign) {
    if (X.released) throw new ArgumentError(`${op} X`, X, 'a PreparedDesign not yet released');
    if (o.sampleWeight !== undefined) {
      throw new ArgumentError(`${op} options.sampleWeight`, o.sampleWeight, 'undefined with a PreparedDesign (its weights are given to prepareDesign)');
    }
    if (o.fitIntercept !== undefined && o.fitIntercept !== X.fitIntercept) {
      throw new ArgumentError(`${op} options.fitIntercept`, o.fitIntercept, `${X.fitIntercept} (the PreparedDesign's) or undefined`);
    }
    return { d: X.design, weights: X.weights, fitIntercept: X.fitIntercept, owned: false };
  }
  const [n] = designShape(X);
  const fitIntercept = o.fitIntercept ?? true;
  if (typeof fitIntercept !== 'boolean') throw new ArgumentError('fitIntercept', fitIntercept, 'true or false');
  const weights = checkSampleWeight(o.sampleWeight as VectorLike | undefined, n, op);
  return { d: makeDesign(X, weights, fitIntercept, false, true), weights, fitIntercept, owned: true };
}
