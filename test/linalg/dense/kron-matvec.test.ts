// kronMatvec / kronMatvecT against the explicit Kronecker product (real: `kron` of the formats layer;
// complex: NumPy's np.kron, live), the Hermitian eigendecomposition, and nnls against SciPy.
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError, createRng, fromDense, kron, kronMatvec, kronMatvecT, nnls } from '../../../src/index.js';
import { eighHermitian } from '../../../src/linalg/dense/eigh-hermitian.js';
import { pythonMissing, runPython } from '../../helpers/python.js';

const rows = (d: { rows: number; cols: number; data: Float64Array }): number[][] =>
  Array.from({ length: d.rows }, (_, i) => Array.from(d.data.subarray(i * d.cols, (i + 1) * d.cols)));

describe('kronMatvec', () => {
  it('equals the explicit Kronecker product times x (three real factors), and its transpose', () => {
    const rng = createRng('kron-real');
    const F = [[3, 4], [2, 5], [4, 3]].map(([m, n]) => ({ rows: m!, cols: n!, data: rng.fillNormal(new Float64Array(m! * n!)) }));
    const K = kron(kron(fromDense(rows(F[0]!)), fromDense(rows(F[1]!))), fromDense(rows(F[2]!))).toCSR();
    const x = rng.fillNormal(new Float64Array(60));
    const y = kronMatvec(F, x);
    const want = K.matvec(x);
    for (let i = 0; i < want.length; i++) expect(y[i]).toBeCloseTo(want[i]!, 12);
    const z = rng.fillNormal(new Float64Array(24));
    const yt = kronMatvecT(F, z);
    const wt = K.rmatvec(z);
    for (let i = 0; i < wt.length; i++) expect(yt[i]).toBeCloseTo(wt[i]!, 12);
  });
  const skip = pythonMissing(['numpy']);
  it.skipIf(!!skip)('complex factors equal np.kron (and the conjugate transpose)', () => {
    const rng = createRng('kron-complex');
    const F = [[2, 3], [3, 2]].map(([m, n]) => Array.from({ length: m! }, () => Array.from({ length: 2 * n! }, () => rng.normal())));
    const x = Array.from({ length: 12 }, () => rng.normal());
    const z = Array.from({ length: 12 }, () => rng.normal());
    const ref = runPython<{ y: number[]; t: number[] }>(`
import numpy as np
C = lambda A: np.array(A)[:, 0::2] + 1j * np.array(A)[:, 1::2]
v = lambda a: np.array(a)[0::2] + 1j * np.array(a)[1::2]
K = np.kron(C(inp['F'][0]), C(inp['F'][1]))
il = lambda c: np.column_stack([c.real, c.imag]).ravel().tolist()
print(json.dumps({'y': il(K @ v(inp['x'])), 't': il(K.conj().T @ v(inp['z']))}))
`, { F, x, z });
    const y = kronMatvec(F, x, { complex: true });
    const t = kronMatvecT(F, z, { complex: true });
    ref.y.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
    ref.t.forEach((v, i) => expect(t[i]).toBeCloseTo(v, 12));
  });
  it('rejects bad input', () => {
    expect(() => kronMatvec([[[1, 2]], [[1], [3]]], [1, 1, 1])).toThrow(ShapeError);
    expect(() => kronMatvec([], [1])).toThrow(ArgumentError);
    expect(() => kronMatvec([[[1, 2, 3]]], [1], { complex: true })).toThrow(ArgumentError);
    expect(() => kronMatvec([[[1, 2]]], [1, NaN])).toThrow(ArgumentError);
    expect(() => kronMatvec([[[1, 2]]], [1, 2], { transpose: true } as never)).toThrow(/transpose/);
  });
});

describe('Hermitian eigendecomposition (real embedding)', () => {
  it('A·V = V·Λ and VᴴV = I, also with repeated eigenvalues (a rank-2 4 x 4 matrix)', () => {
    const rng = createRng('herm');
    for (const rank of [4, 2]) {
      const n = 4;
      const Br = rng.fillNormal(new Float64Array(n * rank));
      const Bi = rng.fillNormal(new Float64Array(n * rank));
      // A = B·Bᴴ
      const Ar = new Float64Array(n * n);
      const Ai = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < rank; k++) {
        const ar = Br[i * rank + k]!, ai = Bi[i * rank + k]!, br = Br[j * rank + k]!, bi = -Bi[j * rank + k]!;
        Ar[i * n + j] = Ar[i * n + j]! + ar * br - ai * bi;
        Ai[i * n + j] = Ai[i * n + j]! + ar * bi + ai * br;
      }
      const { values, vectors: V } = eighHermitian({ rows: n, cols: n, re: Ar, im: Ai });
      for (let c = 0; c < n; c++) {
        for (let i = 0; i < n; i++) {
          let sr = 0;
          let si = 0;
          for (let j = 0; j < n; j++) {
            sr += Ar[i * n + j]! * V.re[j * n + c]! - Ai[i * n + j]! * V.im![j * n + c]!;
            si += Ar[i * n + j]! * V.im![j * n + c]! + Ai[i * n + j]! * V.re[j * n + c]!;
          }
          expect(sr).toBeCloseTo(values[c]! * V.re[i * n + c]!, 10);
          expect(si).toBeCloseTo(values[c]! * V.im![i * n + c]!, 10);
        }
        for (let d = 0; d < n; d++) {
          let gr = 0;
          let gi = 0;
          for (let i = 0; i < n; i++) {
            gr += V.re[i * n + c]! * V.re[i * n + d]! + V.im![i * n + c]! * V.im![i * n + d]!;
            gi += V.re[i * n + c]! * V.im![i * n + d]! - V.im![i * n + c]! * V.re[i * n + d]!;
          }
          expect(gr).toBeCloseTo(c === d ? 1 : 0, 10);
          expect(gi).toBeCloseTo(0, 10);
        }
      }
      if (rank === 2) {
        expect(Math.abs(values[0]!)).toBeLessThan(1e-12);
        expect(Math.abs(values[1]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('nnls', () => {
  const skip = pythonMissing(['scipy']);
  it.skipIf(!!skip)('matches scipy.optimize.nnls on random problems', () => {
    const rng = createRng('nnls');
    const cases = [[20, 8], [6, 10], [15, 15]].map(([m, n]) => ({ A: Array.from({ length: m! }, () => Array.from({ length: n! }, () => rng.normal())), b: Array.from({ length: m! }, () => rng.normal()) }));
    const ref = runPython<{ x: number[]; r: number }[]>(`
import numpy as np
from scipy.optimize import nnls
print(json.dumps([dict(zip(('x', 'r'), (lambda s: (s[0].tolist(), float(s[1])))(nnls(np.array(c['A']), np.array(c['b']))))) for c in inp]))
`, cases);
    cases.forEach((c, k) => {
      const r = nnls(c.A, c.b);
      expect(r.converged).toBe(true);
      expect(r.residualNorm).toBeCloseTo(ref[k]!.r, 8);
      ref[k]!.x.forEach((v, j) => expect(r.x[j]).toBeCloseTo(v, 8));
    });
  });
  it('rejects bad input', () => {
    expect(() => nnls([[1, 2]], [1, 2])).toThrow(ShapeError);
    expect(() => nnls([[1, 2]], [1], { iters: 3 } as never)).toThrow(/iters/);
  });
});
