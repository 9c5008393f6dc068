import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { getBackend, setBackend } from '../../../src/kernels/runtime/backend.js';
import { createRng } from '../../../src/core/rng.js';
import { COOMatrix } from '../../../src/formats/coo.js';
import type { CSRMatrix } from '../../../src/formats/csr.js';
import { cg } from '../../../src/linalg/iterative/cg.js';
import { jacobiPreconditioner } from '../../../src/linalg/iterative/jacobi.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fixtureDir, norm2, poisson2d, readMtx, toTriplets } from './helpers.js';

interface GoldenCG { problem: string; rtol: number; jacobi: boolean; iterations: number }
const golden = JSON.parse(readFileSync(join(fixtureDir, 'golden', 'linalg-iterative.json'), 'utf8')) as { cg: GoldenCG[] };

function residual(A: { matvec(x: Float64Array): Float64Array }, x: Float64Array, b: Float64Array): number {
  const ax = A.matvec(x);
  let s = 0;
  for (let i = 0; i < b.length; i++) s += (b[i]! - ax[i]!) ** 2;
  return Math.sqrt(s);
}

/** D (BᵀB + I) D for bcspwr06 with D = diag(1 + (i mod 7)²), as an operator, plus its diagonal. */
function scaledBcspwr06() {
  const B = readMtx('bcspwr06');
  const n = B.shape[1];
  const d = Float64Array.from({ length: n }, (_, i) => 1 + (i % 7) ** 2);
  const colsq = new Float64Array(n);
  for (let p = 0; p < B.nnz; p++) colsq[B.indices[p]!]! += B.data[p]! ** 2;
  const diag = Float64Array.from(colsq, (c, i) => d[i]! * d[i]! * (c + 1));
  const op = aslinearoperator((x) => {
    const dx = x.map((v, i) => v * d[i]!);
    const y = B.rmatvec(B.matvec(dx));
    for (let i = 0; i < n; i++) y[i] = d[i]! * (y[i]! + dx[i]!);
    return y;
  }, { shape: [n, n], symmetric: true });
  return { op, diag, n };
}

describe('cg', () => {
  it('matches SciPy iteration counts on the Poisson matrix (golden)', () => {
    const A = poisson2d(30);
    const b = Float64Array.from({ length: 900 }, (_, i) => Math.sin(i + 1));
    for (const g of golden.cg.filter((c) => c.problem === 'poisson30')) {
      const r = cg(A, b, { tol: g.rtol });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.iterations - g.iterations)).toBeLessThanOrEqual(2);
      expect(residual(A, r.x, b)).toBeLessThanOrEqual(g.rtol * norm2(b) * 1.01);
      expect(r.history.length).toBe(r.iterations + 1);
      expect(r.residualNorm).toBe(r.history[r.history.length - 1]);
    }
  });

  it('Jacobi preconditioning on a badly scaled real matrix matches SciPy (golden)', () => {
    const { op, diag, n } = scaledBcspwr06();
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    for (const g of golden.cg.filter((c) => c.problem === 'bcspwr06-scaled')) {
      const r = cg(op, b, { tol: g.rtol, maxIter: 5000, M: g.jacobi ? jacobiPreconditioner(diag) : undefined });
      expect(r.converged).toBe(true);
      // Long unpreconditioned runs drift with rounding: allow 3% there, 2 iterations otherwise.
      const slack = g.iterations > 200 ? Math.ceil(0.03 * g.iterations) : 2;
      expect(Math.abs(r.iterations - g.iterations)).toBeLessThanOrEqual(slack);
      expect(residual(op, r.x, b)).toBeLessThanOrEqual(g.rtol * norm2(b) * 1.01);
    }
  });

  it('matches live SciPy on a random sparse SPD system with a Jacobi preconditioner', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const rng = createRng(11);
    const n = 400;
    const row: number[] = [];
    const col: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < n; i++) {
      row.push(i); col.push(i); val.push(1 + 100 * rng.random());
      for (let t = 0; t < 3; t++) {
        const j = rng.integer(0, n);
        if (j === i) continue;
        const v = rng.normal();
        row.push(i, j); col.push(j, i); val.push(v, v);
      }
    }
    // Diagonal dominance makes it SPD.
    const A0 = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSR();
    const absRow = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let p = A0.indptr[i]!; p < A0.indptr[i + 1]!; p++) absRow[i]! += Math.abs(A0.data[p]!);
    for (let i = 0; i < n; i++) { row.push(i); col.push(i); val.push(absRow[i]!); }
    const A: CSRMatrix = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSR();
    const b = rng.fillNormal(new Float64Array(n));
    const py = runPython<{ plain: number; jac: number }>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
t = inp['A']; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=t['shape'])
b = np.array(inp['b'])
def count(M=None):
    it = [0]
    def cb(_): it[0] += 1
    sla.cg(A, b, rtol=1e-10, M=M, callback=cb)
    return it[0]
print(json.dumps({'plain': count(), 'jac': count(sp.diags(1 / A.diagonal()))}))
`, { A: toTriplets(A), b: Array.from(b) });
    const plain = cg(A, b, { tol: 1e-10 });
    const jac = cg(A, b, { tol: 1e-10, M: jacobiPreconditioner(A) });
    expect(Math.abs(plain.iterations - py.plain)).toBeLessThanOrEqual(2);
    expect(Math.abs(jac.iterations - py.jac)).toBeLessThanOrEqual(2);
    expect(residual(A, jac.x, b)).toBeLessThanOrEqual(1e-10 * norm2(b) * 1.01);
    // A function preconditioner gives the same iterates as the Jacobi operator.
    const inv = jacobiPreconditioner(A).inverseDiagonal;
    const fn = cg(A, b, { tol: 1e-10, M: (r) => r.map((v, i) => v * inv[i]!) });
    expect(fn.iterations).toBe(jac.iterations);
  });

  it('solves a consistent singular (PSD) system: graph Laplacian with b ⟂ 1', () => {
    const B = readMtx('bcspwr06');
    const n = B.shape[0];
    // L = D - W from the pattern (off-diagonal entries only).
    const deg = new Float64Array(n);
    const row: number[] = [];
    const col: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let p = B.indptr[i]!; p < B.indptr[i + 1]!; p++) {
        const j = B.indices[p]!;
        if (j !== i) { row.push(i); col.push(j); val.push(-1); deg[i]!++; }
      }
    }
    for (let i = 0; i < n; i++) { row.push(i); col.push(i); val.push(deg[i]!); }
    const L = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSR();
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * i));
    // Make b orthogonal to the indicator of every connected component (the null space of L).
    const comp = new Int32Array(n).fill(-1);
    let nc = 0;
    for (let s = 0; s < n; s++) {
      if (comp[s] !== -1) continue;
      const stack = [s];
      comp[s] = nc;
      while (stack.length) {
        const i = stack.pop()!;
        for (let p = L.indptr[i]!; p < L.indptr[i + 1]!; p++) {
          const j = L.indices[p]!;
          if (comp[j] === -1) { comp[j] = nc; stack.push(j); }
        }
      }
      nc++;
    }
    const sum = new Float64Array(nc);
    const cnt = new Float64Array(nc);
    for (let i = 0; i < n; i++) { sum[comp[i]!]! += b[i]!; cnt[comp[i]!]!++; }
    for (let i = 0; i < n; i++) b[i]! -= sum[comp[i]!]! / cnt[comp[i]!]!;
    const r = cg(L, b, { tol: 1e-8, M: jacobiPreconditioner(L) });
    expect(r.converged).toBe(true);
    expect(residual(L, r.x, b)).toBeLessThanOrEqual(1e-8 * norm2(b) * 1.01);
  });

  it('reports non-convergence with the iteration count, and stops on onIteration false', () => {
    const A = poisson2d(20);
    const b = new Float64Array(400).fill(1);
    const r = cg(A, b, { tol: 1e-12, maxIter: 7 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(7);
    expect(r.reason).toBe('maxIter');
    const seen: number[] = [];
    const s = cg(A, b, { tol: 1e-12, onIteration: (info) => { seen.push(info.residualNorm); return info.iteration < 3; } });
    expect(s).toMatchObject({ converged: false, stopped: true, iterations: 3, reason: 'stopped' });
    expect(seen).toEqual(s.history.slice(1));
  });

  it('uses x0, returns zero for b = 0, and does not mutate inputs', () => {
    const A = poisson2d(5);
    const b = Float64Array.from({ length: 25 }, (_, i) => i % 3);
    const exact = cg(A, b, { tol: 1e-14 });
    const x0 = exact.x.slice();
    const again = cg(A, b, { x0, tol: 1e-6 });
    expect(again.iterations).toBe(0);
    expect(x0).toEqual(exact.x);
    const zero = cg(A, new Float64Array(25), { x0: new Float64Array(25).fill(1) });
    expect(zero).toMatchObject({ converged: true, iterations: 0 });
    expect(Array.from(zero.x).every((v) => v === 0)).toBe(true);
  });

  it('JS and WASM backends agree (WASM: A·p on resident work vectors)', () => {
    const before = getBackend();
    try {
      const A = poisson2d(40);
      const b = Float64Array.from({ length: 1600 }, (_, i) => Math.sin(i));
      setBackend('js');
      const js = cg(A, b, { tol: 1e-10 });
      setBackend('wasm');
      const wasm = cg(A, b, { tol: 1e-10 });
      expect(wasm.iterations).toBe(js.iterations);
      for (let i = 0; i < 1600; i++) expect(wasm.x[i]).toBeCloseTo(js.x[i]!, 10);
    } finally {
      setBackend(before);
    }
  });

  it('reports breakdown on an indefinite matrix instead of looping', () => {
    const r = cg([[1, 0], [0, -1]], [1, 1], { tol: 1e-12 });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('breakdown');
  });

  it('throws typed errors on bad input', () => {
    const A = poisson2d(3);
    expect(() => cg([[1, 2, 3], [4, 5, 6]], [1, 2])).toThrow(ShapeError);
    expect(() => cg(A, [1, 2])).toThrow(ShapeError);
    expect(() => cg(A, new Array(9).fill(NaN))).toThrow(ArgumentError);
    expect(() => cg(A, new Array(9).fill(1), { tol: -1 })).toThrow(ArgumentError);
    expect(() => cg(A, new Array(9).fill(1), { maxIter: 0 })).toThrow(ArgumentError);
    expect(() => cg(A, new Array(9).fill(1), { x0: [1] })).toThrow(ShapeError);
    expect(() => cg(A, new Array(9).fill(1), { M: jacobiPreconditioner([1, 2]) })).toThrow(ShapeError);
  });
});
