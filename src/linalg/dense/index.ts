// Public surface of linalg/dense/ (each module adds its exports here).
export { matvec } from './matvec.js';
