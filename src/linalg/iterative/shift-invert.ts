/**
 * The shift-invert operator (A − σI)⁻¹ of eigsh's shift-invert mode.
 *
 * @module
 * @internal
 */
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { toPreconditioner } from './common.js';
import type { LinearOperator, OperatorSource, PreconditionerSource } from './linear-operator.js';

/**
 * x ↦ (A − σI)⁻¹·x as a symmetric LinearOperator: `OPinv` when given (checked for size), else a
 * sparse factorization of A − σI computed once here.
 * @internal
 */
export function shiftInvertOperator(A: OperatorSource, n: number, sigma: number, OPinv: PreconditionerSource | undefined): LinearOperator {
  let solve: (x: Float64Array) => Float64Array;
  if (OPinv !== undefined) {
    try {
      solve = toPreconditioner(OPinv, n);
    } catch (e) {
      if (e instanceof ArgumentError && e.argument === 'M') throw new ArgumentError('OPinv', OPinv, 'a LinearOperator, a matrix or a function x => (A − σI)⁻¹x');
      if (e instanceof ShapeError) throw new ShapeError('eigsh OPinv', [n, n], e.right);
      throw e;
    }
  } else {
    solve = factorShifted(A, n, sigma);
  }
  const shape = Object.freeze([n, n]) as readonly [number, number];
  return { shape, matvec: solve, rmatvec: solve };
}

function factorShifted(A: OperatorSource, n: number, sigma: number): (x: Float64Array) => Float64Array {
  void A;
  void n;
  void sigma;
  throw new ArgumentError('OPinv', undefined, 'an OPinv operator (the sparse factorization of A − σI is not available yet)');
}
