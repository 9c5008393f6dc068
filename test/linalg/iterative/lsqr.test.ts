import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { getBackend, setBackend } from '../../../src/kernels/runtime/backend.js';
import { createRng } from '../../../src/core/rng.js';
import { COOMatrix } from '../../../src/formats/coo.js';
import { qrDense, qrRDense } from '../../../src/linalg/dense/qr.js';
import { solveTriangularVec } from '../../../src/linalg/dense/triangular.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { lsqr } from '../../../src/linalg/iterative/lsqr.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fixtureDir, norm2, randn, randvec, readMtx, toRows, toTriplets, withCondition } from './helpers.js';

interface GoldenLSQR {
  problem: string;
  options: { damp?: number; atol?: number; btol?: number; conlim?: number; iter_lim?: number };
  istop: number;
  iterations: number;
  x: number[];
  r1norm: number;
  r2norm: number;
  anorm: number;
  acond: number;
  arnorm: number;
  xnorm: number;
}
const golden = JSON.parse(readFileSync(join(fixtureDir, 'golden', 'linalg-iterative.json'), 'utf8')) as { lsqr: GoldenLSQR[] };

function rel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) { d += (a[i]! - b[i]!) ** 2; s += b[i]! ** 2; }
  return Math.sqrt(d / s);
}

describe('lsqr', () => {
  it('matches SciPy on real fixture matrices: istop, iterations, x and the norm estimates (golden)', () => {
    const problems = {
      ash219: { A: readMtx('ash219'), b: (m: number) => Float64Array.from({ length: m }, (_, i) => Math.sin(i + 1)) },
      lp_e226: { A: readMtx('lp_e226'), b: (m: number) => Float64Array.from({ length: m }, (_, i) => Math.cos(i)) },
    };
    for (const g of golden.lsqr) {
      const { A, b } = problems[g.problem as keyof typeof problems];
      const o = g.options;
      const r = lsqr(A, b(A.shape[0]), { damp: o.damp, atol: o.atol, btol: o.btol, conlim: o.conlim, maxIter: o.iter_lim });
      const label = `${g.problem} ${JSON.stringify(o)}`;
      expect(r.istop, label).toBe(g.istop);
      const slack = g.iterations > 200 ? Math.ceil(0.03 * g.iterations) : 2;
      expect(Math.abs(r.iterations - g.iterations), label).toBeLessThanOrEqual(slack);
      if (g.problem === 'ash219') {
        // Well conditioned (cond ≈ 3): same iteration in the same order, the numbers agree to rounding.
        expect(rel(r.x, g.x), label).toBeLessThan(1e-8);
        for (const key of ['r1norm', 'r2norm', 'anorm', 'acond', 'xnorm'] as const) {
          expect(Math.abs(r[key] - g[key]), `${label} ${key}`).toBeLessThanOrEqual(1e-8 * Math.abs(g[key]));
        }
      } else if (g.istop === 1) {
        // lp_e226 (entries from 3e-4 to 1.5e3) loses orthogonality fast: iterates drift apart
        // after about ten steps, but the converged solutions agree.
        expect(rel(r.x, g.x), label).toBeLessThan(1e-4);
      } else {
        expect(rel(r.x, g.x), label).toBeLessThan(0.2);
        expect(Math.abs(r.acond - g.acond), label).toBeLessThan(0.2 * g.acond);
      }
      expect(r.converged).toBe([0, 1, 2, 4, 5].includes(g.istop));
      expect(r.history.length).toBe(r.iterations + 1);
    }
  });

  it('matches live SciPy on a seeded sparse 2000 x 60 problem, with damp and x0', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const rng = createRng(5);
    const m = 2000;
    const n = 60;
    const row: number[] = [];
    const col: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < m; i++) for (let t = 0; t < 4; t++) { row.push(i); col.push(rng.integer(0, n)); val.push(rng.normal() * (1 + (i % 10))); }
    const A = new COOMatrix({ row, col, data: val, shape: [m, n] }).toCSR();
    const b = rng.fillNormal(new Float64Array(m));
    const x0 = rng.fillNormal(new Float64Array(n));
    const py = runPython<{ istop: number; itn: number; x: number[] }[]>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
t = inp['A']; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=t['shape'])
b = np.array(inp['b']); x0 = np.array(inp['x0'])
out = []
for kw in [dict(atol=1e-10, btol=1e-10), dict(atol=1e-10, btol=1e-10, damp=2.0), dict(atol=1e-10, btol=1e-10, x0=x0)]:
    r = sla.lsqr(A, b, **kw)
    out.append({'istop': int(r[1]), 'itn': int(r[2]), 'x': r[0].tolist()})
print(json.dumps(out))
`, { A: toTriplets(A), b: Array.from(b), x0: Array.from(x0) });
    const runs = [
      lsqr(A, b, { atol: 1e-10, btol: 1e-10 }),
      lsqr(A, b, { atol: 1e-10, btol: 1e-10, damp: 2 }),
      lsqr(A, b, { atol: 1e-10, btol: 1e-10, x0 }),
    ];
    runs.forEach((r, k) => {
      expect(r.istop).toBe(py[k]!.istop);
      expect(Math.abs(r.iterations - py[k]!.itn)).toBeLessThanOrEqual(2);
      expect(rel(r.x, py[k]!.x)).toBeLessThan(1e-8);
    });
  });

  it('matches NumPy lstsq at cond 1e4 and stops by conlim (istop 3) at cond 1e10', (ctx) => {
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const A = withCondition(80, 20, 1e4, 3);
    const b = randvec(80, 4);
    const ref = runPython<number[]>('import numpy as np\nprint(json.dumps(np.linalg.lstsq(np.array(inp["A"]), np.array(inp["b"]), rcond=None)[0].tolist()))', { A: toRows(A), b: Array.from(b) });
    const r = lsqr(A, b, { atol: 1e-14, btol: 1e-14, conlim: 1e12, maxIter: 500 });
    expect(rel(r.x, ref)).toBeLessThan(1e-6);
    // With cond 1e10, conlim 1e8 stops LSQR with istop 3, as SciPy does.
    const ill = lsqr(withCondition(80, 20, 1e10, 3), b, { atol: 1e-14, btol: 1e-14, maxIter: 2000 });
    expect([3, 6, 7]).toContain(ill.istop);
    expect(ill.converged).toBe(false);
  });

  it('converges in a handful of iterations on A·R⁻¹ (QR-preconditioned operator)', () => {
    const A = withCondition(400, 30, 1e8, 11);
    const b = randvec(400, 12);
    const R = qrRDense(qrDense(A));
    const Aop = aslinearoperator(A);
    const pre = aslinearoperator((y) => Aop.matvec(solveTriangularVec(R, y)), {
      shape: [400, 30], rmatvec: (z) => solveTriangularVec(R, Aop.rmatvec(z), false, true),
    });
    const r = lsqr(pre, b, { atol: 1e-12, btol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(5);
    const plain = lsqr(A, b, { atol: 1e-12, btol: 1e-12 });
    expect(plain.iterations).toBeGreaterThan(r.iterations);
  });

  it('returns x = 0 with istop 0 for b = 0, reports the limit, and stops on onIteration false', () => {
    const A = randn(30, 10, 1);
    const z = lsqr(A, new Float64Array(30));
    expect(z).toMatchObject({ istop: 0, iterations: 0, converged: true });
    const lim = lsqr(A, randvec(30, 2), { atol: 0, btol: 0, conlim: 0, maxIter: 3 });
    expect(lim).toMatchObject({ istop: 7, iterations: 3, converged: false, reason: 'The iteration limit has been reached' });
    const seen: number[] = [];
    const s = lsqr(A, randvec(30, 2), { atol: 0, btol: 0, onIteration: (info) => { seen.push(info.r1norm); return info.iteration < 2; } });
    expect(s).toMatchObject({ istop: -1, stopped: true, converged: false, iterations: 2 });
    expect(seen).toEqual(s.history.slice(1));
  });

  it('JS and WASM backends agree (WASM: products on resident work vectors)', () => {
    const before = getBackend();
    try {
      const A = readMtx('lp_e226');
      const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.cos(i));
      setBackend('js');
      const js = lsqr(A, b, { maxIter: 8 });
      setBackend('wasm');
      const wasm = lsqr(A, b, { maxIter: 8 });
      expect(rel(wasm.x, js.x)).toBeLessThan(1e-10);
      expect(wasm.iterations).toBe(js.iterations);
    } finally {
      setBackend(before);
    }
  });

  it('copes with an operator that reuses its output buffer', () => {
    const A = randn(40, 8, 3);
    const op = aslinearoperator(A);
    const bufM = new Float64Array(40);
    const bufR = new Float64Array(8);
    const reuse = {
      shape: [40, 8] as const,
      matvec: (x: Float64Array) => { bufM.set(op.matvec(x)); return bufM; },
      rmatvec: (y: Float64Array) => { bufR.set(op.rmatvec(y)); return bufR; },
    };
    const b = randvec(40, 4);
    const a = lsqr(reuse, b, { atol: 1e-12, btol: 1e-12 });
    const ref = lsqr(A, b, { atol: 1e-12, btol: 1e-12 });
    expect(rel(a.x, ref.x)).toBeLessThan(1e-12);
  });

  it('throws typed errors on bad input', () => {
    const A = randn(5, 3, 1);
    expect(() => lsqr(A, [1, 2])).toThrow(ShapeError);
    expect(() => lsqr(A, [1, 2, 3, 4, NaN])).toThrow(ArgumentError);
    expect(() => lsqr(A, [1, 2, 3, 4, 5], { damp: -1 })).toThrow(ArgumentError);
    expect(() => lsqr(A, [1, 2, 3, 4, 5], { x0: [1] })).toThrow(ShapeError);
    expect(() => lsqr(aslinearoperator((x) => x, { shape: [3, 3] }), [1, 2, 3])).toThrow(ArgumentError);
    expect(norm2([3, 4])).toBe(5);
  });
});
