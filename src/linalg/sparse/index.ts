// Public surface of linalg/sparse/ (each module adds its exports here).
export {};
