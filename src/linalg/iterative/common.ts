/**
 * Option checks and small helpers shared by the iterative solvers.
 *
 * @module
 * @internal
 */
import { checkNumber, checkPositiveInt } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import { isDenseMatrix, isNdarray } from '../../formats/dense.js';
import { type LinearOperator, type PreconditionerSource, aslinearoperator } from './linear-operator.js';


/** tol-like option: finite, ≥ 0, default `def`. @internal */
export function optTol(name: string, v: unknown, def: number): number {
  if (v === undefined) return def;
  return checkNumber(name, v, 0);
}

/** maxIter-like option: positive integer, default `def`. @internal */
export function optMaxIter(v: unknown, def: number, name = 'maxIter'): number {
  if (v === undefined) return def;
  return checkPositiveInt(name, v);
}

/** Validate an onIteration callback (the one check, in core/options). @internal */
export { checkCallback as optCallback } from '../../core/options.js';

/**
 * A preconditioner as r => z (n x n). Functions are checked for output length on each call.
 * @internal
 */
export function toPreconditioner(M: PreconditionerSource, n: number): (r: Float64Array) => Float64Array {
  if (typeof M === 'function') {
    return (r) => {
      const z = M(r);
      const out = z instanceof Float64Array ? z : Float64Array.from(z as ArrayLike<number>);
      if (out.length !== n) throw new ShapeError('M(r) result', n, out.length, 'do not match (wrong output length)');
      return out;
    };
  }
  if (!(M instanceof CompressedMatrix || M instanceof COOMatrix || isNdarray(M) || isDenseMatrix(M) || Array.isArray(M) ||
    (typeof M === 'object' && M !== null && typeof (M as LinearOperator).matvec === 'function'))) {
    throw new ArgumentError('M', M, 'a LinearOperator, a matrix or a function r => M·r');
  }
  const op = aslinearoperator(M);
  if (op.shape[0] !== n || op.shape[1] !== n) throw new ShapeError('preconditioner M', op.shape, [n, n]);
  return (r) => op.matvec(r);
}
