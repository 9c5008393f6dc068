import { describe, expect, it } from 'vitest';
import { bicgstab, coo, createRng, gmres, jacobiPreconditioner, minres, setBackend } from '../../src/index.js';
import {
  axpy2, axpy2Dot, axpyDot, axpyDot2, axpyResident, bicgDirection, dot2, dotResident, mgsStep, minresUpdate, rowsCombineSub, scaleCopy,
} from '../../src/kernels/krylov/fused.js';
import { allocF64, discardF64, residentOffset } from '../../src/kernels/runtime/memory.js';

const hex = (x: number | Float64Array) =>
  typeof x === 'number' ? Buffer.from(Float64Array.of(x).buffer).toString('hex') : Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

/** Every fused Krylov kernel on copies of the same inputs; returns every output as bits. */
function runKernels(vecs: Float64Array[], n: number, j: number, resident: boolean): string[] {
  const copy = (v: Float64Array): Float64Array => {
    const c = resident ? allocF64(v.length, false, 0) : new Float64Array(v.length);
    c.set(v);
    expect(residentOffset(c) >= 0).toBe(resident); // the WASM path runs only on resident vectors
    return c;
  };
  const copies = vecs.map(copy);
  const out = copy(new Float64Array(2));
  const h = copy(new Float64Array(j + 2));
  try {
    const [x, y, z, p, q, w, V] = copies as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const res: string[] = [];
    res.push(hex(axpyDot(0.37, x, y, z, n)), hex(axpyDot(-1.5, z, y, y, n)), hex(axpy2Dot(0.6, x, -0.2, p, y, z, n)));
    axpyDot2(0.8, p, y, x, n, out);
    res.push(hex(out));
    dot2(q, y, z, n, out);
    res.push(hex(out), hex(dotResident(x, q, n)));
    scaleCopy(1 / 3, y, p, n);
    axpyResident(-0.25, z, q, n);
    bicgDirection(p, y, x, 1.75, -0.6, n);
    axpy2(z, 0.3, p, -2.5, x, n);
    res.push(hex(minresUpdate(w, x, y, z, 0.11, -0.7, 1.9, q, 0.45, n)));
    res.push(hex(mgsStep(V, j, n, h)), hex(h));
    rowsCombineSub(j + 1, n, V, h, x);
    return [...res, ...copies.map(hex)];
  } finally {
    if (resident) for (const c of [...copies, out, h]) discardF64(c);
  }
}

describe('fused Krylov vector kernels', () => {
  it('agree bit for bit between JS and WASM SIMD on resident vectors', () => {
    const rng = createRng(5);
    for (const [n, j] of [[1, 0], [2, 1], [7, 3], [13, 2], [64, 5], [1001, 9], [4099, 4]] as const) {
      const vecs = Array.from({ length: 6 }, () => rng.fillNormal(new Float64Array(n)));
      vecs.push(rng.fillNormal(new Float64Array((j + 2) * n)));
      setBackend('js');
      const js = runKernels(vecs, n, j, false);
      setBackend('wasm');
      const wasm = runKernels(vecs, n, j, true);
      setBackend('auto');
      expect(wasm).toEqual(js);
    }
  });

  it('compute what they say (plain loops as the oracle)', () => {
    const rng = createRng(8);
    const n = 101;
    const j = 3;
    const V = rng.fillNormal(new Float64Array((j + 2) * n));
    const V0 = V.slice();
    const h = new Float64Array(j + 2);
    const ss = mgsStep(V, j, n, h);
    // Modified Gram–Schmidt in plain loops.
    const w = V0.slice((j + 1) * n, (j + 2) * n);
    let ww = 0;
    for (let i = 0; i < n; i++) ww += w[i]! ** 2;
    expect(h[j + 1]).toBeCloseTo(ww, 10);
    for (let k = 0; k <= j; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += V0[k * n + i]! * w[i]!;
      expect(h[k]! / d).toBeCloseTo(1, 12);
      for (let i = 0; i < n; i++) w[i] = w[i]! - d * V0[k * n + i]!;
    }
    let after = 0;
    for (let i = 0; i < n; i++) {
      expect(Math.abs(V[(j + 1) * n + i]! - w[i]!)).toBeLessThan(1e-12 * (1 + Math.abs(w[i]!)));
      after += w[i]! ** 2;
    }
    expect(ss / after).toBeCloseTo(1, 12);
    // MINRES's update and BiCGSTAB's direction.
    const [v, w1, w2, x, p, r] = Array.from({ length: 6 }, () => rng.fillNormal(new Float64Array(n)));
    const x0 = x!.slice();
    const p0 = p!.slice();
    const wOut = new Float64Array(n);
    const xx = minresUpdate(wOut, v!, w1!, w2!, 0.2, 0.3, 2, x!, 0.5, n);
    let xx0 = 0;
    for (let i = 0; i < n; i++) {
      const wi = (v![i]! - 0.2 * w1![i]! - 0.3 * w2![i]!) * 2;
      expect(wOut[i]).toBeCloseTo(wi, 14);
      expect(x![i]).toBeCloseTo(x0[i]! + 0.5 * wi, 14);
      xx0 += x![i]! ** 2;
    }
    expect(xx / xx0).toBeCloseTo(1, 12);
    bicgDirection(p!, r!, v!, 1.5, 0.25, n);
    for (let i = 0; i < n; i++) expect(p![i]).toBeCloseTo(r![i]! + 1.5 * (p0[i]! - 0.25 * v![i]!), 14);
  });

  it('gmres, bicgstab and minres give the same iterates on both backends (with and without a preconditioner)', () => {
    // Convection–diffusion on a 40 x 40 grid (n = 1600: resident vectors under 'auto') and its
    // symmetric part shifted to be indefinite for minres.
    const g = 40;
    const rows: number[] = [], cols: number[] = [], vals: number[] = [], sv: number[] = [];
    const add = (r: number, c: number, v: number, s: number) => { rows.push(r); cols.push(c); vals.push(v); sv.push(s); };
    for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) {
      const k = i * g + j;
      add(k, k, 4 + (k % 5) * 0.1, 4 + (k % 5) * 0.1 - 0.3);
      if (i > 0) add(k, k - g, -1.3, -1);
      if (i < g - 1) add(k, k + g, -0.7, -1);
      if (j > 0) add(k, k - 1, -1.1, -1);
      if (j < g - 1) add(k, k + 1, -0.9, -1);
    }
    const A = coo(rows, cols, vals, [g * g, g * g]).toCSR();
    const S = coo(rows, cols, sv, [g * g, g * g]).toCSR();
    const b = createRng(4).fillNormal(new Float64Array(g * g));
    const solvers = [
      () => gmres(A, b, { restart: 15, rtol: 1e-10 }),
      () => gmres(A, b, { restart: 15, rtol: 1e-10, M: jacobiPreconditioner(A) }),
      () => bicgstab(A, b, { rtol: 1e-10 }),
      () => bicgstab(A, b, { rtol: 1e-10, M: jacobiPreconditioner(A) }),
      () => minres(S, b, { rtol: 1e-10 }),
      () => minres(S, b, { rtol: 1e-10, shift: 0.2, x0: b }),
    ];
    for (const solve of solvers) {
      const out: Record<string, { x: string; h: number[]; it: number }> = {};
      for (const backend of ['js', 'wasm', 'auto'] as const) {
        setBackend(backend);
        try {
          const res = solve();
          expect(res.converged).toBe(true);
          expect(res.x.buffer).toBeInstanceOf(ArrayBuffer); // an ordinary array, not a view of WASM memory
          out[backend] = { x: hex(res.x), h: res.history, it: res.iterations };
        } finally {
          setBackend('auto');
        }
      }
      expect(out['wasm']).toEqual(out['js']);
      expect(out['auto']).toEqual(out['js']);
    }
  });
});
