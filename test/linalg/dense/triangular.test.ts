import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { createRng } from '../../../src/core/rng.js';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { solveRightLowerTransStridedInPlace, solveTriangular, solveTriangularDense, solveTriangularVec } from '../../../src/linalg/dense/triangular.js';
import { allocF64, discardF64, isResidentF64 } from '../../../src/kernels/runtime/memory.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, randn, randvec, toRows, tr } from '../iterative/helpers.js';

function triangular(n: number, lower: boolean, seed: number) {
  const A = randn(n, n, seed);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (lower ? j > i : j < i) A.data[i * n + j] = 99; // garbage: must not be read
    A.data[i * n + i] = 2 + Math.abs(A.data[i * n + i]!);
  }
  return A;
}
function clean(T: ReturnType<typeof randn>, lower: boolean) {
  const n = T.rows;
  const d = T.data.slice();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (lower ? j > i : j < i) d[i * n + j] = 0;
  return { rows: n, cols: n, data: d };
}

describe('solveTriangular', () => {
  it('solves all four variants for vectors and matrices (residual check)', () => {
    const n = 50;
    for (const lower of [false, true]) {
      for (const trans of [false, true]) {
        const T = triangular(n, lower, lower ? 1 : 2);
        const op = trans ? tr(clean(T, lower)) : clean(T, lower);
        const b = randvec(n, 3);
        const x = solveTriangularVec(T, b, lower, trans);
        const r = naiveMatmul(op, { rows: n, cols: 1, data: x });
        for (let i = 0; i < n; i++) expect(r.data[i]).toBeCloseTo(b[i]!, 10);
        const B = randn(n, 4, 4);
        const X = solveTriangularDense(T, B, lower, trans);
        expect(fro(naiveMatmul(op, X), B)).toBeLessThanOrEqual(1e-11 * fro(B));
        const Xp = solveTriangular(toNdarray(T), toNdarray(B), { lower, trans });
        expect(fro(asDenseMatrix(Xp), X)).toBe(0);
      }
    }
  });

  it('unit diagonal ignores the stored diagonal', () => {
    expect(Array.from(solveTriangular([[5, 1], [0, 7]], [3, 1], { unitDiagonal: true }))).toEqual([2, 1]);
  });

  it('matches scipy.linalg.solve_triangular (live)', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const T = triangular(30, false, 8);
    const b = randvec(30, 9);
    const py = runPython<number[]>('import numpy as np, scipy.linalg as sl\nprint(json.dumps(sl.solve_triangular(np.array(inp["T"]), np.array(inp["b"]), trans=1).tolist()))', { T: toRows(T), b: Array.from(b) });
    const x = solveTriangular(toRows(T), b, { trans: true });
    for (let i = 0; i < 30; i++) expect(x[i]).toBeCloseTo(py[i]!, 11);
  });

  it('throws typed errors', () => {
    expect(() => solveTriangular([[1, 2]], [1])).toThrow(ShapeError);
    expect(() => solveTriangular([[1, 0], [0, 1]], [1])).toThrow(ShapeError);
    expect(() => solveTriangular([[1, 0], [0, 0]], [1, 1])).toThrow(ArgumentError);
    expect(() => solveTriangular([[1, 0], [0, 1]], [1, NaN])).toThrow(ArgumentError);
  });
});

describe('solveTriangular, blocked (many right-hand sides)', () => {
  // n = 300 > the block size 64 with 40 right-hand sides: the blocked path, against the
  // substitution path (one right-hand side at a time, column by column) and the residual.
  const n = 300;
  const p = 40;
  const rng = createRng(3);
  const T = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) T[i * n + j] = 0.1 * rng.normal();
    T[i * n + i] = 4 + rng.uniform();
  }
  const Bd = rng.fillNormal(new Float64Array(n * p));
  const Tn = ndarray(T, [n, n]);
  for (const lower of [true, false]) {
    for (const trans of [false, true]) {
      it(`lower ${lower}, trans ${trans}`, () => {
        const X = solveTriangular(Tn, ndarray(Bd.slice(), [n, p]), { lower, trans });
        let worst = 0;
        for (let c = 0; c < p; c++) {
          const b = Float64Array.from({ length: n }, (_, i) => Bd[i * p + c]!);
          const xc = solveTriangular(Tn, b, { lower, trans });
          for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(X.get(i, c) - xc[i]!));
          // Residual of op(T)·x = b over the chosen triangle.
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) {
              const inTri = lower ? j <= i : j >= i;
              const tij = trans ? ((lower ? i <= j : i >= j) ? T[j * n + i]! : 0) : inTri ? T[i * n + j]! : 0;
              s += tij * X.get(j, c);
            }
            expect(Math.abs(s - b[i]!)).toBeLessThan(1e-12);
          }
        }
        expect(worst).toBeLessThan(1e-13);
      });
    }
  }
});

describe('solveRightLowerTransStridedInPlace (X·Tᵀ = B on sub-blocks of one buffer)', () => {
  it('solves a hand-computed 2 x 2 case in place, reading neither T\'s upper triangle nor anything outside the blocks', () => {
    // ld = 5; T = [[2, 0], [1, 4]] at row 0, column 1 (upper entry NaN); B = X·Tᵀ with
    // X = [[1, 2], [3, -1]]: B = [[2, 9], [6, -1]] at row 2, column 3. Everything else NaN.
    const ld = 5;
    const l = new Float64Array(4 * ld).fill(NaN);
    l.set([2, NaN], 1);
    l.set([1, 4], ld + 1);
    l.set([2, 9], 2 * ld + 3);
    l.set([6, -1], 3 * ld + 3);
    const before = Array.from(l);
    solveRightLowerTransStridedInPlace(2, 2, l, 2 * ld + 3, 1, ld);
    expect([l[2 * ld + 3], l[2 * ld + 4], l[3 * ld + 3], l[3 * ld + 4]]).toEqual([1, 2, 3, -1]);
    const after = Array.from(l);
    for (const k of [2 * ld + 3, 2 * ld + 4, 3 * ld + 3, 3 * ld + 4]) after[k] = before[k]!;
    expect(after).toEqual(before);
  });

  it('matches scipy.linalg.solve_triangular on strided blocks across the leaf (32 columns), the recursion and the few-rows path, plain and WASM-resident (live)', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const rng = createRng(15);
    // (m, n): leaf; recursion (n > 32, m ≥ 4) with odd splits; few rows with a wide triangle.
    const shapes: [number, number][] = [[5, 7], [40, 32], [9, 70], [37, 131], [2, 50], [3, 100], [1, 33]];
    const cases = shapes.map(([m, n]) => {
      const T: number[][] = [];
      for (let i = 0; i < n; i++) {
        T.push(Array.from({ length: n }, (_, j) => (j < i ? 0.3 * rng.normal() : j === i ? 1.5 + rng.uniform() : 0)));
      }
      const B = Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));
      return { m, n, T, B };
    });
    const py = runPython<number[][][]>(
      'import numpy as np, scipy.linalg as sl\n' +
        'print(json.dumps([sl.solve_triangular(np.array(c["T"]), np.array(c["B"]).T, lower=True).T.tolist() for c in inp]))',
      cases,
    );
    for (const resident of [false, true]) {
      cases.forEach(({ m, n, T, B }, c) => {
        // T at row 1, column 2 and B (overwritten by X) below it at column 1 of an ld = n + 5 buffer; the
        // rest, T's strict upper triangle included, NaN: it must be neither read nor written.
        const ld = n + 5;
        const len = (n + m + 3) * ld;
        const l = resident ? allocF64(len, false, 0) : new Float64Array(len);
        if (resident) expect(isResidentF64(l)).toBe(true);
        l.fill(NaN);
        const to = ld + 2;
        const xo = (n + 2) * ld + 1;
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) l[to + i * ld + j] = T[i]![j]!;
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) l[xo + i * ld + j] = B[i]![j]!;
        const before = Array.from(l);
        solveRightLowerTransStridedInPlace(m, n, l, xo, to, ld);
        let err = 0;
        let nrm = 0;
        const after = Array.from(l);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            const k = xo + i * ld + j;
            err = Math.max(err, Math.abs(l[k]! - py[c]![i]![j]!));
            nrm = Math.max(nrm, Math.abs(py[c]![i]![j]!));
            after[k] = before[k]!;
          }
        }
        expect(err, `m=${m} n=${n} resident=${resident}`).toBeLessThanOrEqual(1e-12 * nrm);
        expect(after).toEqual(before);
        if (resident) discardF64(l);
      });
    }
  });
});
