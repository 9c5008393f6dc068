import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../../src/core/dense.js';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { eigh, eighDense } from '../../../src/linalg/dense/eigh.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, orthError, randn, toRows } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

function sym(n: number, seed: number) {
  const B = randn(n, n, seed);
  const A = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.data[i * n + j] = B.data[i * n + j]! + B.data[j * n + i]!;
  return A;
}

function checkEig(A: DenseMatrix): Float64Array {
  const n = A.rows;
  const { values, vectors } = eighDense(A);
  const V = vectors!;
  const AV = naiveMatmul(A, V);
  const VL = { rows: n, cols: n, data: V.data.map((v, p) => v * values[p % n]!) };
  expect(fro(AV, VL)).toBeLessThanOrEqual(1e-12 * fro(A) * n);
  expect(orthError(V)).toBeLessThanOrEqual(1e-13 * n);
  for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
  return values;
}

describe('eigh', () => {
  it('reconstructs (‖AV − VΛ‖ ≤ 1e-12‖A‖n) with orthonormal vectors on random sizes 1..160', () => {
    for (const n of [1, 2, 3, 4, 10, 33, 34, 65, 100, 160]) checkEig(sym(n, n));
  });

  it('eigenvalues match NumPy (golden) to 1e-10 relative to ‖A‖, including a 1e10 spread with a cluster and AᵀA + I of ash219', () => {
    for (const { name, A, g } of goldenCases()) {
      if (!g.eigvalsh) continue;
      const values = checkEig(A);
      const scale = Math.max(...g.eigvalsh.map(Math.abs));
      g.eigvalsh.forEach((v, i) => expect(Math.abs(values[i]! - v), `${name}[${i}]`).toBeLessThanOrEqual(1e-10 * Math.abs(v) + 1e-14 * scale));
    }
  });

  it('handles diagonal, zero and repeated-eigenvalue matrices', () => {
    const D = { rows: 4, cols: 4, data: new Float64Array([3, 0, 0, 0, 0, -1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0]) };
    expect(Array.from(checkEig(D))).toEqual([-1, 0, 3, 3]);
    expect(Array.from(checkEig({ rows: 3, cols: 3, data: new Float64Array(9) }))).toEqual([0, 0, 0]);
    const I = { rows: 50, cols: 50, data: new Float64Array(2500) };
    for (let i = 0; i < 50; i++) I.data[i * 51] = 2;
    expect(checkEig(I).every((v) => v === 2)).toBe(true);
  });

  it('matches live NumPy eigenvalues and eigenvectors (up to sign)', (ctx) => {
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const A = sym(90, 5);
    const py = runPython<{ w: number[]; v: number[][] }>('import numpy as np\nw, v = np.linalg.eigh(np.array(inp))\nprint(json.dumps({"w": w.tolist(), "v": v.tolist()}))', toRows(A));
    const r = eigh(toNdarray(A));
    const V = asDenseMatrix(r.vectors!);
    py.w.forEach((w, i) => expect(r.values[i]).toBeCloseTo(w, 10));
    for (let j = 0; j < 90; j++) {
      const s = Math.sign(V.data[j]!) * Math.sign(py.v[0]![j]!);
      for (let i = 0; i < 90; i++) expect(s * V.data[i * 90 + j]!).toBeCloseTo(py.v[i]![j]!, 8);
    }
    expect(eigh(toNdarray(A), { vectors: false }).vectors).toBeUndefined();
    // Values only take the QL path, with vectors divide and conquer: equal to rounding.
    eigh(toNdarray(A), { vectors: false }).values.forEach((v, i) => expect(v).toBeCloseTo(r.values[i]!, 11));
  });

  it('throws typed errors', () => {
    expect(() => eigh([[1, 2, 3], [4, 5, 6]])).toThrow(ShapeError);
    expect(() => eigh([[1, NaN], [NaN, 1]])).toThrow(ArgumentError);
  });
});
