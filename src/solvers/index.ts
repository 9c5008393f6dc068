// Public surface of solvers/ (each module adds its exports here).
export * from './completion/index.js';
