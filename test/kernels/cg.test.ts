import { describe, expect, it } from 'vitest';
import { cg, coo, createRng, jacobiPreconditioner, setBackend } from '../../src/index.js';
import { cgDot, cgScaleDot, cgUpdateP, cgUpdateXR } from '../../src/kernels/cg/cg.js';
import { allocF64, discardF64, residentOffset } from '../../src/kernels/runtime/memory.js';

const hex = (x: number | Float64Array) =>
  typeof x === 'number' ? Buffer.from(Float64Array.of(x).buffer).toString('hex') : Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

/** The four CG vector kernels on copies of the same inputs; returns every output as bits. */
function runKernels(vecs: Float64Array[], n: number, resident: boolean): string[] {
  const copies = vecs.map((v) => {
    const c = resident ? allocF64(n, false, 0) : new Float64Array(n);
    c.set(v);
    expect(residentOffset(c) >= 0).toBe(resident); // the WASM path runs only on resident vectors
    return c;
  });
  try {
    const [x, r, p, q, d, z] = copies as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const rr = cgUpdateXR(x, r, p, q, 0.37, n);
    cgUpdateP(p, r, -1.25, n);
    const rz = cgScaleDot(r, d, z, n);
    const pq = cgDot(p, q, n);
    return [hex(rr), hex(rz), hex(pq), ...copies.map(hex)];
  } finally {
    if (resident) for (const c of copies) discardF64(c);
  }
}

describe('conjugate gradient vector kernels', () => {
  it('match a plain computation and agree bit for bit between JS and WASM SIMD on resident vectors', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 7, 64, 1001, 20000]) {
      const vecs = Array.from({ length: 6 }, () => rng.fillNormal(new Float64Array(n)));
      const [x, r, p, q, d] = vecs.map((v) => v.slice()) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      // Oracle in plain loops (order-independent checks up to rounding).
      let rr = 0;
      for (let i = 0; i < n; i++) {
        x[i] = x[i]! + 0.37 * p[i]!;
        r[i] = r[i]! - 0.37 * q[i]!;
        rr += r[i]! ** 2;
      }
      for (let i = 0; i < n; i++) p[i] = r[i]! - 1.25 * p[i]!;
      let rz = 0;
      let pq = 0;
      for (let i = 0; i < n; i++) {
        rz += r[i]! * r[i]! * d[i]!;
        pq += p[i]! * q[i]!;
      }
      setBackend('js');
      const js = runKernels(vecs, n, false);
      setBackend('wasm');
      const wasm = runKernels(vecs, n, true);
      setBackend('auto');
      expect(wasm).toEqual(js);
      const [rrJs, rzJs, pqJs] = js.map((h) => Buffer.from(h, 'hex').readDoubleLE(0));
      expect(Math.abs(rrJs! - rr)).toBeLessThan(1e-12 * rr);
      expect(Math.abs(rzJs! - rz)).toBeLessThan(1e-12 * (1 + Math.abs(rz)) * n);
      expect(Math.abs(pqJs! - pq)).toBeLessThan(1e-12 * (1 + Math.abs(pq)) * n);
      expect(js[3]).toBe(hex(x));
      expect(js[4]).toBe(hex(r));
      expect(js[5]).toBe(hex(p));
    }
  });

  it('cg gives the same iterates on both backends (with and without Jacobi preconditioning)', () => {
    // 2-D Laplacian on a 150 x 150 grid with a varying diagonal: n = 22500 (resident work vectors under 'auto').
    const g = 150;
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) {
      const k = i * g + j;
      rows.push(k); cols.push(k); vals.push(4 + (k % 7) * 0.5);
      if (i > 0) { rows.push(k); cols.push(k - g); vals.push(-1); }
      if (i < g - 1) { rows.push(k); cols.push(k + g); vals.push(-1); }
      if (j > 0) { rows.push(k); cols.push(k - 1); vals.push(-1); }
      if (j < g - 1) { rows.push(k); cols.push(k + 1); vals.push(-1); }
    }
    const A = coo(rows, cols, vals, [g * g, g * g]).toCSR();
    const b = createRng(9).fillNormal(new Float64Array(g * g));
    for (const M of [undefined, jacobiPreconditioner(A)]) {
      const out: Record<string, { x: string; h: number[]; it: number }> = {};
      for (const backend of ['js', 'wasm', 'auto'] as const) {
        setBackend(backend);
        const res = cg(A, b, { tol: 1e-10, M });
        expect(res.converged).toBe(true);
        expect(res.x.buffer).toBeInstanceOf(ArrayBuffer); // the solution is an ordinary array, not a view of WASM memory
        out[backend] = { x: hex(res.x), h: res.history, it: res.iterations };
        // True residual of the returned x.
        const ax = A.matvec(res.x);
        let rr = 0, bb = 0;
        for (let i = 0; i < b.length; i++) { rr += (b[i]! - ax[i]!) ** 2; bb += b[i]! ** 2; }
        expect(Math.sqrt(rr / bb)).toBeLessThan(2e-10);
      }
      setBackend('auto');
      expect(out['wasm']).toEqual(out['js']);
      expect(out['auto']).toEqual(out['js']);
    }
  });
});
