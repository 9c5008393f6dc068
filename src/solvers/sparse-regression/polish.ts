/**
 * Swap polishing of a proposed support: at a fixed size, exchange one column of S for one outside
 * it whenever that lowers the least-squares residual, until no single exchange does (a local
 * minimum of best-subset selection at that size, as in the splicing of abess and the swaps of
 * L0Learn). On strongly correlated designs a Lasso path tends to hold a true column's neighbour
 * instead of, or beside, the column itself; one exchange fixes that and the path never proposes it.
 *
 * Every exchange is scored exactly, without a refit: with G = X_SᵀX_S, H = G⁻¹, w the least-squares
 * coefficients on S, b_c = X_Sᵀx_c and v_c = H·b_c, removing j ∈ S raises the residual sum of
 * squares by w_j²/H_jj, and adding c to S∖{j} then lowers it by (x_cᵀr_{−j})²/‖P⊥_{S∖j}x_c‖², where
 * x_cᵀr_{−j} = x_cᵀr_S + (v_c)_j·w_j/H_jj and ‖P⊥_{S∖j}x_c‖² = ‖x_c‖² − b_cᵀv_c + (v_c)_j²/H_jj.
 * The rows Xᵀx_j of the columns that have been in S are computed once and kept.
 *
 * @module
 */
import { choleskyDense, choSolveVec } from '../../linalg/dense/cholesky.js';
import { dot } from '../../kernels/blas1.js';
import { preparedColumns, type PreparedRegression } from './design.js';
import { centredSquaredNorms } from './screening.js';

/** Polishes supports of one prepared problem (its rows and centring). @internal */
export interface SupportPolisher {
  /** The support reached from S (ascending) by improving single exchanges; S itself when none improves. */
  polish(S: Int32Array): Int32Array;
}

/**
 * A polisher for the prepared (centred) problem p. Each exchange costs O(|S|²d) plus O(nd) for a
 * column new to S; at most `maxSwaps` exchanges per support; a support seen before is not redone.
 * @internal
 */
export function supportPolisher(p: PreparedRegression, maxSwaps = 20): SupportPolisher {
  const { n, d } = p.design;
  const xty = p.columnStats?.xty ?? p.op.rmatvec(p.y);
  const norms2 = p.columnStats?.sq ?? centredSquaredNorms(p);
  const yy = dot(p.y, p.y);
  const rows = new Map<number, Float64Array>();
  const row = (j: number) => {
    let r = rows.get(j);
    if (!r) {
      r = p.op.rmatvec(preparedColumns(p, [j]).data);
      rows.set(j, r);
    }
    return r;
  };
  const done = new Map<string, Int32Array>();
  const polish = (S0: Int32Array): Int32Array => {
    const s = S0.length;
    if (s === 0 || s >= Math.min(n - 1, d)) return S0;
    const key = S0.join();
    const known = done.get(key);
    if (known) return known;
    const S = Array.from(S0);
    for (let swap = 0; swap < maxSwaps; swap++) {
      const B = S.map(row);
      const G = new Float64Array(s * s);
      for (let a = 0; a < s; a++) for (let b = 0; b < s; b++) G[a * s + b] = B[a]![S[b]!]!;
      let L;
      try {
        L = choleskyDense({ rows: s, cols: s, data: G });
      } catch {
        break; // X_S is numerically singular: leave S as it is.
      }
      const H = new Float64Array(s * s);
      const e = new Float64Array(s);
      for (let a = 0; a < s; a++) {
        e.fill(0);
        e[a] = 1;
        H.set(choSolveVec(L, e), a * s);
      }
      const w = choSolveVec(L, Float64Array.from(S, (j) => xty[j]!));
      let rss = yy;
      for (let a = 0; a < s; a++) rss -= w[a]! * xty[S[a]!]!;
      const inS = new Uint8Array(d);
      for (const j of S) inS[j] = 1;
      // Removal cost of each j ∈ S: w_j²/H_jj, and w_j/H_jj for the correlation update.
      const wh = Float64Array.from(S, (_, a) => w[a]! / H[a * s + a]!);
      let best = rss * (1 - 1e-9);
      let out = -1;
      let into = -1;
      const bc = new Float64Array(s);
      const vc = new Float64Array(s);
      for (let c = 0; c < d; c++) {
        if (inS[c] || !(norms2[c]! > 0)) continue;
        let u = xty[c]!;
        for (let a = 0; a < s; a++) {
          bc[a] = B[a]![c]!;
          u -= w[a]! * bc[a]!;
        }
        let pS = 0;
        for (let a = 0; a < s; a++) {
          let v = 0;
          for (let b = 0; b < s; b++) v += H[a * s + b]! * bc[b]!;
          vc[a] = v;
          pS += bc[a]! * v;
        }
        const base = norms2[c]! - pS;
        for (let a = 0; a < s; a++) {
          const h = H[a * s + a]!;
          const num = u + vc[a]! * wh[a]!;
          const den = base + (vc[a]! * vc[a]!) / h;
          if (!(den > 1e-10 * norms2[c]!)) continue;
          const r = rss + w[a]! * wh[a]! - (num * num) / den;
          if (r < best) {
            best = r;
            out = a;
            into = c;
          }
        }
      }
      if (out < 0) break;
      S[out] = into;
      S.sort((x, y) => x - y);
    }
    const result = Int32Array.from(S);
    done.set(key, result);
    return result;
  };
  return { polish };
}
