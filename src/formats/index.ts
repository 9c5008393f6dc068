// Public surface of formats/: sparse classes, constructors, conversions, Matrix Market, dense interop.
export { COOMatrix, type COOInit } from './coo.js';
export { CSRMatrix } from './csr.js';
export { CSCMatrix } from './csc.js';
export { CompressedMatrix, type CompressedInit, type CheckFormatOptions, type CompressedHint } from './compressed.js';
export type { IndexList } from './indexlist.js';
export { coo, csr, csc, fromDense, isSparse, type SparseMatrix, type CompressedSource } from './factories.js';
export { toNdarray, asDenseMatrix, type NdArray, type DenseInput } from './dense.js';
export { mmread } from './mmio/mmread.js';
export { mminfo } from './mmio/mminfo.js';
export { mmwrite, type MatrixMarketWritable, type MatrixMarketWriteOptions } from './mmio/mmwrite.js';
export type { MatrixMarketInfo, MatrixMarketFormat, MatrixMarketField, MatrixMarketSymmetry } from './mmio/header.js';
export type { MatrixMarketSource } from './mmio/source.js';
