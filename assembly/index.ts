// Entry of the WASM kernels: one file per kernel family, re-exported here. To add a kernel,
// write assembly/<name>.ts and add `export * from './<name>';` below (see src/kernels/runtime/wasm/loader.ts).
export * from './spmv';
export * from './spmm';
export * from './blas1';
export * from './spgemm';
export * from './fwht';
export * from './gemm';
export * from './bidiag';
export * from './cg';
export * from './krylov';
export * from './cd';
export * from './logistic';
export * from './sparse-simplicial';
export * from './sparse-chol-once';
export * from './lu-solve';
export * from './amd';
export * from './sparse-symbolic';
export * from './nested-dissection';
export * from './gathered';
export * from './supernodal';
