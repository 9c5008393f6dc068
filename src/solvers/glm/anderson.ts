/**
 * Anderson extrapolation of a fixed-point sequence (as in skglm / celer's working-set solvers):
 * from K + 1 iterates w₀..w_K with differences uₖ = wₖ₊₁ − wₖ, the combination
 * Σ cₖ wₖ₊₁ with c = z / 1ᵀz, (UUᵀ) z = 1, is the best affine extrapolation of the limit for a
 * linear iteration. The caller accepts it only if it lowers the objective.
 *
 * @module
 * @internal
 */
import { choSolveInPlace } from '../../linalg/dense/cholesky.js';
import { dotAt } from '../../kernels/blas1.js';

/** Keeps the last K + 1 iterates of a vector of length m. @internal */
export class Anderson {
  private buf: Float64Array[];
  private U: Float64Array[];
  private out: Float64Array;
  // The K x K system UUᵀz = 1 and its solution, reused by every extrapolation.
  private C: Float64Array;
  private z: Float64Array;
  private count = 0;

  constructor(readonly K: number, public m: number) {
    this.buf = Array.from({ length: K + 1 }, () => new Float64Array(m));
    this.U = Array.from({ length: K }, () => new Float64Array(m));
    this.out = new Float64Array(m);
    this.C = new Float64Array(K * K);
    this.z = new Float64Array(K);
  }

  /** Forget the stored iterates and take vectors of length m from now on (buffers grow, never shrink). */
  resize(m: number): void {
    this.count = 0;
    if (m > this.out.length) {
      const cap = Math.max(m, 2 * this.out.length);
      this.buf = Array.from({ length: this.K + 1 }, () => new Float64Array(cap));
      this.U = Array.from({ length: this.K }, () => new Float64Array(cap));
      this.out = new Float64Array(cap);
    }
    this.m = m;
  }

  /** Record an iterate; returns true when K + 1 iterates are stored (time to extrapolate). */
  push(w: Float64Array): boolean {
    this.buf[this.count]!.set(w.subarray(0, this.m));
    this.count++;
    return this.count === this.K + 1;
  }

  /** Forget the stored iterates. */
  reset(): void {
    this.count = 0;
  }

  /**
   * The extrapolated point (its first m entries; a buffer reused by the next call), or null when UUᵀ is numerically
   * singular. Resets the stored iterates.
   */
  extrapolate(): Float64Array | null {
    const K = this.K;
    const m = this.m;
    this.count = 0;
    const U = this.U;
    for (let k = 0; k < K; k++) {
      const d = U[k]!;
      const a = this.buf[k]!;
      const b = this.buf[k + 1]!;
      for (let i = 0; i < m; i++) d[i] = b[i]! - a[i]!;
    }
    const C = this.C;
    let tr = 0;
    for (let a = 0; a < K; a++) {
      for (let b = 0; b <= a; b++) C[a * K + b] = dotAt(m, U[a]!, 0, U[b]!, 0);
      tr += C[a * K + a]!;
    }
    if (!(tr > 0)) return null;
    for (let a = 0; a < K; a++) C[a * K + a] = C[a * K + a]! + 1e-10 * tr;
    const z = this.z.fill(1);
    if (!choSolveInPlace(K, C, z)) return null;
    let sz = 0;
    for (let k = 0; k < K; k++) sz += z[k]!;
    if (!Number.isFinite(sz) || sz === 0) return null;
    const out = this.out.fill(0, 0, m);
    for (let k = 0; k < K; k++) {
      const c = z[k]! / sz;
      const wk = this.buf[k + 1]!;
      for (let i = 0; i < m; i++) out[i] = out[i]! + c * wk[i]!;
    }
    return out;
  }
}
