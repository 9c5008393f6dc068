/**
 * Best-subset moves on a support, scored exactly without refits: the forward step (add the column
 * that lowers the least-squares residual most) and the exchange (swap a column of S for one outside
 * it when that lowers the residual), as in the splicing of abess and the swaps of L0Learn. On
 * strongly correlated designs a greedy or Lasso path tends to hold a true column's neighbour
 * instead of the column itself; one exchange fixes that, and no path proposes it.
 *
 * With G = X_SᵀX_S, H = G⁻¹, w the least-squares coefficients on S, r_S the residual, b_c = X_Sᵀx_c
 * and v_c = H·b_c: adding c lowers the residual sum of squares by (x_cᵀr_S)²/(‖x_c‖² − b_cᵀv_c);
 * removing j ∈ S raises it by w_j²/H_jj, and adding c to S∖{j} then lowers it by
 * (x_cᵀr_{−j})²/‖P⊥_{S∖j}x_c‖², where x_cᵀr_{−j} = x_cᵀr_S + (v_c)_j·w_j/H_jj and
 * ‖P⊥_{S∖j}x_c‖² = ‖x_c‖² − b_cᵀv_c + (v_c)_j²/H_jj. One scan of all d columns is O(|S|²d); the
 * rows Xᵀx_j of the columns that have been in S are computed once (O(nd) each) and kept.
 *
 * @module
 */
import { choleskyDense, choSolveVec } from '../../linalg/dense/cholesky.js';
import { dot } from '../../kernels/blas1.js';
import { matmulDense } from '../../linalg/dense/matmul.js';
import { rmatvecDense } from '../../linalg/dense/matvec.js';
import type { DenseMatrix } from '../../core/dense.js';

/** The spliced supports of one centred problem (Z, y). @internal */
export interface SupportSplicer {
  /**
   * Supports of sizes 1, 2, …: forward, size s is size s − 1's support plus the best added column,
   * then exchanged while an exchange lowers the residual (at most `maxSwaps` per size), up to
   * `cap` or until `stop(size, rss)` returns true (that size is kept) or X_S is singular; then
   * backward, size s − 1 from size s without its cheapest column, exchanged likewise, replacing
   * the forward support of that size when its residual is lower.
   */
  path(cap: number, stop: (size: number, rss: number) => boolean): Int32Array[];
}

/** Best moves from S found by one scan. */
interface Scan {
  rss: number;
  /** Best column to add and the residual after adding it (-1, rss when none). */
  add: number;
  addRss: number;
  /** The column of S whose removal raises the residual least (position in S; -1 when S is empty). */
  drop: number;
  /** Best exchange (position in S, column) and the residual after it (-1 when none improves). */
  out: number;
  into: number;
  swapRss: number;
}

/**
 * A splicer for the centred problem (Z, y), Z an explicit n x d matrix (the columns a path may
 * choose from; indices of the result are Z's columns); `maxSwaps` bounds the exchanges per size.
 * @internal
 */
export function supportSplicer(Z: DenseMatrix, y: Float64Array, maxSwaps = 20): SupportSplicer {
  const { rows: n, cols: d, data } = Z;
  const xty = rmatvecDense(Z, y);
  const norms2 = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) norms2[j] = norms2[j]! + data[i * d + j]! ** 2;
  const yy = dot(y, y);
  const rows = new Map<number, Float64Array>();
  const row = (j: number) => {
    let r = rows.get(j);
    if (!r) {
      r = rmatvecDense(Z, Float64Array.from({ length: n }, (_, i) => data[i * d + j]!));
      rows.set(j, r);
    }
    return r;
  };
  const scan = (S: number[]): Scan | null => {
    const s = S.length;
    const B = S.map(row);
    const G = new Float64Array(s * s);
    for (let a = 0; a < s; a++) for (let b = 0; b < s; b++) G[a * s + b] = B[a]![S[b]!]!;
    let L;
    try {
      L = s > 0 ? choleskyDense({ rows: s, cols: s, data: G }) : null;
    } catch {
      return null; // X_S is numerically singular
    }
    const H = new Float64Array(s * s);
    const e = new Float64Array(s);
    for (let a = 0; a < s; a++) {
      e.fill(0);
      e[a] = 1;
      H.set(choSolveVec(L!, e), a * s);
    }
    const w = L ? choSolveVec(L, Float64Array.from(S, (j) => xty[j]!)) : new Float64Array(0);
    let rss = yy;
    for (let a = 0; a < s; a++) rss -= w[a]! * xty[S[a]!]!;
    const inS = new Uint8Array(d);
    for (const j of S) inS[j] = 1;
    const wh = Float64Array.from(S, (_, a) => w[a]! / H[a * s + a]!);
    const r: Scan = { rss, add: -1, addRss: rss, drop: -1, out: -1, into: -1, swapRss: rss * (1 - 1e-9) };
    for (let a = 0, least = Infinity; a < s; a++) {
      if (w[a]! * wh[a]! < least) {
        least = w[a]! * wh[a]!;
        r.drop = a;
      }
    }
    // Bm = X_SᵀX (s x d), V = H·Bm (column c is v_c); u = Xᵀr_S; base_c = ‖x_c‖² − b_cᵀv_c.
    const Bm = new Float64Array(s * d);
    for (let a = 0; a < s; a++) Bm.set(B[a]!, a * d);
    const V = s > 0 ? matmulDense({ rows: s, cols: s, data: H }, { rows: s, cols: d, data: Bm }).data : Bm;
    const u = Float64Array.from(xty);
    const base = Float64Array.from(norms2);
    for (let a = 0; a < s; a++) {
      const o = a * d;
      const wa = w[a]!;
      for (let c = 0; c < d; c++) {
        u[c] = u[c]! - wa * Bm[o + c]!;
        base[c] = base[c]! - Bm[o + c]! * V[o + c]!;
      }
    }
    for (let c = 0; c < d; c++) {
      if (inS[c] || !(norms2[c]! > 0) || !(base[c]! > 1e-10 * norms2[c]!)) continue;
      const t = rss - (u[c]! * u[c]!) / base[c]!;
      if (t < r.addRss) {
        r.addRss = t;
        r.add = c;
      }
    }
    for (let a = 0; a < s; a++) {
      const o = a * d;
      const h = H[a * s + a]!;
      const up = rss + w[a]! * wh[a]!;
      for (let c = 0; c < d; c++) {
        if (inS[c] || !(norms2[c]! > 0)) continue;
        const vc = V[o + c]!;
        const num = u[c]! + vc * wh[a]!;
        const den = base[c]! + (vc * vc) / h;
        if (!(den > 1e-10 * norms2[c]!)) continue;
        const t = up - (num * num) / den;
        if (t < r.swapRss) {
          r.swapRss = t;
          r.out = a;
          r.into = c;
        }
      }
    }
    return r;
  };
  // Exchanges from S (in place) while they lower the residual; the final scan, null if singular.
  const exchange = (S: number[], sc: Scan | null): Scan | null => {
    for (let t = 0; sc && sc.out >= 0 && t < maxSwaps; t++) {
      S[sc.out] = sc.into;
      sc = scan(S);
    }
    return sc;
  };
  const path = (cap: number, stop: (size: number, rss: number) => boolean): Int32Array[] => {
    const out: number[][] = [];
    const rss: number[] = [];
    const S: number[] = [];
    let sc = scan(S);
    const top = Math.min(cap, d, Math.max(n - 1, 0));
    // Forward: each size from the previous one by the best added column, then exchanges.
    while (sc && sc.add >= 0 && S.length < top) {
      S.push(sc.add);
      sc = exchange(S, scan(S));
      if (!sc) break;
      out.push([...S]);
      rss.push(sc.rss);
      if (stop(S.length, sc.rss)) break;
    }
    // Backward: each size from the next one by dropping its cheapest column, then exchanges; kept
    // where it beats the forward support of that size (a search that stalled at size s often
    // reaches the right support at a larger size, with a few spare columns).
    for (let i = out.length - 1; i > 0; i--) {
      const T = [...out[i]!];
      const st = scan(T);
      if (!st || st.drop < 0) continue;
      T.splice(st.drop, 1);
      const sb = exchange(T, scan(T));
      if (sb && sb.rss < rss[i - 1]! * (1 - 1e-9)) {
        out[i - 1] = T;
        rss[i - 1] = sb.rss;
      }
    }
    return out.map((T) => Int32Array.from(T).sort());
  };
  return { path };
}
