// Types of playground-core.js (plain JavaScript, served as is by the docs site).
export interface ResultRow {
  key: string;
  label: string;
  value: number | number[];
  seconds: number | null;
}
export function testVector(n: number): Float64Array;
export function timeIt<T>(fn: () => T, now: () => number, budget?: number): { seconds: number; runs: number; out: T };
export function readMatrix(sp: unknown, text: string): import('../../src/index.js').CSRMatrix;
export function spyPicture(sp: unknown, A: import('../../src/index.js').CSRMatrix, title: string): string;
export function runSolvers(sp: unknown, A: import('../../src/index.js').CSRMatrix, now: () => number): { rows: ResultRow[]; cgHistory: number[]; eigHistory: number[] | null };
export function runOT(sp: unknown, now: () => number): { rows: ResultRow[]; plot: string; iterations: { sinkhorn: number; sns: number } };
