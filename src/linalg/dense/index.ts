// Public surface of linalg/dense/ (each module adds its exports here).
export { matvec } from './matvec.js';
export { matmul, gram } from './matmul.js';
export { qr, qrFactor, QRFactorization, applyQT, applyQ, type QROptions, type QRResult } from './qr.js';
export { solveTriangular, type SolveTriangularOptions } from './triangular.js';
export { lstsq, type LstsqOptions, type LstsqResult } from './lstsq.js';
export { cholesky, choSolve } from './cholesky.js';
export { eigh, type EighResult } from './eigh.js';
export { svd, type SVDOptions, type SVDResult } from './svd.js';
export { pinv, cond, matrixRank, type MatrixRankOptions } from './pinv.js';
export { randomizedSvd, type RandomizedSVDOptions, type RandomizedSVDResult } from './randomized-svd.js';
export { kronMatvec, kronMatvecT, type KronMatvecOptions } from './kron-matvec.js';
export { nnls, type NNLSResult } from './nnls.js';
