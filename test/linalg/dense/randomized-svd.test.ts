import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { randomizedSvd } from '../../../src/linalg/dense/randomized-svd.js';
import { svdDense } from '../../../src/linalg/dense/svd.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { fro, naiveMatmul, orthError, randn, readMtx, tr } from '../iterative/helpers.js';

/** m x n with singular values 0.7^i (fast decay). */
function decaying(m: number, n: number, seed: number) {
  const G = randn(m, n, seed);
  const { U, Vt, s } = svdDense(G);
  const k = s.length;
  const out = { rows: m, cols: n, data: new Float64Array(m * n) };
  for (let t = 0; t < k; t++) {
    const st = 0.7 ** t;
    for (let i = 0; i < m; i++) {
      const u = U!.data[i * k + t]! * st;
      for (let j = 0; j < n; j++) out.data[i * n + j]! += u * Vt!.data[t * n + j]!;
    }
  }
  return out;
}

describe('randomizedSvd', () => {
  it('recovers the leading singular triplets of a matrix with decaying spectrum', () => {
    const A = decaying(300, 120, 1);
    const r = randomizedSvd(toNdarray(A), 8, { seed: 3 });
    for (let i = 0; i < 8; i++) expect(Math.abs(r.s[i]! - 0.7 ** i)).toBeLessThan(1e-8);
    const U = asDenseMatrix(r.U);
    const Vt = asDenseMatrix(r.Vt);
    expect(orthError(U)).toBeLessThan(1e-12);
    expect(orthError(tr(Vt))).toBeLessThan(1e-12);
    // ‖A − U Σ Vᵀ‖_F is close to the optimal tail sqrt(Σ_{i≥8} σᵢ²).
    const US = { rows: 300, cols: 8, data: U.data.map((v, p) => v * r.s[p % 8]!) };
    const err = fro(naiveMatmul(US, Vt), A);
    let tail = 0;
    for (let i = 8; i < 120; i++) tail += 0.7 ** (2 * i);
    expect(err).toBeLessThan(Math.sqrt(tail) * 1.001);
  });

  it('works on sparse matrices and on operators without block products, reproducibly by seed', () => {
    const S = readMtx('ash219');
    const exact = svdDense(asDenseMatrix(S.toDense())).s;
    // ash219's spectrum is flat (cond 3), the hard case for randomized methods: a few power
    // iterations still bring the leading values within 1%.
    const a = randomizedSvd(S, 5, { seed: 'x', powerIters: 6 });
    for (let i = 0; i < 5; i++) expect(Math.abs(a.s[i]! - exact[i]!)).toBeLessThan(1e-2 * exact[0]!);
    const op = aslinearoperator((x) => S.matvec(x), { shape: S.shape, rmatvec: (y) => S.rmatvec(y) });
    expect(op.matmat).toBeUndefined();
    const b = randomizedSvd(op, 5, { seed: 'x', powerIters: 6 });
    for (let i = 0; i < 5; i++) expect(b.s[i]).toBeCloseTo(a.s[i]!, 12);
    const c = randomizedSvd(S, 5, { seed: 'x', powerIters: 6 });
    expect(Array.from(c.s)).toEqual(Array.from(a.s));
  });

  it('wide input and k = min(m, n)', () => {
    const A = randn(10, 40, 2);
    const r = randomizedSvd(toNdarray(A), 10, { seed: 1 });
    const exact = svdDense(A).s;
    for (let i = 0; i < 10; i++) expect(r.s[i]).toBeCloseTo(exact[i]!, 10);
  });

  it('throws typed errors', () => {
    expect(() => randomizedSvd([[1, 2], [3, 4]], 3)).toThrow(ArgumentError);
    expect(() => randomizedSvd([[1, 2], [3, 4]], 0)).toThrow(ArgumentError);
    expect(() => randomizedSvd([[1, 2], [3, 4]], 1, { oversamples: -1 })).toThrow(ArgumentError);
    expect(() => randomizedSvd((x) => x, 1)).toThrow(ArgumentError);
  });
});
