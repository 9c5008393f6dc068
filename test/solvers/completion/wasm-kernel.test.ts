import { afterEach, describe, expect, it } from 'vitest';
import { completeMatrix, createRng, setBackend } from '../../../src/index.js';
import { solveTriangularInPlace } from '../../../src/linalg/dense/triangular.js';
import { gatheredCglsRange, gatheredCglsWork } from '../../../src/linalg/iterative/gathered-cgls.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { lowRankProblem, relativeError } from './problems.js';

const kernels = getWasm();
if (kernels === null) console.warn('wasm-kernel.test: no WebAssembly SIMD / shared memory here, the WASM CGLS kernel is not tested');

describe('gathered_cgls_range (WASM) against gatheredCglsRange (JS)', () => {
  it.skipIf(kernels === null)('same iterations, solutions and residuals to rounding: odd and even k, ridge, skipped problems, floor, R and P = (RᵀR)⁻¹', () => {
    const w = kernels!;
    for (const k of [1, 5, 8]) {
      const rng = createRng(40 + k);
      const aRows = 60;
      const count = 7;
      const lens = [0, 1, 3, 9, 14, 25, 40].slice(0, count);
      const ptr = new Int32Array(count + 1);
      for (let g = 0; g < count; g++) ptr[g + 1] = ptr[g]! + lens[g]!;
      const nnz = ptr[count]!;
      const rows = new Int32Array(nnz);
      for (let g = 0; g < count; g++) rows.set(rng.sample(aRows, lens[g]!).sort(), ptr[g]!);
      const a = rng.fillNormal(new Float64Array(aRows * k));
      const b = rng.fillNormal(new Float64Array(nnz));
      const F0 = rng.fillNormal(new Float64Array(count * k));
      const ridge = Float64Array.from({ length: count }, (_, g) => (g % 2 ? 0.3 : 1e-9));
      // Two preconditioners: I and an upper triangular R with a strong diagonal.
      const R = new Float64Array(2 * k * k);
      for (let i = 0; i < k; i++) {
        R[i * k + i] = 1;
        R[k * k + i * k + i] = 1.5 + i;
        for (let j = i + 1; j < k; j++) R[k * k + i * k + j] = 0.2 * rng.normal();
      }
      // The same preconditioners as P = (RᵀR)⁻¹ = R⁻¹R⁻ᵀ (the shared plan's form), by hand.
      const P = new Float64Array(2 * k * k);
      for (let q = 0; q < 2; q++) {
        const X = new Float64Array(k * k);
        for (let i = 0; i < k; i++) X[i * k + i] = 1;
        solveTriangularInPlace({ rows: k, cols: k, data: R.slice(q * k * k, (q + 1) * k * k) }, { rows: k, cols: k, data: X }, false, false); // X = R⁻¹
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
          let v = 0;
          for (let l = 0; l < k; l++) v += X[i * k + l]! * X[j * k + l]!;
          P[q * k * k + i * k + j] = v;
        }
      }
      const rOff = Int32Array.from({ length: count }, (_, g) => (g === 2 ? -1 : (g % 2) * k * k));
      // tol 0 with caps 1 and 2: every problem stops at the cap, whose last iteration forms only ‖A·t‖².
      for (const [tol, maxIter, floor] of [[1e-12, 100, 0], [0.1, 3, 0], [0.5, 50, 0.2], [0, 1, 0], [0, 2, 0]] as const) for (const inv of [false, true]) {
        const M = inv ? P : R;
        const Fj = F0.slice();
        const rj = new Float64Array(count).fill(-1);
        const itsJ = gatheredCglsRange(a, k, ptr, rows, b, Fj, ridge, M, rOff, inv, tol, maxIter, floor, gatheredCglsWork(k), rj, 0, count);
        if (inv) {
          // P gives the iterates of R in exact arithmetic: the JS kernel's two forms agree to rounding.
          const Fr = F0.slice();
          const itsR = gatheredCglsRange(a, k, ptr, rows, b, Fr, ridge, R, rOff, false, tol, maxIter, floor, gatheredCglsWork(k), null, 0, count);
          expect(Math.abs(itsR - itsJ)).toBeLessThanOrEqual(tol < 1e-6 ? count : 0);
          for (let q = 0; q < count * k; q++) expect(Math.abs(Fr[q]! - Fj[q]!)).toBeLessThan(1e-9 * (1 + Math.abs(Fj[q]!)));
        }
        const ptrs: number[] = [];
        const put = (src: Float64Array | Int32Array): number => {
          const p = w.alloc(Math.max(16, src.byteLength));
          ptrs.push(p);
          (src instanceof Float64Array ? w.f64(p, src.length) : w.i32(p, src.length)).set(src as never);
          return p;
        };
        try {
          const Q = [a, ptr, rows, b, F0, ridge, M, rOff, new Float64Array(5 * k + 4), new Float64Array(count).fill(-1)].map(put);
          const itsW = w.fn('gathered_cgls_range')(Q[0]!, k, Q[1]!, Q[2]!, Q[3]!, Q[4]!, Q[5]!, Q[6]!, Q[7]!, inv ? 1 : 0, tol, maxIter, floor, Q[8]!, Q[9]!, 0, count);
          const Fw = w.f64(Q[4]!, count * k).slice();
          const rw = w.f64(Q[9]!, count).slice();
          // near a 1e-12 stop, rounding may move a problem's last iteration by one
          expect(Math.abs(itsW - itsJ)).toBeLessThanOrEqual(tol < 1e-6 ? count : 0);
          for (let q = 0; q < count * k; q++) expect(Math.abs(Fw[q]! - Fj[q]!)).toBeLessThan(1e-9 * (1 + Math.abs(Fj[q]!)));
          for (let g = 0; g < count; g++) {
            if (rOff[g]! < 0) {
              expect(rw[g]).toBe(-1); // skipped: neither solved nor written
              for (let t = 0; t < k; t++) expect(Fw[g * k + t]).toBe(F0[g * k + t]);
            } else {
              expect(Math.abs(rw[g]! - rj[g]!)).toBeLessThan(1e-9 * (1 + rj[g]!));
            }
          }
        } finally {
          for (const p of ptrs) w.free(p);
        }
      }
    }
  });
});

describe("completeMatrix 'sketched': the WASM and JS kernels", () => {
  afterEach(() => setBackend('auto'));

  it.skipIf(kernels === null)("agree to rounding (backend 'js' against the default) and both recover the matrix", () => {
    const p = lowRankProblem(300, 250, 5, 4, 13);
    const opts = { seed: 2, maxIter: 60, tol: 1e-10, threads: 1 } as const;
    const wasm = completeMatrix(p.M, 5, opts);
    setBackend('js');
    const js = completeMatrix(p.M, 5, opts);
    expect(relativeError(p, wasm.predict)).toBeLessThan(1e-6);
    expect(relativeError(p, js.predict)).toBeLessThan(1e-6);
    // the first sweeps agree to rounding, before the stopping test could pick different sweeps
    expect(Math.abs(wasm.history.train[2]! - js.history.train[2]!)).toBeLessThan(1e-9 * js.history.train[2]!);
    expect(wasm.history.innerIterations.slice(0, 3)).toEqual(js.history.innerIterations.slice(0, 3));
  });
});
