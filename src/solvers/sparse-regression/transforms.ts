/**
 * The problem transforms of the preconditioned methods, as functions of the (centred) design and
 * response, so that cross-validation can rebuild them on each fold's training rows.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { asDenseMatrix, toNdarray, type DenseInput, type NdArray } from '../../formats/dense.js';
import { normalizeColumns, normalizeColumnsInPlace, pufferBasis, pufferPreconditioner } from './puffer.js';
import type { ProblemTransform } from './support-path.js';

/** A user preconditioner: given the centred design and response, return F·X and F·y. */
export type PreconditionerFunction = (X: NdArray, y: Float64Array) => { X: DenseInput; y: VectorLike };

/** Column normalization only (plain Lasso on unit-norm columns). @internal */
export const identityTransform: ProblemTransform = (Xc, yc) => {
  const { X: Z, norms } = normalizeColumns(Xc);
  return { Z, z: Float64Array.from(yc), norms, name: 'identity' };
};

/** The damped Puffer transform F_τ (τ = 0: Puffer) followed by column normalization. @internal */
export function pufferTransform(tau: number): ProblemTransform {
  return (Xc, yc) => {
    const F = pufferPreconditioner(pufferBasis(Xc), tau);
    const norms = normalizeColumnsInPlace(F.X);
    return { Z: F.X, z: F.apply(yc), norms, name: F.name };
  };
}

/** A user function (X, y) => { X: F·X, y: F·y }, checked, followed by column normalization. @internal */
export function customTransform(fn: PreconditionerFunction): ProblemTransform {
  return (Xc, yc) => {
    const r = fn(toNdarray({ rows: Xc.rows, cols: Xc.cols, data: Float64Array.from(Xc.data) }), Float64Array.from(yc));
    if (r === null || typeof r !== 'object') throw new ArgumentError('preconditioner', r, 'a function returning { X, y }');
    const FX = asDenseMatrix(r.X, 'preconditioner(X).X');
    const z = toFloat64(r.y, 'preconditioner(X).y');
    if (FX.cols !== Xc.cols || z.length !== FX.rows) {
      throw new ArgumentError('preconditioner', `[${FX.rows}, ${FX.cols}] and ${z.length}`, `F·X with ${Xc.cols} columns and F·y with one value per row of F·X`);
    }
    const { X: Z, norms } = normalizeColumns(FX);
    return { Z, z, norms, name: 'custom' };
  };
}
