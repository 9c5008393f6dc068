import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { lstsq } from '../../../src/linalg/dense/lstsq.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, randn, randvec, toRows } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

function rel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) { d += (a[i]! - b[i]!) ** 2; s += b[i]! ** 2; }
  return Math.sqrt(d / s);
}

describe('lstsq', () => {
  it('matches numpy.linalg.lstsq (golden): full rank, wide (minimum norm), rank-deficient, cond 1e10, fixture', () => {
    for (const { name, A, g } of goldenCases()) {
      const r = lstsq(toNdarray(A), g.b);
      expect(r.rank, name).toBe(g.rank);
      expect(r.rankDeficient, name).toBe(g.rank < Math.min(A.rows, A.cols));
      // Forward error of least squares scales with cond(A) (and cond² for inconsistent tall systems).
      const tol = g.cond < 1e6 ? 1e-10 : g.rank < Math.min(A.rows, A.cols) ? 1e-8 : 1e-3;
      expect(rel(r.x, g.lstsq), name).toBeLessThanOrEqual(tol);
      g.sv.forEach((v, i) => expect(Math.abs(r.singularValues[i]! - v)).toBeLessThanOrEqual(1e-10 * g.sv[0]!));
    }
  });

  it('reports residuals as NumPy does, handles several right-hand sides', () => {
    const A = randn(30, 6, 1);
    const B = randn(30, 3, 2);
    const r = lstsq(toNdarray(A), toNdarray(B));
    const X = asDenseMatrix(r.x);
    expect([X.rows, X.cols]).toEqual([6, 3]);
    expect(r.residuals.length).toBe(3);
    const R = naiveMatmul(A, X);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 30; i++) s += (B.data[i * 3 + j]! - R.data[i * 3 + j]!) ** 2;
      expect(r.residuals[j]).toBeCloseTo(s, 10);
      // Each column equals the single right-hand-side solve.
      const col = Float64Array.from({ length: 30 }, (_, i) => B.data[i * 3 + j]!);
      const xj = lstsq(toNdarray(A), col).x;
      for (let i = 0; i < 6; i++) expect(X.data[i * 3 + j]).toBeCloseTo(xj[i]!, 12);
    }
    expect(lstsq(toNdarray(randn(4, 6, 3)), randvec(4, 4)).residuals.length).toBe(0);
  });

  it('matches live NumPy on a rank-deficient wide problem (minimum-norm solution)', (ctx) => {
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const A = naiveMatmul(randn(15, 5, 8), randn(5, 25, 9)); // 15 x 25, rank 5
    const b = randvec(15, 10);
    const py = runPython<{ x: number[]; rank: number }>('import numpy as np\nx, r, k, s = np.linalg.lstsq(np.array(inp["A"]), np.array(inp["b"]), rcond=None)\nprint(json.dumps({"x": x.tolist(), "rank": int(k)}))', { A: toRows(A), b: Array.from(b) });
    const r = lstsq(toRows(A), b);
    expect(r.rank).toBe(py.rank);
    expect(r.rankDeficient).toBe(true);
    expect(rel(r.x, py.x)).toBeLessThan(1e-8);
  });

  it('throws typed errors', () => {
    expect(() => lstsq([[1, 2], [3, 4]], [1])).toThrow(ShapeError);
    expect(() => lstsq([[1, 2], [3, 4]], [1, NaN])).toThrow(ArgumentError);
    expect(() => lstsq([[1, 2], [3, 4]], [[1], [2], [3]])).toThrow(ShapeError);
    expect(fro(randn(1, 1, 1))).toBeGreaterThan(0);
  });
});
