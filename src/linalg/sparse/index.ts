// Public surface of linalg/sparse/: products and elementwise operations on sparse matrices.
// Loading it installs the matrix methods (A.matvec, A.matmul, ...) that forward to them.
import './methods.js';

export { spmv, spmvAsync } from './spmv.js';
export { spgemm, spgemmAsync, spgemmWithStats } from './spgemm.js';
export type { SpgemmStats } from '../../kernels/spgemm/spgemm.js';
export { sparseDense, denseSparse } from './dense-products.js';
export { add, sub, multiply, scale, abs, power } from './elementwise.js';
export { sum, norm } from './reduce.js';
export { spsolveTriangular, type TriangularOptions } from './triangular.js';
export { pin, type PinnedMatrix } from './pin.js';
export type { SpmvOptions, SpgemmOptions, DenseOperandOptions } from './options.js';
