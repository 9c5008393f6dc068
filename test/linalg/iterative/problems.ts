/**
 * The test problems of the Krylov solvers, built from the same formulas as
 * make-golden-krylov.py: fixture matrices, 2-D/3-D Poisson and 2-D convection–diffusion.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COOMatrix } from '../../../src/formats/coo.js';
import { CSRMatrix } from '../../../src/formats/csr.js';
import { fixtureDir, readMtx } from './helpers.js';

/** Golden SciPy iteration counts (test/fixtures/golden/linalg-krylov.json). */
export const golden = JSON.parse(readFileSync(join(fixtureDir, 'golden', 'linalg-krylov.json'), 'utf8')) as {
  scipy: string;
  gmres: { problem: string; restart: number; rtol: number; jacobi: boolean; maxiter: number; iterations: number; info: number; relres: number }[];
  bicgstab: { problem: string; rtol: number; jacobi: boolean; iterations: number; info: number; relres: number; perturbed: [number, number] }[];
  minres: { problem: string; rtol: number; shift: number; jacobi: boolean; iterations: number; info: number; relres: number }[];
};

/** Sum of Kronecker terms on a grid of `dims` (fastest index last), each a 1-D tridiagonal stencil along one axis. */
function gridOperator(dims: number[], stencils: [number, number, number][]): CSRMatrix {
  const n = dims.reduce((a, b) => a * b, 1);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  const strides = dims.map((_, a) => dims.slice(a + 1).reduce((x, y) => x * y, 1));
  for (let p = 0; p < n; p++) {
    let diag = 0;
    for (let a = 0; a < dims.length; a++) {
      const [lo, d, up] = stencils[a]!;
      const i = Math.floor(p / strides[a]!) % dims[a]!;
      diag += d;
      if (i > 0) { row.push(p); col.push(p - strides[a]!); val.push(lo); }
      if (i < dims[a]! - 1) { row.push(p); col.push(p + strides[a]!); val.push(up); }
    }
    row.push(p); col.push(p); val.push(diag);
  }
  return new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSR();
}

/** 5-point Laplacian on a k x k grid. */
export const poisson2d = (k: number): CSRMatrix => gridOperator([k, k], [[-1, 2, -1], [-1, 2, -1]]);
/** 7-point Laplacian on a k x k x k grid. */
export const poisson3d = (k: number): CSRMatrix => gridOperator([k, k, k], [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]]);
/** −Δu + b·∇u by central differences on a k x k grid, cell Péclet numbers px (fast axis), py. */
export const convdiff2d = (k: number, px: number, py: number): CSRMatrix =>
  gridOperator([k, k], [[-1 - py, 2, -1 + py], [-1 - px, 2, -1 + px]]);

/** Rows scaled by 1 + (i mod 7)². */
function rowScaled(A: CSRMatrix): CSRMatrix {
  const data = Float64Array.from(A.data);
  for (let i = 0; i < A.shape[0]; i++) for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) data[p] = data[p]! * (1 + (i % 7) ** 2);
  return new CSRMatrix({ indptr: A.indptr, indices: A.indices, data, shape: A.shape });
}

/** The problem named in the golden file. */
export function problem(name: string): CSRMatrix {
  switch (name) {
    case 'poisson2d-30':
    case 'poisson2d-30-shift':
      return poisson2d(30);
    case 'poisson3d-10':
      return poisson3d(10);
    case 'convdiff-30':
      return convdiff2d(30, 0.4, 0.2);
    case 'convdiff-40-strong':
      return convdiff2d(40, 0.9, -0.6);
    case 'convdiff-30-scaled':
      return rowScaled(convdiff2d(30, 0.4, 0.2));
    default:
      return readMtx(name);
  }
}

/** b = sin(1..n), the right-hand side of every golden case. */
export function rhs(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
}

/** ‖b − A·x‖ / ‖b‖. */
export function relres(A: CSRMatrix, x: Float64Array, b: Float64Array, shift = 0): number {
  const ax = A.matvec(x);
  let s = 0;
  let t = 0;
  for (let i = 0; i < b.length; i++) {
    s += (b[i]! - ax[i]! + shift * x[i]!) ** 2;
    t += b[i]! ** 2;
  }
  return Math.sqrt(s / t);
}

/** Iteration counts agree with SciPy's within ±10% (at least ±1). */
export function closeCount(ours: number, scipy: number): boolean {
  return Math.abs(ours - scipy) <= Math.max(1, 0.1 * scipy);
}
