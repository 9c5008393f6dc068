// Public surface of kernels/ (each module adds its exports here).
export {};
