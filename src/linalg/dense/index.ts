// Public surface of linalg/dense/ (each module adds its exports here).
export { matvec } from './matvec.js';
export { qr, qrFactor, QRFactorization, applyQT, applyQ, type QROptions, type QRResult } from './qr.js';
export { solveTriangular, type TriangularOptions } from './triangular.js';
