// Public surface of linalg/iterative/ (each module adds its exports here).
export {};
