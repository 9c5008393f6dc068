/**
 * Option checks and small helpers shared by the iterative solvers.
 *
 * @module
 * @internal
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import { isDenseMatrix, isNdarray } from '../../formats/dense.js';
import { nrm2 } from '../../kernels/blas1.js';
import { allocF64, discardF64, releaseF64 } from '../../kernels/runtime/memory.js';
// One check of unknown option keys for the direct and the iterative solvers.
import {
  type LinearOperator, type OperatorSource, type PreconditionerSource, applyInto, aslinearoperator, toOperator,
} from './linear-operator.js';


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

/** A square system A·x = b checked and prepared for a Krylov solver. @internal */
export interface SquareSystem {
  op: LinearOperator;
  n: number;
  b: Float64Array;
  /** The initial guess: a fresh copy of x0, or zeros. */
  x: Float64Array;
  /** x0 was given and is not all zeros (then r0 = b − A·x0 costs a product). */
  nonzeroX0: boolean;
  /** z = M·r, or null without a preconditioner. */
  psolve: ((r: Float64Array) => Float64Array) | null;
  bnorm: number;
  /** The stopping threshold max(atol, rtol·‖b‖) (SciPy's). */
  atol: number;
}

/**
 * Validate and prepare A, b and the SciPy-style options `x0`, `rtol`, `atol`, `M` shared by the
 * square Krylov solvers (gmres, bicgstab, minres).
 * @internal
 */
export function squareSystem(
  name: string, A: OperatorSource, b: VectorLike,
  options: { x0?: VectorLike; rtol?: number; atol?: number; M?: PreconditionerSource },
): SquareSystem {
  const op = toOperator(A);
  const [m, n] = op.shape;
  if (m !== n) throw new ShapeError(name, op.shape, op.shape, 'is not square');
  const bv = toFloat64(b, 'b');
  if (bv.length !== n) throw new ShapeError(name, op.shape, bv.length);
  const rtol = optTol('rtol', options.rtol, 1e-5);
  const atol = optTol('atol', options.atol, 0);
  const x = new Float64Array(n);
  let nonzeroX0 = false;
  if (options.x0 !== undefined) {
    const x0 = toFloat64(options.x0, 'x0');
    if (x0.length !== n) throw new ShapeError(`${name} x0`, n, x0.length);
    x.set(x0);
    for (let i = 0; i < n; i++) if (x[i] !== 0) { nonzeroX0 = true; break; }
  }
  const psolve = options.M === undefined ? null : toPreconditioner(options.M, n);
  const bnorm = nrm2(bv);
  return { op, n, b: bv, x, nonzeroX0, psolve, bnorm, atol: Math.max(atol, rtol * bnorm) };
}

/** r ← b − A·x (r ← b when x is known to be zero). @internal */
export function residualInto(sys: SquareSystem, x: Float64Array, r: Float64Array, xIsZero: boolean): void {
  if (xIsZero) {
    r.set(sys.b);
    return;
  }
  applyInto(sys.op, x, r);
  const b = sys.b;
  for (let i = 0; i < sys.n; i++) r[i] = b[i]! - r[i]!;
}

/** 'auto': the Krylov solvers keep their vectors in WASM memory from this length. @internal */
export const KRYLOV_RESIDENT_LENGTH = 1024;

/**
 * The work vectors of one solve of an n x n system: in WASM memory when the WASM kernels are in use
 * (under 'auto' from {@link KRYLOV_RESIDENT_LENGTH}), so SpMV and the fused vector kernels run on
 * them in place. `free()` releases them all (call it in a `finally`); `release(v)` returns an
 * ordinary copy of a resident vector (the solution handed to the caller).
 * @internal
 */
export function krylovWorkspace(n: number): {
  vec: (len?: number, zero?: boolean) => Float64Array;
  release: (v: Float64Array) => Float64Array;
  free: () => void;
} {
  const minLength = n >= KRYLOV_RESIDENT_LENGTH ? 0 : Infinity;
  const list: Float64Array[] = [];
  return {
    vec(len = n, zero = true) {
      const v = allocF64(len, zero, minLength);
      list.push(v);
      return v;
    },
    release(v) {
      const i = list.indexOf(v);
      if (i >= 0) list.splice(i, 1);
      return releaseF64(v);
    },
    free() {
      for (const v of list) discardF64(v);
      list.length = 0;
    },
  };
}
