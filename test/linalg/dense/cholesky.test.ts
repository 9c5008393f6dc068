import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { choSolve, choSolveInPlace, cholesky, choleskyDense, choleskyPanelInPlace } from '../../../src/linalg/dense/cholesky.js';
import { allocF64, discardF64 } from '../../../src/kernels/runtime/memory.js';
import { gramDense } from '../../../src/linalg/dense/matmul.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, randn, randvec, toRows, tr } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

function spd(n: number, seed: number, shift = 1) {
  const G = gramDense(randn(n + 5, n, seed));
  for (let i = 0; i < n; i++) G.data[i * n + i]! += shift;
  return G;
}

describe('cholesky', () => {
  it('L·Lᵀ reconstructs SPD matrices across the block size (64) and the real AᵀA + I of ash219', () => {
    const mats = [spd(1, 1), spd(7, 2), spd(64, 3), spd(65, 4), spd(150, 5)];
    const gram = goldenCases().find((c) => c.name === 'ash219_gram')!.A;
    mats.push(gram);
    for (const A of mats) {
      const L = choleskyDense(A);
      const n = A.rows;
      expect(fro(naiveMatmul(L, tr(L)), A)).toBeLessThanOrEqual(1e-14 * fro(A) * n);
      for (let i = 0; i < n; i++) {
        expect(L.data[i * n + i]).toBeGreaterThan(0);
        for (let j = i + 1; j < n; j++) expect(L.data[i * n + j]).toBe(0);
      }
    }
  });

  it('reads only the lower triangle', () => {
    const A = spd(20, 9);
    const B = { rows: 20, cols: 20, data: A.data.slice() };
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) B.data[i * 20 + j] = 1e6;
    expect(choleskyDense(B).data).toEqual(choleskyDense(A).data);
  });

  it('matches NumPy (live) and the upper form matches SciPy’s default', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const A = spd(30, 11);
    const py = runPython<{ L: number[][]; U: number[][] }>('import numpy as np, scipy.linalg as sl\nA = np.array(inp)\nprint(json.dumps({"L": np.linalg.cholesky(A).tolist(), "U": sl.cholesky(A).tolist()}))', toRows(A));
    const L = asDenseMatrix(cholesky(toNdarray(A)));
    const U = asDenseMatrix(cholesky(toNdarray(A), { upper: true }));
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 30; j++) {
        expect(L.data[i * 30 + j]).toBeCloseTo(py.L[i]![j]!, 11);
        expect(U.data[i * 30 + j]).toBeCloseTo(py.U[i]![j]!, 11);
      }
    }
  });

  it('throws ArgumentError naming the failing pivot', () => {
    const A = spd(10, 3);
    // Make the leading 7 x 7 minor indefinite: the pivot of row 6 fails.
    A.data[6 * 10 + 6] = -100;
    let err: unknown;
    try { choleskyDense(A); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as Error).message).toContain('pivot 6');
    expect(() => cholesky([[0]])).toThrow(/pivot 0/);
    expect(() => cholesky([[1, 2, 3], [4, 5, 6]])).toThrow(ShapeError);
    expect(() => cholesky([[NaN]])).toThrow(ArgumentError);
  });
});

describe('choleskyPanelInPlace', () => {
  /** The first w columns of an SPD h x h matrix as an h x w row-major panel (ld = w). */
  function panel(A: { rows: number; data: Float64Array }, w: number, out: Float64Array): Float64Array {
    const h = A.rows;
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[i * w + j] = A.data[i * h + j]!;
    return out;
  }

  it('gives L11·L11ᵀ = A11 and L21·L11ᵀ = A21 across the leaf (32) and block (64) sizes, in plain and WASM-resident memory', () => {
    let seed = 40;
    for (const w of [3, 16, 17, 24, 32, 33, 40, 64, 100, 131]) {
      for (const below of [0, 1, 3, 37]) {
        const h = w + below;
        const A = spd(h, seed++);
        for (const resident of [false, true]) {
          const p = panel(A, w, resident ? allocF64(h * w, true, 0) : new Float64Array(h * w));
          expect(choleskyPanelInPlace(h, w, p, 0, w)).toBe(-1);
          // R = L·L11ᵀ over the panel's rows (L11 lower triangle only) must give back A's first w columns.
          let err = 0;
          let nrm = 0;
          for (let i = 0; i < h; i++) {
            for (let j = 0; j < w; j++) {
              let s = 0;
              for (let t = 0; t <= Math.min(i, j); t++) s += p[i * w + t]! * p[j * w + t]!;
              const a = A.data[i * h + j]!;
              err += (s - a) ** 2;
              nrm += a * a;
            }
          }
          expect(Math.sqrt(err)).toBeLessThanOrEqual(1e-14 * h * Math.sqrt(nrm));
          if (resident) discardF64(p);
        }
      }
    }
  });

  it('returns the first failing pivot with its value left on the diagonal, before touching later columns', () => {
    const h = 90;
    const w = 70;
    const A = spd(h, 77);
    A.data[40 * h + 40] = -1e3;
    const p = panel(A, w, new Float64Array(h * w));
    expect(choleskyPanelInPlace(h, w, p, 0, w)).toBe(40);
    expect(p[40 * w + 40]).toBeLessThan(0);
    // Column 65 (second diagonal block) is never reached: still A's value.
    expect(p[80 * w + 65]).toBe(A.data[80 * h + 65]);
  });
});

describe('choSolve', () => {
  it('solves A·x = b for vectors and matrices, lower and upper factors', () => {
    const A = spd(40, 21);
    const b = randvec(40, 22);
    const L = cholesky(toNdarray(A));
    const x = choSolve(L, b);
    const r = naiveMatmul(A, { rows: 40, cols: 1, data: x });
    for (let i = 0; i < 40; i++) expect(r.data[i]).toBeCloseTo(b[i]!, 9);
    const U = cholesky(toNdarray(A), { upper: true });
    const xu = choSolve(U, b, { upper: true });
    for (let i = 0; i < 40; i++) expect(xu[i]).toBeCloseTo(x[i]!, 10);
    const B = randn(40, 3, 23);
    const X = asDenseMatrix(choSolve(L, toNdarray(B)));
    expect(fro(naiveMatmul(A, X), B)).toBeLessThan(1e-9 * fro(B));
    expect(() => choSolve(L, [1, 2])).toThrow(ShapeError);
  });
});

describe('choSolveInPlace', () => {
  it('solves A·x = b on a Float64Array (residual), reading only the lower triangle; false on an indefinite A', () => {
    for (const n of [1, 5, 70]) {
      const A = spd(n, 10 + n);
      const b = randvec(n, 20 + n);
      const a = A.data.slice();
      // Garbage above the diagonal must not be read.
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = NaN;
      const x = b.slice();
      expect(choSolveInPlace(n, a, x)).toBe(true);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let s = -b[i]!;
        for (let j = 0; j < n; j++) s += A.data[i * n + j]! * x[j]!;
        worst = Math.max(worst, Math.abs(s));
      }
      expect(worst).toBeLessThan(1e-10 * Math.max(...b.map(Math.abs)));
    }
    expect(choSolveInPlace(2, Float64Array.from([1, 0, 2, 1]), Float64Array.from([1, 1]))).toBe(false);
  });
});
