/**
 * Input checks of the OT routines: marginals (non-negative, finite, equal mass 1 or normalised)
 * and the cost matrix (shape n x m, finite).
 *
 * @module
 * @internal
 */
import { toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../formats/dense.js';
import { type EntropicOptions, resolveEta } from './options.js';

/** Largest allowed |Σa − 1|, |Σb − 1| and |Σa − Σb| when `normalize` is off. @internal */
export const MASS_TOL = 1e-8;

/** A validated OT problem: marginals, row-major cost and η. @internal */
export interface OTProblem {
  /** Number of rows (length of a). */
  readonly n: number;
  /** Number of columns (length of b). */
  readonly m: number;
  /** Source marginal (non-negative, sums to ~1). */
  readonly a: Float64Array;
  /** Target marginal. */
  readonly b: Float64Array;
  /** Cost, row-major n x m (never modified). */
  readonly C: Float64Array;
  /** Inverse regularisation. */
  readonly eta: number;
}

function checkMarginal(v: VectorLike, name: string, normalize: boolean): Float64Array {
  const x = toFloat64(v, name);
  if (x.length === 0) throw new ArgumentError(name, v, 'a non-empty vector of non-negative weights');
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const w = x[i]!;
    if (w < 0) throw new ArgumentError(`${name}[${i}]`, w, 'a non-negative weight');
    s += w;
  }
  if (normalize) {
    if (!(s > 0) || !Number.isFinite(s)) throw new ArgumentError(name, v, 'weights with a positive finite sum');
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i]! / s;
    return out;
  }
  if (Math.abs(s - 1) > MASS_TOL) {
    throw new ArgumentError(name, v, `weights summing to 1 within ${MASS_TOL} (they sum to ${s}; pass normalize: true to rescale)`);
  }
  return x;
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/**
 * Check a, b and C and resolve η.
 * @throws {@link ArgumentError} on negative, NaN or infinite weights, sums that are not 1 (without
 *   `normalize`) or differ by more than 1e-8, a cost with the wrong shape or NaN/Infinity entries,
 *   or bad `reg`/`eta`.
 * @internal
 */
export function prepareProblem(a: VectorLike, b: VectorLike, C: DenseInput, options: EntropicOptions): OTProblem {
  const eta = resolveEta(options);
  const normalize = options.normalize ?? false;
  if (typeof normalize !== 'boolean') throw new ArgumentError('normalize', normalize, 'a boolean');
  const av = checkMarginal(a, 'a', normalize);
  const bv = checkMarginal(b, 'b', normalize);
  if (!normalize && Math.abs(sum(av) - sum(bv)) > MASS_TOL) {
    throw new ArgumentError('b', b, `weights with the same total mass as a within ${MASS_TOL} (sum(a) = ${sum(av)}, sum(b) = ${sum(bv)})`);
  }
  const n = av.length;
  const m = bv.length;
  const Cm = asDenseMatrix(C, 'C');
  if (Cm.rows !== n || Cm.cols !== m) {
    throw new ArgumentError('C', `a ${Cm.rows} x ${Cm.cols} matrix`, `an ${n} x ${m} cost matrix (rows = a.length, columns = b.length)`);
  }
  return { n, m, a: av, b: bv, C: Cm.data, eta };
}
