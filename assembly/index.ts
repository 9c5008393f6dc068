export * from './spmv';
