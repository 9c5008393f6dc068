// Public surface of linalg/iterative/ (each module adds its exports here).
export {
  aslinearoperator, type LinearOperator, type FunctionOperatorOptions, type OperatorSource, type PreconditionerSource,
} from './linear-operator.js';
export { jacobiPreconditioner, type JacobiPreconditioner } from './jacobi.js';
export { cg, type CGOptions, type CGResult, type CGIterationInfo } from './cg.js';
export { lsqr, type LSQROptions, type LSQRResult, type LSQRIterationInfo } from './lsqr.js';
export { eigsh, type EigshOptions, type EigshResult, type EigshIterationInfo } from './eigsh.js';
export { gmres, type GMRESOptions, type GMRESResult, type GMRESIterationInfo } from './gmres.js';
export { bicgstab, type BiCGSTABOptions, type BiCGSTABResult, type BiCGSTABIterationInfo } from './bicgstab.js';
export { minres, type MINRESOptions, type MINRESResult, type MINRESIterationInfo } from './minres.js';
export { svds, type SvdsOptions, type SvdsResult } from './svds.js';
export type { KrylovResult } from './result.js';
