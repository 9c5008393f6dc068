/**
 * Divide and conquer for the symmetric tridiagonal eigenproblem (Cuppen 1981; Gu & Eisenstat
 * 1995, as LAPACK's dstedc): split T into two halves plus a rank-one correction, solve the halves
 * recursively, then the rank-one modification D + ρzzᵀ by deflation, the secular equation and
 * Löwner's formula (which keeps the eigenvectors orthogonal), and the eigenvectors of T by one
 * matrix product per merge. O(n²) for the eigenvalues and about 4n³/3 flops (matmul kernel) for the
 * vectors, against about 6n³ scalar rotation flops for QL.
 *
 * @module
 * @internal
 */
import { hypot2 } from '../../kernels/blas1.js';
import { gemm } from './gemm.js';
import { tql2 } from './tql2.js';

const EPS = 2.220446049250313e-16;
/** Below this order the QL iteration is used directly. */
const SMALL = 24;

/** Eigenvalues (ascending) and eigenvectors (columns of a row-major n x n matrix). @internal */
export interface TridiagEig {
  w: Float64Array;
  Q: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric tridiagonal matrix with diagonal d (length n) and
 * off-diagonal e (length n − 1); inputs are not modified.
 * @internal
 */
export function tridiagonalEig(d: Float64Array, e: Float64Array): TridiagEig {
  const n = d.length;
  if (n <= SMALL) return smallEig(d, e);
  const k = n >> 1;
  const rho = e[k - 1]!;
  const d1 = d.slice(0, k);
  const d2 = d.slice(k);
  d1[k - 1] = d1[k - 1]! - rho;
  d2[0] = d2[0]! - rho;
  const left = tridiagonalEig(d1, e.subarray(0, k - 1));
  const right = tridiagonalEig(d2, e.subarray(k, n - 1));
  return merge(left, right, k, n, rho);
}

function smallEig(d: Float64Array, e: Float64Array): TridiagEig {
  const n = d.length;
  const w = d.slice();
  const zt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  tql2(w, e, zt);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => w[a]! - w[b]!);
  const Q = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const src = order[c]! * n;
    for (let r = 0; r < n; r++) Q[r * n + c] = zt[src + r]!;
  }
  return { w: Float64Array.from(order, (i) => w[i]!), Q };
}

/**
 * Roots of the secular equation 1 + ρ Σ zᵢ²/(dᵢ − λ) = 0 for sorted d (strictly increasing),
 * ρ > 0 and nonzero z. Returns λ and δ (K x K row-major, δ[i][j] = dᵢ − λⱼ computed accurately).
 */
function secular(dk: Float64Array, zk: Float64Array, rho: number): { lam: Float64Array; delta: Float64Array } {
  const K = dk.length;
  const lam = new Float64Array(K);
  const delta = new Float64Array(K * K);
  const z2 = new Float64Array(K);
  let zz = 0;
  for (let i = 0; i < K; i++) {
    z2[i] = zk[i]! * zk[i]!;
    zz += z2[i]!;
  }
  const dsh = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    const last = j === K - 1;
    // Pick the origin at the nearer pole: evaluate f at the midpoint of the interval.
    let origin: number;
    let lo: number;
    let hi: number;
    if (last) {
      origin = dk[j]!;
      lo = 0;
      hi = rho * zz;
    } else {
      const gap = dk[j + 1]! - dk[j]!;
      const mid = gap / 2;
      let fmid = 1;
      for (let i = 0; i < K; i++) fmid += (rho * z2[i]!) / (dk[i]! - dk[j]! - mid);
      if (fmid >= 0) {
        origin = dk[j]!;
        lo = 0;
        hi = mid;
      } else {
        origin = dk[j + 1]!;
        lo = -mid;
        hi = 0;
      }
    }
    for (let i = 0; i < K; i++) dsh[i] = dk[i]! - origin;
    // Start inside the bracket and iterate the two-pole rational model (middle way), with bisection
    // as the safeguard.
    let tau = (lo + hi) / 2;
    const dj = dsh[j]!;
    const dj1 = last ? 0 : dsh[j + 1]!;
    for (let it = 0; it < 80; it++) {
      let psi = 0;
      let dpsi = 0;
      let phi = 0;
      let dphi = 0;
      for (let i = 0; i <= j; i++) {
        const t = 1 / (dsh[i]! - tau);
        const v = rho * z2[i]! * t;
        psi += v;
        dpsi += v * t;
      }
      for (let i = j + 1; i < K; i++) {
        const t = 1 / (dsh[i]! - tau);
        const v = rho * z2[i]! * t;
        phi += v;
        dphi += v * t;
      }
      const f = 1 + psi + phi;
      const errBound = 8 * EPS * K * (1 + Math.abs(psi) + Math.abs(phi) + Math.abs(tau) * (dpsi + dphi));
      if (Math.abs(f) <= errBound || !Number.isFinite(f)) break;
      if (f < 0) lo = tau;
      else hi = tau;
      if (hi - lo <= 2 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) break;
      let next: number;
      if (last) {
        // 1 + a + b/(dj − t) = 0 with ψ ≈ a + b/(dj − t).
        const b = dpsi * (dj - tau) * (dj - tau);
        const a = psi - b / (dj - tau);
        next = 1 + a + phi > 0 ? dj + b / (1 + a + phi) : NaN;
      } else {
        const b = dpsi * (dj - tau) * (dj - tau);
        const e2 = dphi * (dj1 - tau) * (dj1 - tau);
        const a0 = 1 + psi - b / (dj - tau) + phi - e2 / (dj1 - tau);
        // a0 (dj − t)(dj1 − t) + b (dj1 − t) + e2 (dj − t) = 0
        const qa = a0;
        const qb = -(a0 * (dj + dj1) + b + e2);
        const qc = a0 * dj * dj1 + b * dj1 + e2 * dj;
        if (qa === 0) next = -qc / qb;
        else {
          const disc = Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc));
          const r1 = qb <= 0 ? (-qb + disc) / (2 * qa) : (2 * qc) / (-qb - disc);
          const r2 = qc / (qa * r1);
          next = r1 > dj && r1 < dj1 ? r1 : r2;
        }
      }
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      tau = next;
    }
    lam[j] = origin + tau;
    for (let i = 0; i < K; i++) delta[i * K + j] = dsh[i]! - tau;
  }
  return { lam, delta };
}

function merge(left: TridiagEig, right: TridiagEig, k: number, n: number, rho: number): TridiagEig {
  const n2 = n - k;
  // Qb = blockdiag(Q1, Q2), explicit (columns may be rotated together by deflation).
  const Qb = new Float64Array(n * n);
  for (let i = 0; i < k; i++) Qb.set(left.Q.subarray(i * k, (i + 1) * k), i * n);
  for (let i = 0; i < n2; i++) Qb.set(right.Q.subarray(i * n2, (i + 1) * n2), (k + i) * n + k);
  const d = new Float64Array(n);
  d.set(left.w, 0);
  d.set(right.w, k);
  if (rho === 0) return finish(d, Qb, n);
  const z = new Float64Array(n);
  for (let i = 0; i < k; i++) z[i] = left.Q[(k - 1) * k + i]!;
  for (let i = 0; i < n2; i++) z[k + i] = right.Q[i]!;
  // Column types: 1 nonzero only in the top k rows, 2 only in the bottom, 3 both.
  const type = new Uint8Array(n);
  type.fill(1, 0, k);
  type.fill(2, k, n);
  // ρ < 0: solve −D + |ρ|zzᵀ and negate.
  const sgn = rho > 0 ? 1 : -1;
  let r = Math.abs(rho);
  for (let i = 0; i < n; i++) d[i] = sgn * d[i]!;
  let zn = 0;
  for (let i = 0; i < n; i++) zn += z[i]! * z[i]!;
  zn = Math.sqrt(zn);
  for (let i = 0; i < n; i++) z[i] = z[i]! / zn;
  r *= zn * zn;
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a]! - d[b]!);
  let dmax = 0;
  for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i]!));
  const tol = 8 * EPS * Math.max(dmax, r);
  const kept: number[] = [];
  const deflated: number[] = [];
  let pj = -1;
  for (const j of perm) {
    if (r * Math.abs(z[j]!) <= tol) {
      deflated.push(j);
      continue;
    }
    if (pj < 0) {
      pj = j;
      continue;
    }
    // Close eigenvalues: a rotation moves z[pj] onto z[j].
    let s = z[pj]!;
    let c = z[j]!;
    const tau = hypot2(c, s);
    const t = d[j]! - d[pj]!;
    c /= tau;
    s = -s / tau;
    if (Math.abs(t * c * s) <= tol) {
      z[j] = tau;
      z[pj] = 0;
      // Columns pj, j of Qb: (pj, j) ← (c·pj − s·j, s·pj + c·j), matching LAPACK's drot.
      for (let row = 0; row < n; row++) {
        const a = Qb[row * n + pj]!;
        const b = Qb[row * n + j]!;
        Qb[row * n + pj] = c * a + s * b;
        Qb[row * n + j] = c * b - s * a;
      }
      if (type[pj] !== type[j]) {
        type[pj] = 3;
        type[j] = 3;
      }
      const tt = d[pj]! * c * c + d[j]! * s * s;
      d[j] = d[pj]! * s * s + d[j]! * c * c;
      d[pj] = tt;
      deflated.push(pj);
      pj = j;
    } else {
      kept.push(pj);
      pj = j;
    }
  }
  if (pj >= 0) kept.push(pj);
  kept.sort((a, b) => d[a]! - d[b]!);
  const K = kept.length;
  const out = new Float64Array(n);
  const Qn = new Float64Array(n * n); // new eigenvectors as columns, in the order: kept then deflated
  if (K > 0) {
    const dk = Float64Array.from(kept, (i) => d[i]!);
    const zk = Float64Array.from(kept, (i) => z[i]!);
    const { lam, delta } = secular(dk, zk, r);
    // Löwner: ẑᵢ² = Πⱼ(λⱼ − dᵢ) / (ρ Π_{j≠i}(dⱼ − dᵢ)), paired as ratios to avoid overflow.
    const zh = new Float64Array(K);
    for (let i = 0; i < K; i++) {
      let p = -delta[i * K + K - 1]! / r;
      for (let j = 0; j < i; j++) p *= -delta[i * K + j]! / (dk[j]! - dk[i]!);
      for (let j = i; j < K - 1; j++) p *= -delta[i * K + j]! / (dk[j + 1]! - dk[i]!);
      zh[i] = Math.sign(zk[i]!) * Math.sqrt(Math.max(p, 0));
    }
    // U (K x K): column j ∝ (ẑᵢ / δᵢⱼ)ᵢ.
    const U = new Float64Array(K * K);
    for (let j = 0; j < K; j++) {
      let s2 = 0;
      for (let i = 0; i < K; i++) {
        const v = zh[i]! / delta[i * K + j]!;
        U[i * K + j] = v;
        s2 += v * v;
      }
      const inv = 1 / Math.sqrt(s2);
      for (let i = 0; i < K; i++) U[i * K + j] = U[i * K + j]! * inv;
      out[j] = sgn * lam[j]!;
    }
    // New vectors: top rows from columns of type 1/3, bottom rows from type 2/3.
    for (const [rows0, rows1, use] of [[0, k, 2], [k, n, 1]] as const) {
      const sel: number[] = [];
      for (let t = 0; t < K; t++) if (type[kept[t]!] !== use) sel.push(t);
      if (sel.length === 0) continue;
      const nr = rows1 - rows0;
      const ns = sel.length;
      const Qs = new Float64Array(nr * ns);
      for (let row = 0; row < nr; row++) {
        const src = (rows0 + row) * n;
        for (let c = 0; c < ns; c++) Qs[row * ns + c] = Qb[src + kept[sel[c]!]!]!;
      }
      const Us = new Float64Array(ns * K);
      for (let c = 0; c < ns; c++) Us.set(U.subarray(sel[c]! * K, (sel[c]! + 1) * K), c * K);
      gemm(false, false, nr, K, ns, 1, Qs, 0, ns, Us, 0, K, 0, Qn, rows0 * n, n);
    }
  }
  // Deflated pairs keep their (possibly rotated) columns.
  for (let t = 0; t < deflated.length; t++) {
    const j = deflated[t]!;
    out[K + t] = sgn * d[j]!;
    for (let row = 0; row < n; row++) Qn[row * n + K + t] = Qb[row * n + j]!;
  }
  return finish(out, Qn, n);
}

/** Sort eigenvalues ascending and permute the eigenvector columns accordingly. */
function finish(w: Float64Array, Q: Float64Array, n: number): TridiagEig {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => w[a]! - w[b]!);
  let sorted = true;
  for (let i = 0; i < n; i++) if (order[i] !== i) { sorted = false; break; }
  if (sorted) return { w, Q };
  const Qs = new Float64Array(n * n);
  for (let row = 0; row < n; row++) {
    const o = row * n;
    for (let c = 0; c < n; c++) Qs[o + c] = Q[o + order[c]!]!;
  }
  return { w: Float64Array.from(order, (i) => w[i]!), Q: Qs };
}
