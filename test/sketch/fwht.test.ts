/**
 * Fast Walsh–Hadamard transform: against the dense Sylvester–Hadamard matrix (built here by its
 * recursion, and SciPy's `scipy.linalg.hadamard` when python is present) for small N; H·H = N·I
 * for large N; the blocked multi-column kernel against column-by-column transforms.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, createRng, fwht, fwhtInPlace, setBackend, srht, toNdarray } from '../../src/index.js';
import { fwhtJs, fwhtWorkspace } from '../../src/kernels/fwht/fwht.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';

/** A WASM workspace (the 'wasm' backend forces the SIMD kernel even for tiny sizes). */
function fwhtWorkspaceFor(len: number) {
  setBackend('wasm');
  try {
    return fwhtWorkspace(len);
  } finally {
    setBackend('auto');
  }
}
import { pythonMissing, runPython } from '../helpers/python.js';

/** Sylvester recursion H_{2N} = [[H, H], [H, −H]] as row-major ±1 entries. */
function sylvester(N: number): Float64Array {
  let H = Float64Array.of(1);
  for (let n = 1; n < N; n *= 2) {
    const G = new Float64Array(4 * n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const v = H[i * n + j]!;
      G[i * 2 * n + j] = v;
      G[i * 2 * n + j + n] = v;
      G[(i + n) * 2 * n + j] = v;
      G[(i + n) * 2 * n + j + n] = -v;
    }
    H = G;
  }
  return H;
}

function randomVector(n: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n));
}

describe('fwht', () => {
  it('matches the dense Hadamard product for N = 1 .. 256 (unnormalised and normalised)', () => {
    for (let N = 1; N <= 256; N *= 2) {
      const H = sylvester(N);
      const x = randomVector(N, N);
      const ref = new Float64Array(N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) ref[i]! += H[i * N + j]! * x[j]!;
      const y = fwht(x, { normalize: false });
      const z = fwht(x);
      let err = 0;
      for (let i = 0; i < N; i++) {
        err = Math.max(err, Math.abs(y[i]! - ref[i]!), Math.abs(z[i]! - ref[i]! / Math.sqrt(N)));
      }
      expect(err, `N = ${N}`).toBeLessThan(1e-11);
    }
  });

  const reason = pythonMissing(['numpy', 'scipy']);
  it.skipIf(reason !== null)('matches scipy.linalg.hadamard(N) @ x for N = 2 .. 512', () => {
    const cases = [2, 8, 64, 512].map((N) => ({ N, x: Array.from(randomVector(N, 100 + N)) }));
    const ref = runPython<number[][]>(
      'import numpy as np\nfrom scipy.linalg import hadamard\nprint(json.dumps([(hadamard(c["N"]) @ np.array(c["x"])).tolist() for c in inp]))',
      cases,
    );
    cases.forEach((c, t) => {
      const y = fwht(c.x, { normalize: false });
      for (let i = 0; i < c.N; i++) expect(Math.abs(y[i]! - ref[t]![i]!)).toBeLessThan(1e-9);
    });
  });

  it('is its own inverse up to N: H·H = N·I for N = 2^16 and 2^17 (and orthonormal when normalised)', () => {
    for (const N of [2 ** 16, 2 ** 17]) {
      const x = randomVector(N, 9);
      const y = fwhtInPlace(fwhtInPlace(x.slice(), { normalize: false }), { normalize: false });
      let err = 0;
      let nx = 0;
      for (let i = 0; i < N; i++) {
        err = Math.max(err, Math.abs(y[i]! - N * x[i]!));
        nx = Math.max(nx, Math.abs(x[i]!));
      }
      expect(err / (N * nx)).toBeLessThan(1e-13);
      const z = fwht(x);
      let n2x = 0;
      let n2z = 0;
      for (let i = 0; i < N; i++) {
        n2x += x[i]! ** 2;
        n2z += z[i]! ** 2;
      }
      expect(Math.abs(n2z - n2x) / n2x).toBeLessThan(1e-12);
    }
  });

  it('fwht(x) does not modify x; fwhtInPlace returns its argument', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    fwht(x);
    expect(Array.from(x)).toEqual([1, 2, 3, 4]);
    expect(fwhtInPlace(x)).toBe(x);
  });

  it('rejects lengths that are not powers of two, and NaN in plain arrays', () => {
    expect(() => fwht([1, 2, 3])).toThrow(ArgumentError);
    expect(() => fwht([])).toThrow(ArgumentError);
    expect(() => fwhtInPlace(new Float64Array(6))).toThrow(ArgumentError);
    expect(() => fwht([1, Number.NaN])).toThrow(ArgumentError);
  });
});

describe('kernels/fwht: the n x width block kernel', () => {
  it('transforms every column like the vector transform (widths 1..17, blocked and radix-4 stages)', () => {
    for (const logN of [0, 1, 3, 10, 11, 13]) {
      const N = 2 ** logN;
      for (const w of [1, 2, 3, 8, 17]) {
        const off = 3;
        const buf = randomVector(off + N * w + 2, logN * 100 + w);
        const orig = buf.slice();
        fwhtJs(buf, off, N, w, 0.5);
        // untouched outside the block
        expect(buf[0]).toBe(orig[0]);
        expect(buf[off + N * w + 1]).toBe(orig[off + N * w + 1]);
        let err = 0;
        for (let k = 0; k < w; k++) {
          const col = new Float64Array(N);
          for (let i = 0; i < N; i++) col[i] = orig[off + i * w + k]!;
          const ref = fwht(col, { normalize: false });
          for (let i = 0; i < N; i++) err = Math.max(err, Math.abs(buf[off + i * w + k]! - 0.5 * ref[i]!));
        }
        expect(err, `N = ${N}, width = ${w}`).toBeLessThan(1e-10 * Math.max(1, Math.sqrt(N)));
      }
    }
  });
});

describe('WASM SIMD kernel', () => {
  const kernels = getWasm();
  it.skipIf(kernels === null)('fwht_f64 equals the JS kernel bit for bit (stages in the same order), and SRHT agrees across backends', () => {
    for (const logN of [0, 1, 2, 5, 12, 15]) {
      const N = 2 ** logN;
      for (const w of [1, 3, 8]) {
        const x = randomVector(N * w, 7 * logN + w);
        const js = x.slice();
        fwhtJs(js, 0, N, w, 0.25);
        const ws = fwhtWorkspaceFor(N * w);
        ws.data.set(x);
        ws.transform(N, w, 0.25);
        const same = js.every((v, i) => v === ws.data[i]);
        ws.release();
        expect(ws.wasm).toBe(true);
        expect(same, `N = ${N}, width = ${w}`).toBe(true);
      }
    }
    const n = 3000;
    const d = 11;
    const A = toNdarray({ rows: n, cols: d, data: randomVector(n * d, 5) });
    const b = randomVector(n, 6);
    try {
      setBackend('js');
      const SA = srht(64, n, { seed: 4 }).apply(A).data as Float64Array;
      const Sb = srht(64, n, { seed: 4 }).applyVector(b);
      const fx = fwht(b.subarray(0, 2048));
      setBackend('wasm');
      expect(Array.from(srht(64, n, { seed: 4 }).apply(A).data as Float64Array)).toEqual(Array.from(SA));
      expect(Array.from(srht(64, n, { seed: 4 }).applyVector(b))).toEqual(Array.from(Sb));
      expect(Array.from(fwht(b.subarray(0, 2048)))).toEqual(Array.from(fx));
    } finally {
      setBackend('auto');
    }
  });
});
