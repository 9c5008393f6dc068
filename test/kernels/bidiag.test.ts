import { describe, expect, it } from 'vitest';
import { createRng, lsqr, setBackend } from '../../src/index.js';
import { denseBidiagStep, denseBidiagStepJs } from '../../src/kernels/dense/bidiag.js';

const bits = (x: number | Float64Array) =>
  typeof x === 'number' ? Buffer.from(Float64Array.of(x).buffer).toString('hex') : Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

describe('fused LSQR bidiagonalization step on dense A', () => {
  it('equals the two separate products (u ← A·v − αu, out ← Aᵀu, ‖u‖²), bit for bit across backends', () => {
    const rng = createRng(11);
    for (const [m, n] of [[1, 1], [5, 3], [300, 7], [257, 64], [1000, 101], [70000, 2]] as const) {
      const a = rng.fillNormal(new Float64Array(m * n));
      const v = rng.fillNormal(new Float64Array(n));
      const u0 = rng.fillNormal(new Float64Array(m));
      const alpha = 0.7;
      // Oracle: plain two-pass products.
      const uRef = new Float64Array(m);
      let ssRef = 0;
      for (let i = 0; i < m; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += a[i * n + j]! * v[j]!;
        uRef[i] = t - alpha * u0[i]!;
        ssRef += uRef[i]! ** 2;
      }
      const outRef = new Float64Array(n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) outRef[j]! += uRef[i]! * a[i * n + j]!;
      const got: Record<string, string[]> = {};
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        // Twice: the second call runs on the resident copy of A under every backend choice.
        for (let rep = 0; rep < 2; rep++) {
          const u = u0.slice();
          const out = new Float64Array(n).fill(Number.NaN);
          const ss = denseBidiagStep(a, m, n, v, alpha, u, out);
          got[backend] = [bits(ss), bits(u), bits(out)];
          expect(ss).toBeCloseTo(ssRef, 6);
          for (let i = 0; i < m; i++) expect(Math.abs(u[i]! - uRef[i]!)).toBeLessThan(1e-12 * (1 + Math.abs(uRef[i]!)) * n);
          for (let j = 0; j < n; j++) expect(Math.abs(out[j]! - outRef[j]!)).toBeLessThan(1e-11 * m);
        }
      }
      setBackend('auto');
      expect(got['wasm']).toEqual(got['js']);
      const uj = u0.slice();
      const oj = new Float64Array(n);
      expect(bits(denseBidiagStepJs(a, m, n, v, alpha, uj, oj))).toBe(got['js']![0]);
    }
  });

  it('lsqr on a dense matrix (fused path) matches lsqr on the same matrix as a plain operator', () => {
    const rng = createRng(5);
    const m = 3000, n = 40;
    const data = rng.fillNormal(new Float64Array(m * n));
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) data[i * n + j]! *= 1 + j; // cond ~ n
    const b = rng.fillNormal(new Float64Array(m));
    const A = { rows: m, cols: n, data };
    const plain = {
      shape: [m, n] as [number, number],
      matvec: (x: Float64Array) => { const y = new Float64Array(m); for (let i = 0; i < m; i++) { let s = 0; for (let j = 0; j < n; j++) s += data[i * n + j]! * x[j]!; y[i] = s; } return y; },
      rmatvec: (y: Float64Array) => { const x = new Float64Array(n); for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) x[j]! += data[i * n + j]! * y[i]!; return x; },
    };
    const opts = { atol: 1e-12, btol: 1e-12 };
    const r1 = lsqr(A, b, opts);
    const r2 = lsqr(plain, b, opts);
    expect(r1.converged).toBe(true);
    expect(Math.abs(r1.iterations - r2.iterations)).toBeLessThanOrEqual(1);
    for (let j = 0; j < n; j++) expect(Math.abs(r1.x[j]! - r2.x[j]!)).toBeLessThan(1e-10 * (1 + Math.abs(r2.x[j]!)));
  });
});
