/**
 * The shift-invert operator (A − σI)⁻¹ of eigsh's shift-invert mode.
 *
 * @module
 * @internal
 */
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { COOMatrix, CompressedMatrix, type DenseInput, type SparseMatrix, fromDense, identity } from '../../formats/index.js';
import { isDenseMatrix, isNdarray } from '../../formats/dense.js';
import { type FactorizedSolve, factorized } from '../direct/index.js';
import { toPreconditioner } from './common.js';
import type { LinearOperator, OperatorSource, PreconditionerSource } from './linear-operator.js';

/**
 * x ↦ (A − σI)⁻¹·x as a symmetric LinearOperator: `OPinv` when given (checked for size), else a
 * sparse factorization of A − σI computed once here ({@link factorized}: Cholesky when A − σI is
 * positive definite, e.g. σ below the spectrum, LU otherwise; a dense A is converted to sparse).
 * `release()` frees that factorization's WASM memory (the caller runs it when done).
 * @internal
 */
export function shiftInvertOperator(A: OperatorSource, n: number, sigma: number, OPinv: PreconditionerSource | undefined): { op: LinearOperator; release: () => void } {
  let solve: (x: Float64Array) => Float64Array;
  let release = (): void => {};
  if (OPinv !== undefined) {
    try {
      solve = toPreconditioner(OPinv, n);
    } catch (e) {
      if (e instanceof ArgumentError && e.argument === 'M') throw new ArgumentError('OPinv', OPinv, 'a LinearOperator, a matrix or a function x => (A − σI)⁻¹x');
      if (e instanceof ShapeError) throw new ShapeError('eigsh OPinv', [n, n], e.right);
      throw e;
    }
  } else {
    const factored = factorShifted(A, n, sigma);
    solve = (x) => factored(x);
    release = () => factored.dispose();
  }
  const shape = Object.freeze([n, n]) as readonly [number, number];
  return { op: { shape, matvec: solve, rmatvec: solve }, release };
}

/** A − σI factored once (Cholesky when it is positive definite, LU otherwise), as its solver. */
function factorShifted(A: OperatorSource, n: number, sigma: number): FactorizedSolve {
  let S: SparseMatrix;
  if (A instanceof CompressedMatrix || A instanceof COOMatrix) S = A;
  else if (isNdarray(A) || isDenseMatrix(A) || Array.isArray(A)) S = fromDense(A as DenseInput);
  else throw new ArgumentError('OPinv', undefined, 'an OPinv operator x => (A − σI)⁻¹x when A is given as an operator or a function (it cannot be factored)');
  if (sigma !== 0) S = S.toCSC().sub(identity(n).scale(sigma));
  return factorized(S);
}
