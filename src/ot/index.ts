// Public surface of ot/ (each module adds its exports here).
export {};
