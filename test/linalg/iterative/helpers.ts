/**
 * Test helpers shared by the dense and iterative linear-algebra tests: a minimal Matrix Market
 * reader for the fixture matrices (real/integer/pattern, general/symmetric), the 2-D Poisson
 * matrix, seeded dense matrices with a prescribed condition number, and norms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../../src/core/rng.js';
import type { DenseMatrix } from '../../../src/core/dense.js';
import { COOMatrix } from '../../../src/formats/coo.js';
import type { CSRMatrix } from '../../../src/formats/csr.js';

export const fixtureDir = join(import.meta.dirname, '../../fixtures');

/** Read a coordinate Matrix Market fixture as CSR (symmetric files mirrored, pattern entries = 1). */
export function readMtx(name: string): CSRMatrix {
  const text = readFileSync(join(fixtureDir, 'matrices', `${name}.mtx`), 'utf8');
  const lines = text.split('\n');
  const header = lines[0]!.toLowerCase().split(/\s+/);
  if (header[2] !== 'coordinate') throw new Error(`${name}: only coordinate files`);
  const field = header[3]!;
  const sym = header[4]!;
  let k = 1;
  while (lines[k]!.startsWith('%')) k++;
  const [m, n, nnz] = lines[k]!.trim().split(/\s+/).map(Number) as [number, number, number];
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let t = 0; t < nnz; t++) {
    const parts = lines[k + 1 + t]!.trim().split(/\s+/);
    const i = Number(parts[0]) - 1;
    const j = Number(parts[1]) - 1;
    const v = field === 'pattern' ? 1 : Number(parts[2]);
    row.push(i); col.push(j); val.push(v);
    if (sym !== 'general' && i !== j) {
      row.push(j); col.push(i); val.push(sym === 'skew-symmetric' ? -v : v);
    }
  }
  return new COOMatrix({ row, col, data: val, shape: [m, n] }).toCSR();
}

/** The 5-point Laplacian on a k x k grid (n = k², Dirichlet boundary): 4 on the diagonal, -1 off. */
export function poisson2d(k: number): CSRMatrix {
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = i * k + j;
      row.push(p); col.push(p); val.push(4);
      if (i > 0) { row.push(p); col.push(p - k); val.push(-1); }
      if (i < k - 1) { row.push(p); col.push(p + k); val.push(-1); }
      if (j > 0) { row.push(p); col.push(p - 1); val.push(-1); }
      if (j < k - 1) { row.push(p); col.push(p + 1); val.push(-1); }
    }
  }
  return new COOMatrix({ row, col, data: val, shape: [k * k, k * k] }).toCSR();
}

/** Seeded standard normal m x n DenseMatrix. */
export function randn(m: number, n: number, seed: number): DenseMatrix {
  return { rows: m, cols: n, data: createRng(seed).fillNormal(new Float64Array(m * n)) };
}

/** Seeded random vector. */
export function randvec(n: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n));
}

/** Row-major DenseMatrix → number[][] (for JSON to python). */
export function toRows(a: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** number[][] → DenseMatrix. */
export function fromRows(r: number[][]): DenseMatrix {
  const rows = r.length;
  const cols = rows ? r[0]!.length : 0;
  const data = new Float64Array(rows * cols);
  r.forEach((row, i) => data.set(row, i * cols));
  return { rows, cols, data };
}

/** C = A·B (naive triple loop, the test oracle). */
export function naiveMatmul(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = 0; p < a.cols; p++) {
      const v = a.data[i * a.cols + p]!;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j]! += v * b.data[p * b.cols + j]!;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

/** Transpose (naive). */
export function tr(a: DenseMatrix): DenseMatrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  return { rows: a.cols, cols: a.rows, data: out };
}

/** Frobenius norm of A − B (or of A when B is omitted). */
export function fro(a: DenseMatrix, b?: DenseMatrix): number {
  let s = 0;
  for (let p = 0; p < a.data.length; p++) {
    const d = a.data[p]! - (b ? b.data[p]! : 0);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Spectral norm estimate ‖A‖₂ ≤ ‖A‖_F, used as the scale in error bounds (Frobenius is an upper bound). */
export function norm2(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/** ‖QᵀQ − I‖_F for Q with orthonormal columns expected. */
export function orthError(q: DenseMatrix): number {
  const g = naiveMatmul(tr(q), q);
  for (let i = 0; i < g.rows; i++) g.data[i * g.cols + i]! -= 1;
  return fro(g);
}

/**
 * A seeded m x n matrix U·diag(s)·Vᵀ with singular values spaced logarithmically from 1 down to
 * 1/cond (U, V from QR of Gaussian matrices computed here by modified Gram–Schmidt, twice).
 */
export function withCondition(m: number, n: number, cond: number, seed: number): DenseMatrix {
  const k = Math.min(m, n);
  const u = orthonormalColumns(m, k, seed);
  const v = orthonormalColumns(n, k, seed + 1);
  const out = new Float64Array(m * n);
  for (let t = 0; t < k; t++) {
    const s = k === 1 ? 1 : cond ** (-t / (k - 1));
    for (let i = 0; i < m; i++) {
      const ui = u.data[i * k + t]! * s;
      for (let j = 0; j < n; j++) out[i * n + j]! += ui * v.data[j * k + t]!;
    }
  }
  return { rows: m, cols: n, data: out };
}

function orthonormalColumns(m: number, k: number, seed: number): DenseMatrix {
  const a = randn(m, k, seed);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let t = 0; t < j; t++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += a.data[i * k + j]! * a.data[i * k + t]!;
        for (let i = 0; i < m; i++) a.data[i * k + j]! -= d * a.data[i * k + t]!;
      }
      let s = 0;
      for (let i = 0; i < m; i++) s += a.data[i * k + j]! ** 2;
      s = Math.sqrt(s);
      for (let i = 0; i < m; i++) a.data[i * k + j]! /= s;
    }
  }
  return a;
}

/** CSR → {row, col, data, shape} triplets for JSON to python. */
export function toTriplets(A: CSRMatrix): { row: number[]; col: number[]; data: number[]; shape: number[] } {
  const c = A.toCOO();
  return { row: Array.from(c.row), col: Array.from(c.col), data: Array.from(c.data), shape: [...A.shape] };
}
