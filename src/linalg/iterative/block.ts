/**
 * Block products through a LinearOperator, with a column-by-column fallback when the operator has
 * no `matmat` / `rmatmat`.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';
import type { LinearOperator } from './linear-operator.js';

function byColumns(f: (x: Float64Array) => Float64Array, X: DenseMatrix, outRows: number): DenseMatrix {
  const { rows, cols, data } = X;
  const out = new Float64Array(outRows * cols);
  const col = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j]!;
    const y = f(col);
    for (let i = 0; i < outRows; i++) out[i * cols + j] = y[i]!;
  }
  return { rows: outRows, cols, data: out };
}

/** A·X for X (cols x k). @internal */
export function opMatmat(op: LinearOperator, X: DenseMatrix): DenseMatrix {
  return op.matmat ? op.matmat(X) : byColumns((x) => op.matvec(x), X, op.shape[0]);
}

/** Aᵀ·Y for Y (rows x k). @internal */
export function opRmatmat(op: LinearOperator, Y: DenseMatrix): DenseMatrix {
  return op.rmatmat ? op.rmatmat(Y) : byColumns((y) => op.rmatvec(y), Y, op.shape[1]);
}
