export * from './spmv';
export * from './fwht';
