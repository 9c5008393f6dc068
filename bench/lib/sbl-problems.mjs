// Seeded problem generators for the SBL family, shared by the tests (through src/) and the
// benchmarks (through dist/): pass the library module in.

/** Row-major m x n standard normal matrix as { rows, cols, data }. */
export function randnMatrix(lib, rng, m, n) {
  return { rows: m, cols: n, data: rng.fillNormal(new Float64Array(m * n)) };
}

/** A length-n vector with k standard normal entries at random positions. */
export function sparseVector(rng, n, k) {
  const x = new Float64Array(n);
  for (const j of rng.sample(n, k)) x[j] = rng.normal();
  return x;
}

function kronVec(vs) {
  let out = new Float64Array([1]);
  for (const v of vs) {
    const next = new Float64Array(out.length * v.length);
    for (let i = 0; i < out.length; i++) for (let j = 0; j < v.length; j++) next[i * v.length + j] = out[i] * v[j];
    out = next;
  }
  return out;
}

/**
 * He & Joseph's synthetic setting: Gaussian factors Hᵢ (rows[i] x n), xᵢ with k Gaussian nonzeros,
 * x = ⊗xᵢ, y = (⊗Hᵢ)x + n at the given SNR (noise variance = mean |(⊗Hᵢ)x|² / 10^(snr/10)).
 */
export function kroneckerProblem(lib, seed, { rows = [8, 12, 15], n = 15, k = 3, snrDb = 20 } = {}) {
  const rng = lib.createRng(seed);
  const factors = rows.map((m) => randnMatrix(lib, rng, m, n));
  const xs = rows.map(() => sparseVector(rng, n, k));
  const x = kronVec(xs);
  const clean = lib.kronMatvec(factors, x);
  let p = 0;
  for (const v of clean) p += v * v;
  p /= clean.length;
  const noiseVariance = p / 10 ** (snrDb / 10);
  const sd = Math.sqrt(noiseVariance);
  const y = clean.map((v) => v + sd * rng.normal());
  return { factors, x, y, noiseVariance, support: Int32Array.from(x.reduce((a, v, i) => (v !== 0 && a.push(i), a), [])) };
}

/** The explicit Kronecker product of row-major { rows, cols, data } factors (small sizes only). */
export function denseKron(factors) {
  let A = { rows: 1, cols: 1, data: new Float64Array([1]) };
  for (const B of factors) {
    const rows = A.rows * B.rows;
    const cols = A.cols * B.cols;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) {
      const a = A.data[i * A.cols + j];
      if (a === 0) continue;
      for (let p = 0; p < B.rows; p++) for (let q = 0; q < B.cols; q++) data[(i * B.rows + p) * cols + j * B.cols + q] = a * B.data[p * B.cols + q];
    }
    A = { rows, cols, data };
  }
  return A;
}

/** ‖x̂ − x‖² / ‖x‖² (x̂, x real or both interleaved complex). */
export function nmse(xhat, x) {
  let e = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    e += (xhat[i] - x[i]) ** 2;
    s += x[i] ** 2;
  }
  return e / s;
}

/** Support recovery: |Ŝ ∩ S| / |Ŝ ∪ S| over the given index sets (1 = exact). */
export function supportRecovery(est, truth) {
  const a = new Set(est);
  let inter = 0;
  for (const j of truth) if (a.has(j)) inter++;
  return inter / (a.size + truth.length - inter);
}
