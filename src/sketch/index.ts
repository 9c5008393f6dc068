// Public surface of sketch/ (each module adds its exports here).
export {};
