// Public surface of linalg/iterative/ (each module adds its exports here).
export {
  aslinearoperator, type LinearOperator, type FunctionOperatorOptions, type OperatorSource, type PreconditionerSource,
} from './linear-operator.js';
export { jacobiPreconditioner, type JacobiPreconditioner } from './jacobi.js';
export { cg, type CGOptions, type CGResult, type CGIterationInfo } from './cg.js';
export { lsqr, type LSQROptions, type LSQRResult, type LSQRIterationInfo } from './lsqr.js';
export { eigsh, type EigshOptions, type EigshResult, type EigshIterationInfo } from './eigsh.js';
