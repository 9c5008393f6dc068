/**
 * The top eigenvector of AᵀA from a random-order stream of the rows of A, in O(h·d + d) memory:
 * Kacham–Woodruff's heavy rows + block power method, or Oja's rule (the Price–Xun baseline).
 *
 * @module
 */
import { portableLog } from '../core/portable-math.js';
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { createRng, type Seed } from '../core/rng.js';
import { COOMatrix } from '../formats/coo.js';
import { CSCMatrix } from '../formats/csc.js';
import { CSRMatrix } from '../formats/csr.js';
import { asDenseMatrix, type DenseInput } from '../formats/dense.js';
import { eighDense } from '../linalg/dense/eigh.js';
import { qrDense, qrQDense, qrRDense } from '../linalg/dense/qr.js';
import { solveTriangularVecInPlace } from '../linalg/dense/triangular.js';
import { optionKeys, readOptions } from '../core/options.js';

/** Options of {@link StreamingTopEigenvector}. */
export interface StreamingTopEigenvectorOptions {
  /** `'heavy-block'` (default): Kacham–Woodruff heavy rows + block power method; `'oja'`: Oja's rule. */
  algorithm?: 'heavy-block' | 'oja';
  /** Seed of the random starting vector. */
  seed?: Seed;
  /**
   * Expected stream length n (optional). When given, the heavy-row threshold uses the
   * extrapolated ‖A‖_F² ≈ (n/t)·‖A_{1..t}‖_F², the last power-method block ends exactly at row n,
   * and Oja's default η uses ln n.
   */
  n?: number;
  /** heavy-block: rows in the first block (default max(d, 64)). */
  blockSize?: number;
  /** heavy-block: each block is this many times longer than the previous one (≥ 1; default 1.3). */
  blockGrowth?: number;
  /** heavy-block: the polylog factor L of the heavy threshold ‖a‖² > ‖A‖_F²/(d·L); default max(1, ln d)². */
  polylog?: number;
  /** heavy-block: never store a row whose squared norm is below this multiple of the running mean (default 4). */
  heavyFloor?: number;
  /** heavy-block: hard cap on stored heavy rows (default unlimited; the smallest is demoted to light when full). */
  maxHeavyRows?: number;
  /** oja: a fixed learning rate η > 0 (default: η_t = ln(n)/λ̂_t, see the class documentation). */
  eta?: number;
}

/** What {@link StreamingTopEigenvector.result} returns. */
export interface StreamingTopEigenvectorResult {
  /** Unit estimate of the top eigenvector v₁ of AᵀA (sign: largest-magnitude entry positive). */
  vector: Float64Array;
  /** Rows pushed so far. */
  rowsSeen: number;
  /** Heavy rows currently stored (always 0 for Oja). */
  heavyRows: number;
  /** Doubles held by the estimator (vectors plus stored heavy rows): O(h·d + d). */
  memoryFloats: number;
  /** The algorithm that ran. */
  algorithm: 'heavy-block' | 'oja';
  /** heavy-block: power-method steps completed. */
  powerSteps: number;
  /** oja: the learning rate in force at the end (fixed or the default's current value); NaN for heavy-block. */
  eta: number;
  /**
   * oja: true when η·max‖a‖² > 1/ln(d) for the final η, i.e. some row was too heavy for the
   * learning rate (Price–Xun's guarantee needs every row light relative to 1/η); the estimate
   * may then be poor. Always false for heavy-block.
   */
  etaTooLarge: boolean;
}

/** Unit vector with a deterministic sign (largest-magnitude entry positive). */
function orient(v: Float64Array): Float64Array {
  let k = 0;
  for (let j = 1; j < v.length; j++) if (Math.abs(v[j]!) > Math.abs(v[k]!)) k = j;
  if (v[k]! < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j]!;
  return v;
}

function normalize(v: Float64Array): boolean {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  if (!(s > 0) || !Number.isFinite(s)) return false;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * inv;
  return true;
}

/**
 * Streaming estimate of the top eigenvector v₁ of AᵀA (the top right singular vector of A) from
 * the rows of an n x d matrix A pushed one at a time (or in batches) in uniformly random order,
 * with memory independent of the stream length. Accuracy is measured by the correlation
 * |⟨v, v₁⟩|; with gap R = σ₁²/σ₂², 'heavy-block' targets 1 − O(1/√R).
 *
 * **'heavy-block'** (default; after Kacham & Woodruff, NeurIPS 2024). A row is *heavy* when
 * ‖a‖² > max(F̂/(d·L), γ·F_t/t), with F_t the squared Frobenius norm of the t rows seen, F̂ = F_t
 * (or (n/t)·F_t when the stream length n is given), L = max(1, ln d)² the polylog factor and
 * γ = 4 a floor that keeps typical rows light early in the stream. Heavy rows are stored exactly
 * (at most d·L of them can exceed F/(d·L); `maxHeavyRows`, default 64, caps the store, demoting
 * the smallest); a stored row that falls below the rising threshold is demoted to light.
 * Light rows drive a block power method over consecutive blocks of the stream (B₀ = max(d, 64)
 * rows, then each block 1.3 times longer; with n given the last block ends at row n): within a
 * block, acc += a·(aᵀv) with v frozen, and each stored heavy row h_i likewise samples the light
 * Gram matrix along itself (acc_i += a·(aᵀh_i)). Random order makes every block a scaled sample of
 * the whole, so Ĝ = (t_L/b_L)·(light Gram of the block) + Σ h_i·h_iᵀ estimates AᵀA with the heavy
 * rows exact. At the end of a block, Rayleigh–Ritz on span{v, h_1, …, h_k} picks the best vector
 * r there and v ← Ĝ·r/‖Ĝ·r‖ (with no heavy rows this is the plain power step v ← Ĝv/‖Ĝv‖).
 * A heavy row that arrives late still counts fully at once, which is why the heavy-signal case
 * (one heavy row carrying the signal) works. Memory: 2d + h·(2d + 2) doubles. Time: O((h + 1)·d)
 * per light row, O(h²·d) per block.
 *
 * **'oja'** (the baseline analysed by Price & Xun, FOCS 2024): v ← normalize(v + η·a·(aᵀv)) for
 * every row, O(d) time and memory. With `eta` the rate is fixed. The default η_t = ln(n)/λ̂_t
 * follows Price–Xun's η = Θ(log n/σ₁²) without knowing σ₁²: λ̂_t = (n/t)·Σ_{s≤t}(a_sᵀv_{s−1})² is
 * the running Rayleigh-quotient estimate of σ₁² (with n unknown, n is replaced by t). The result
 * flags `etaTooLarge` when η·max‖a‖² > 1/ln d: a row was too heavy for the guarantee (a single
 * heavy row carrying the signal is exactly where Oja stalls and heavy-block does not).
 *
 * The random-order assumption matters: on an adversarially ordered stream neither method keeps
 * its guarantee. Push rows in random order (shuffle them first if they come sorted).
 *
 * @example
 * ```ts
 * import { StreamingTopEigenvector, createRng } from 'sparsity';
 * // Rows a = g + 3·(g₀)·e₀: covariance diag(16, 1, 1, 1), so v₁ ≈ e₀.
 * const rng = createRng(5);
 * const est = new StreamingTopEigenvector(4, { seed: 1, n: 4000 });
 * for (let i = 0; i < 4000; i++) {
 *   const a = rng.fillNormal(new Float64Array(4));
 *   a[0] *= 4;
 *   est.push(a);
 * }
 * const r = est.result();
 * r.rowsSeen; // => 4000
 * r.vector[0] > 0.99; // => true
 * r.memoryFloats < 100; // => true
 * ```
 */
export class StreamingTopEigenvector {
  /** Dimension d of the rows. */
  readonly d: number;
  /** The algorithm (`'heavy-block'` or `'oja'`). */
  readonly algorithm: 'heavy-block' | 'oja';
  private readonly nExpected: number;
  // Shared state.
  private rows = 0;
  private frob = 0;
  private maxNorm2 = 0;
  private readonly v: Float64Array;
  // heavy-block state.
  private readonly acc: Float64Array;
  private readonly L: number;
  private readonly gamma: number;
  private readonly maxHeavy: number;
  private readonly B0: number;
  private readonly growth: number;
  private heavyData: Float64Array;
  private heavyAcc: Float64Array;
  private heavyNorm2: Float64Array;
  private heavyCount: Float64Array;
  private h = 0;
  private heavySinceStep = false;
  private lightFrob = 0;
  private lightSeen = 0;
  private blockLight = 0;
  private blockRows = 0;
  private blockTarget: number;
  private prevBlockLight = 0;
  private steps = 0;
  // oja state: v_true = vScale·v.
  private readonly fixedEta: number;
  private vScale = 1;
  private vNorm2 = 1;
  private rayleighSum = 0;
  private eta = Number.NaN;

  /**
   * @param d - dimension of the rows (positive integer)
   * @param options - {@link StreamingTopEigenvectorOptions}
   * @throws {@link ArgumentError} on a bad dimension or option.
   */
  constructor(d: number, options: StreamingTopEigenvectorOptions = {}) {
    options = readOptions('StreamingTopEigenvector', options, optionKeys<StreamingTopEigenvectorOptions>({
      algorithm: true, seed: true, n: true, blockSize: true, blockGrowth: true, polylog: true, heavyFloor: true, maxHeavyRows: true, eta: true,
    }));
    this.d = checkPositiveInt('d', d, 2 ** 27);
    const algorithm = options.algorithm ?? 'heavy-block';
    if (algorithm !== 'heavy-block' && algorithm !== 'oja') throw new ArgumentError('algorithm', algorithm, "'heavy-block' or 'oja'");
    this.algorithm = algorithm;
    this.nExpected = options.n === undefined ? 0 : checkPositiveInt('n', options.n);
    this.L = options.polylog === undefined ? Math.max(1, portableLog(d)) * Math.max(1, portableLog(d)) : checkNumber('polylog', options.polylog, 1);
    this.gamma = options.heavyFloor === undefined ? 4 : checkNumber('heavyFloor', options.heavyFloor, 1);
    this.maxHeavy = options.maxHeavyRows === undefined ? 64 : checkPositiveInt('maxHeavyRows', options.maxHeavyRows);
    this.B0 = options.blockSize === undefined ? Math.max(d, 64) : checkPositiveInt('blockSize', options.blockSize);
    this.growth = options.blockGrowth === undefined ? 1.3 : checkNumber('blockGrowth', options.blockGrowth, 1);
    this.fixedEta = options.eta === undefined ? 0 : checkNumber('eta', options.eta, 0, Infinity, true);
    this.v = createRng(options.seed).fillNormal(new Float64Array(d));
    if (!normalize(this.v)) this.v[0] = 1;
    this.acc = new Float64Array(algorithm === 'heavy-block' ? d : 0);
    this.heavyData = new Float64Array(0);
    this.heavyAcc = new Float64Array(0);
    this.heavyNorm2 = new Float64Array(0);
    this.heavyCount = new Float64Array(0);
    this.blockTarget = this.planBlock(this.B0);
  }

  /** Rows pushed so far. */
  get rowsSeen(): number {
    return this.rows;
  }

  /**
   * Push one row (length d). O(d) (plus O(h·d) at the end of a block for 'heavy-block').
   * @throws {@link ShapeError} on a wrong length; {@link ArgumentError} on NaN/Infinity.
   */
  push(row: VectorLike): void {
    const a = toFloat64(row, 'row');
    if (a.length !== this.d) throw new ShapeError('StreamingTopEigenvector.push', this.d, a.length);
    this.pushDense(a, 0);
  }

  /**
   * Push every row of a matrix, top to bottom: dense (`ndarray`, `number[][]`) or sparse (CSR,
   * CSC, COO; sparse rows cost O(nnz)). The rows should already be in random order.
   * @throws {@link ShapeError} when the matrix does not have d columns; {@link ArgumentError} on NaN/Infinity.
   */
  pushRows(rows: DenseInput | CSRMatrix | CSCMatrix | COOMatrix): void {
    if (rows instanceof COOMatrix || rows instanceof CSCMatrix) rows = rows.toCSR();
    if (rows instanceof CSRMatrix) {
      if (rows.shape[1] !== this.d) throw new ShapeError('StreamingTopEigenvector.pushRows', [rows.shape[0], this.d], rows.shape);
      rows.assertFiniteData('rows');
      const { indptr, indices, data } = rows;
      for (let i = 0; i < rows.shape[0]; i++) this.pushSparse(indices, data, indptr[i]!, indptr[i + 1]!);
      return;
    }
    const M = asDenseMatrix(rows, 'rows');
    if (M.cols !== this.d) throw new ShapeError('StreamingTopEigenvector.pushRows', [M.rows, this.d], [M.rows, M.cols]);
    for (let i = 0; i < M.rows; i++) this.pushDense(M.data, i * this.d);
  }

  /**
   * The current estimate. Does not disturb the stream: pushing may continue afterwards.
   * O(h·d) for 'heavy-block', O(d) for 'oja'.
   * @throws {@link ArgumentError} before any row was pushed (there is no estimate yet, only the
   *   random starting vector).
   */
  result(): StreamingTopEigenvectorResult {
    const d = this.d;
    if (this.rows === 0) {
      throw new ArgumentError('StreamingTopEigenvector.result', 'no rows pushed yet', 'at least one row pushed (pushRow / pushRows) before result()');
    }
    let vector: Float64Array;
    let etaTooLarge = false;
    if (this.algorithm === 'oja') {
      vector = this.v.slice();
      normalize(vector);
      const eta = this.fixedEta > 0 ? this.fixedEta : this.eta;
      etaTooLarge = Number.isFinite(eta) && eta * this.maxNorm2 > 1 / Math.max(1, portableLog(d));
    } else {
      vector = this.v.slice();
      const minPartial = Math.max(Math.ceil(this.B0 / 2), Math.ceil(this.prevBlockLight / 2));
      if (this.lightSeen === 0 && this.h > 0) {
        // Only heavy rows: their Gram matrix is known exactly; run the power method on it.
        for (let it = 0; it < 200; it++) {
          const w = this.heavyTimes(vector, new Float64Array(d));
          if (!normalize(w)) break;
          vector = w;
        }
      } else if (this.blockLight > 0 && (this.blockLight >= minPartial || this.steps === 0)) {
        // The current block is long enough to improve on v (or v is still the random start).
        const w = this.ritzPowerStep();
        if (w) vector = w;
      } else if (this.heavySinceStep) {
        // Too few light rows for a power step, but heavy rows arrived since the last one: take the
        // best vector of span{v, heavy rows} (Rayleigh–Ritz only, no noisy multiplication).
        const w = this.ritzPowerStep(false);
        if (w) vector = w;
      }
    }
    return {
      vector: orient(vector),
      rowsSeen: this.rows,
      heavyRows: this.h,
      memoryFloats: this.memoryFloats(),
      algorithm: this.algorithm,
      powerSteps: this.steps,
      eta: this.algorithm === 'oja' ? (this.fixedEta > 0 ? this.fixedEta : this.eta) : Number.NaN,
      etaTooLarge,
    };
  }

  private memoryFloats(): number {
    if (this.algorithm === 'oja') return this.d;
    return 2 * this.d + this.heavyData.length + this.heavyAcc.length + this.heavyNorm2.length + this.heavyCount.length;
  }

  /** Size of the block starting now: `want` rows, or all remaining rows when n is known and the next block would not fit. */
  private planBlock(want: number): number {
    if (this.nExpected > 0) {
      const left = this.nExpected - this.rows;
      if (left > 0 && left < want * (1 + this.growth)) return left; // this block and the next would overrun: take all the rest
    }
    return want;
  }

  private threshold(): number {
    const t = this.rows;
    const F = this.frob;
    const Fhat = this.nExpected > t ? (F * this.nExpected) / t : F;
    return Math.max(Fhat / (this.d * this.L), (this.gamma * F) / t);
  }

  // ---- row ingestion ----

  private pushDense(a: Float64Array, off: number): void {
    const d = this.d;
    let n2 = 0;
    if (this.algorithm === 'oja') {
      const v = this.v;
      let p = 0;
      for (let j = 0; j < d; j++) {
        const x = a[off + j]!;
        p += x * v[j]!;
        n2 += x * x;
      }
      this.count(n2);
      const step = this.ojaStep(p * this.vScale);
      if (step !== 0) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const y = v[j]! + step * a[off + j]!;
          v[j] = y;
          s += y * y;
        }
        this.setNorm2(s);
      }
      return;
    }
    // One pass for the squared norm and aᵀv, a second (light rows) for acc += (aᵀv)·a.
    const v = this.v;
    let p = 0;
    for (let j = 0; j < d; j++) {
      const x = a[off + j]!;
      n2 += x * x;
      p += x * v[j]!;
    }
    this.count(n2);
    if (n2 > this.threshold()) {
      this.storeHeavyDense(a, off, n2);
    } else {
      this.accumulateDense(a, off, p, n2);
    }
    this.afterRow();
  }

  private pushSparse(idx: Int32Array, val: Float64Array, p0: number, p1: number): void {
    const v = this.v;
    let n2 = 0;
    let p = 0;
    for (let q = p0; q < p1; q++) {
      const x = val[q]!;
      n2 += x * x;
      p += x * v[idx[q]!]!;
    }
    this.count(n2);
    if (this.algorithm === 'oja') {
      const step = this.ojaStep(p * this.vScale);
      if (step !== 0) {
        let s = this.vNorm2;
        for (let q = p0; q < p1; q++) {
          const j = idx[q]!;
          const old = v[j]!;
          const y = old + step * val[q]!;
          v[j] = y;
          s += y * y - old * old;
        }
        // Recompute the norm exactly now and then (incremental updates drift).
        if ((this.rows & 1023) === 0) {
          s = 0;
          for (let j = 0; j < this.d; j++) s += v[j]! * v[j]!;
        }
        this.setNorm2(s);
      }
      return;
    }
    if (n2 > this.threshold()) {
      const dense = new Float64Array(this.d);
      for (let q = p0; q < p1; q++) dense[idx[q]!]! += val[q]!;
      this.storeHeavyDense(dense, 0, n2);
    } else {
      this.accumulateSparse(idx, val, p0, p1, p, n2);
    }
    this.afterRow();
  }

  private count(n2: number): void {
    this.rows++;
    this.frob += n2;
    if (n2 > this.maxNorm2) this.maxNorm2 = n2;
  }

  // ---- Oja ----

  /** The factor multiplying the stored row in v_stored += factor·a, from p = aᵀv_true. */
  private ojaStep(p: number): number {
    this.rayleighSum += p * p;
    let eta = this.fixedEta;
    if (eta === 0) {
      const t = this.rows;
      const n = Math.max(this.nExpected, t);
      const lambda = (this.rayleighSum * n) / t;
      if (!(lambda > 0)) return 0;
      eta = portableLog(Math.max(n, 2)) / lambda;
      this.eta = eta;
    }
    // v_true += η·p·a  ⇔  v_stored += (η·p / vScale)·a
    return (eta * p) / this.vScale;
  }

  private setNorm2(s: number): void {
    this.vNorm2 = s;
    this.vScale = 1 / Math.sqrt(s);
    if (s > 1e100 || s < 1e-100) {
      // Renormalise the stored vector to keep it in range.
      const f = this.vScale;
      for (let j = 0; j < this.d; j++) this.v[j] = this.v[j]! * f;
      this.vNorm2 = 1;
      this.vScale = 1;
    }
  }

  // ---- heavy-block ----

  /**
   * A light row joins the current block: acc += a·(aᵀv), and every stored heavy row's
   * accumulator gets a·(aᵀh) (so the light Gram matrix is also sampled along the heavy directions).
   */
  private accumulateDense(a: Float64Array, off: number, p = Number.NaN, n2 = 0): void {
    const d = this.d;
    const acc = this.acc;
    if (Number.isNaN(p)) {
      // Not precomputed (a demoted heavy row): aᵀv and ‖a‖² now.
      const v = this.v;
      p = 0;
      for (let j = 0; j < d; j++) {
        const x = a[off + j]!;
        p += x * v[j]!;
        n2 += x * x;
      }
    }
    for (let j = 0; j < d; j++) acc[j]! += p * a[off + j]!;
    const H = this.heavyData;
    const HA = this.heavyAcc;
    for (let t = 0; t < this.h; t++) {
      const o = t * d;
      let q = 0;
      for (let j = 0; j < d; j++) q += a[off + j]! * H[o + j]!;
      for (let j = 0; j < d; j++) HA[o + j]! += q * a[off + j]!;
      this.heavyCount[t]!++;
    }
    this.lightSeen++;
    this.blockLight++;
    this.lightFrob += n2;
  }

  /** The sparse-row version of accumulateDense (O((h + 1)·nnz)). */
  private accumulateSparse(idx: Int32Array, val: Float64Array, p0: number, p1: number, p: number, n2: number): void {
    const d = this.d;
    const acc = this.acc;
    for (let q = p0; q < p1; q++) acc[idx[q]!]! += p * val[q]!;
    const H = this.heavyData;
    const HA = this.heavyAcc;
    for (let t = 0; t < this.h; t++) {
      const o = t * d;
      let r = 0;
      for (let q = p0; q < p1; q++) r += val[q]! * H[o + idx[q]!]!;
      for (let q = p0; q < p1; q++) HA[o + idx[q]!]! += r * val[q]!;
      this.heavyCount[t]!++;
    }
    this.lightSeen++;
    this.blockLight++;
    this.lightFrob += n2;
  }

  private storeHeavyDense(a: Float64Array, off: number, n2: number): void {
    const d = this.d;
    if (this.h >= this.maxHeavy) {
      // Full: the smaller of the new row and the smallest stored row becomes light.
      let k = 0;
      for (let t = 1; t < this.h; t++) if (this.heavyNorm2[t]! < this.heavyNorm2[k]!) k = t;
      if (this.heavyNorm2[k]! >= n2) {
        this.accumulateDense(a, off);
        return;
      }
      this.demote(k);
    }
    if ((this.h + 1) * d > this.heavyData.length) {
      const cap = Math.min(Math.max(4, 2 * this.heavyNorm2.length), this.maxHeavy);
      const grow = (old: Float64Array, len: number) => {
        const g = new Float64Array(len);
        g.set(old.subarray(0, Math.min(old.length, len)));
        return g;
      };
      this.heavyData = grow(this.heavyData, cap * d);
      this.heavyAcc = grow(this.heavyAcc, cap * d);
      this.heavyNorm2 = grow(this.heavyNorm2, cap);
      this.heavyCount = grow(this.heavyCount, cap);
    }
    const t = this.h;
    this.heavyData.set(a.subarray(off, off + d), t * d);
    this.heavyAcc.fill(0, t * d, (t + 1) * d);
    this.heavyNorm2[t] = n2;
    this.heavyCount[t] = 0;
    this.h++;
    this.heavySinceStep = true;
  }

  /** Move stored row t to the light rows of the current block and close the gap. */
  private demote(t: number): void {
    const d = this.d;
    const row = this.heavyData.slice(t * d, (t + 1) * d);
    const last = this.h - 1;
    if (t !== last) {
      this.heavyData.copyWithin(t * d, last * d, (last + 1) * d);
      this.heavyAcc.copyWithin(t * d, last * d, (last + 1) * d);
      this.heavyNorm2[t] = this.heavyNorm2[last]!;
      this.heavyCount[t] = this.heavyCount[last]!;
    }
    this.h = last;
    this.accumulateDense(row, 0);
  }

  /** out += Σ_heavy h·(hᵀz) (the exact heavy part of AᵀA times z). */
  private heavyTimes(z: Float64Array, out: Float64Array): Float64Array {
    const d = this.d;
    const H = this.heavyData;
    for (let t = 0; t < this.h; t++) {
      const o = t * d;
      let p = 0;
      for (let j = 0; j < d; j++) p += H[o + j]! * z[j]!;
      for (let j = 0; j < d; j++) out[j]! += p * H[o + j]!;
    }
    return out;
  }

  /**
   * One step of the block power method with Rayleigh–Ritz on span{v, heavy rows}: with
   * Ĝ = (estimate of the light Gram matrix) + (exact heavy Gram matrix), known on the basis
   * Z = [v, h₁, …, h_k] (light part: (t_L/b_L)·acc for v, (t_L/c_i)·acc_i for h_i), take the top
   * Ritz vector r of Ĝ in span(Z) and return Ĝ·r, normalised. With no heavy rows this is the plain
   * power step v ← Ĝv.
   */
  private ritzPowerStep(multiply = true): Float64Array | null {
    const d = this.d;
    const prior = this.lightFrob / d; // mean eigenvalue of the light Gram matrix seen so far
    // Columns of Z and of Ĝ·Z.
    const cols: Float64Array[] = [this.v.slice()];
    const gcols: Float64Array[] = [];
    const gv = new Float64Array(d);
    if (this.blockLight > 0) {
      const f = this.lightSeen / this.blockLight;
      for (let j = 0; j < d; j++) gv[j] = f * this.acc[j]!;
    } else {
      for (let j = 0; j < d; j++) gv[j] = prior * this.v[j]!;
    }
    gcols.push(this.heavyTimes(this.v, gv));
    for (let t = 0; t < this.h; t++) {
      const z = this.heavyData.slice(t * d, (t + 1) * d);
      const g = new Float64Array(d);
      const c = this.heavyCount[t]!;
      if (c > 0) {
        const f = this.lightSeen / c;
        for (let j = 0; j < d; j++) g[j] = f * this.heavyAcc[t * d + j]!;
      } else {
        for (let j = 0; j < d; j++) g[j] = prior * z[j]!;
      }
      cols.push(z);
      gcols.push(this.heavyTimes(z, g));
    }
    let w: Float64Array;
    if (cols.length === 1) {
      w = multiply ? gcols[0]! : cols[0]!;
    } else {
      w = ritzThenMultiply(cols, gcols, d, multiply);
    }
    return normalize(w) ? w : null;
  }

  private afterRow(): void {
    this.blockRows++;
    if (this.blockRows >= this.blockTarget) this.endBlock();
  }

  private endBlock(): void {
    // Demote stored rows that the grown threshold no longer calls heavy (they join this block).
    const tau = this.threshold();
    for (let t = this.h - 1; t >= 0; t--) if (this.heavyNorm2[t]! <= tau) this.demote(t);
    if (this.blockLight > 0 || this.h > 0) {
      const w = this.ritzPowerStep();
      if (w) {
        this.v.set(w);
        this.steps++;
      }
    }
    this.prevBlockLight = this.blockLight;
    this.heavySinceStep = false;
    this.acc.fill(0);
    this.blockLight = 0;
    const next = Math.ceil(this.growth * this.blockRows);
    this.blockRows = 0;
    this.blockTarget = this.planBlock(next);
  }
}

/**
 * Rayleigh–Ritz then one multiplication: given basis vectors z_c (length d) and g_c = Ĝ·z_c,
 * orthonormalise Z = Q·R (linalg's Householder QR; columns that are numerically dependent are
 * dropped), form M = Qᵀ·Ĝ·Q with Ĝ·Q = (Ĝ·Z)·R⁻¹, take its top eigenvector y (linalg's eigh on
 * the small symmetric matrix) and return Ĝ·Q·y (or the Ritz vector Q·y when `multiply` is false).
 */
function ritzThenMultiply(cols: Float64Array[], gcols: Float64Array[], d: number, multiply: boolean): Float64Array {
  let keep = cols.map((_, c) => c);
  for (;;) {
    const k = keep.length;
    const Z = new Float64Array(d * k);
    const GZ = new Float64Array(d * k);
    keep.forEach((c, q) => {
      const z = cols[c]!;
      const g = gcols[c]!;
      for (let j = 0; j < d; j++) {
        Z[j * k + q] = z[j]!;
        GZ[j * k + q] = g[j]!;
      }
    });
    const F = qrDense({ rows: d, cols: k, data: Z });
    const R = qrRDense(F);
    let maxDiag = 0;
    for (let q = 0; q < k; q++) maxDiag = Math.max(maxDiag, Math.abs(R.data[q * k + q]!));
    const bad = [...Array(k).keys()].filter((q) => !(Math.abs(R.data[q * k + q]!) > 1e-10 * maxDiag));
    if (bad.length > 0 && k > 1) {
      const drop = bad[bad.length - 1]!;
      keep = keep.filter((_, q) => q !== drop);
      continue;
    }
    const Q = qrQDense(F);
    // ĜQ = ĜZ·R⁻¹: each row g of ĜZ becomes x with x·R = g, i.e. Rᵀxᵀ = gᵀ.
    for (let j = 0; j < d; j++) solveTriangularVecInPlace(R, GZ.subarray(j * k, (j + 1) * k), false, true);
    const M = new Float64Array(k * k);
    for (let j = 0; j < d; j++) {
      for (let a = 0; a < k; a++) {
        const qa = Q.data[j * k + a]!;
        for (let b = 0; b < k; b++) M[a * k + b]! += qa * GZ[j * k + b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) {
      const s = 0.5 * (M[a * k + b]! + M[b * k + a]!);
      M[a * k + b] = s;
      M[b * k + a] = s;
    }
    // Top eigenvector of the small symmetric M (linalg's eigh: eigenvalues ascending).
    const V = eighDense({ rows: k, cols: k, data: M }).vectors!;
    const y = new Float64Array(k);
    for (let q = 0; q < k; q++) y[q] = V.data[q * k + (k - 1)]!;
    // Ĝ·(Q·y), or the Ritz vector Q·y itself.
    const B = multiply ? GZ : Q.data;
    const w = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += B[j * k + q]! * y[q]!;
      w[j] = s;
    }
    return w;
  }
}
