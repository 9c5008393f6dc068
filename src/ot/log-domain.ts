/**
 * Log-sum-exp passes over the entropic plan P_ij = exp(U_i + V_j − G_ij), the hot loops of the
 * log-domain Sinkhorn iterations and of SNS.
 *
 * Internally potentials are scaled: U_i = η·x̃_i − 1, V_j = η·ỹ_j and G = η·C̃ (C̃ the reduced cost of
 * `scaled-cost.ts`), so that log P_ij = U_i + V_j − G_ij = η(x_i + y_j − C_ij) − 1 (the normalisation
 * of the public API).
 *
 * Speed: one `Math.exp` costs ~10 ns, and near the solution most entries of P are negligible
 * (at η = 1200 on costs in [0, 1], most exponents are below −50). A fast pass therefore skips
 * entries whose exponent is below a truncation level τ; their total is at most len·e^τ. The result
 * of a line (row or column) is accepted only when that bound is below 2^-56 of the line's sum
 * (i.e. below rounding); otherwise, or when the sum is not finite (overflow, in a poorly scaled
 * start), the line is recomputed exactly with the max-shifted log-sum-exp
 * M + log Σ exp(e − M), which can neither overflow nor underflow to −∞. So the passes are exact to
 * rounding and never overflow, for any potentials.
 *
 * @module
 * @internal
 */

/** Relative size of the skipped mass allowed in a fast line sum (below double rounding). @internal */
const SKIP_REL = 2 ** -56;

/** Fast sums below this (near the subnormal range) are recomputed exactly. */
const MIN_FAST_SUM = 1e-290;

/**
 * Truncation level for lines of length `len` whose sums are expected to be near `minMass`:
 * the fast sum of a line is accepted when it is at least `accept` = 2^-10·minMass, and τ is chosen
 * so that len·e^τ ≤ 2^-56·accept.
 * @internal
 */
export interface Truncation {
  /** Exponents below tau are skipped in fast passes. */
  tau: number;
  /** Smallest line sum accepted from a fast pass. */
  accept: number;
}

/** The {@link Truncation} for lines of `len` entries with expected sums ≥ `minMass`. @internal */
export function truncation(minMass: number, len: number): Truncation {
  const accept = Math.max(minMass * 2 ** -10, MIN_FAST_SUM);
  const tau = Math.log((SKIP_REL * accept) / Math.max(1, len));
  // exp(tau) may underflow for absurdly small masses: then nothing can be skipped safely.
  return Number.isFinite(tau) && tau > -700 ? { tau, accept } : { tau: -745.2, accept: MIN_FAST_SUM };
}

/**
 * Exact log Σ_j exp(U_i + V_j − G_ij) for row i (max-shifted, no truncation).
 * @internal
 */
export function rowLogSumExact(G: Float64Array, U: Float64Array, V: Float64Array, i: number, m: number): number {
  const base = i * m;
  const ui = U[i]!;
  let mx = -Infinity;
  for (let j = 0; j < m; j++) {
    const e = ui + V[j]! - G[base + j]!;
    if (e > mx) mx = e;
  }
  if (mx === -Infinity) return -Infinity;
  let s = 0;
  for (let j = 0; j < m; j++) s += Math.exp(ui + V[j]! - G[base + j]! - mx);
  return mx + Math.log(s);
}

/**
 * Exact log Σ_i exp(U_i + V_j − G_ij) for column j (strided, max-shifted).
 * @internal
 */
export function colLogSumExact(G: Float64Array, U: Float64Array, V: Float64Array, j: number, n: number, m: number): number {
  const vj = V[j]!;
  let mx = -Infinity;
  for (let i = 0, k = j; i < n; i++, k += m) {
    const e = U[i]! + vj - G[k]!;
    if (e > mx) mx = e;
  }
  if (mx === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0, k = j; i < n; i++, k += m) s += Math.exp(U[i]! + vj - G[k]! - mx);
  return mx + Math.log(s);
}

/**
 * Row sums of P: `sums[i]` = Σ_j P_ij and `logSums[i]` = its logarithm, for i in [0, n).
 * Fast truncated pass with exact fallback per row (see the module notes). O(n·m).
 * @internal
 */
export function rowLogSums(
  G: Float64Array, U: Float64Array, V: Float64Array, n: number, m: number, tr: Truncation,
  logSums: Float64Array, sums: Float64Array,
): void {
  const { tau, accept } = tr;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const ui = U[i]!;
    let s = 0;
    for (let j = 0; j < m; j++) {
      const e = ui + V[j]! - G[base + j]!;
      if (e > tau) s += Math.exp(e);
    }
    if (s >= accept && s < 1e300) {
      sums[i] = s;
      logSums[i] = Math.log(s);
    } else {
      const l = rowLogSumExact(G, U, V, i, m);
      logSums[i] = l;
      sums[i] = Math.exp(l);
    }
  }
}

/**
 * Column sums of P: `sums[j]` = Σ_i P_ij and `logSums[j]` = its logarithm, for j in [0, m).
 * Streams G row by row (cache friendly), with an exact strided fallback per column. O(n·m).
 * @internal
 */
export function colLogSums(
  G: Float64Array, U: Float64Array, V: Float64Array, n: number, m: number, tr: Truncation,
  logSums: Float64Array, sums: Float64Array,
): void {
  const { tau, accept } = tr;
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const ui = U[i]!;
    for (let j = 0; j < m; j++) {
      const e = ui + V[j]! - G[base + j]!;
      if (e > tau) sums[j] = sums[j]! + Math.exp(e);
    }
  }
  for (let j = 0; j < m; j++) {
    const s = sums[j]!;
    if (s >= accept && s < 1e300) {
      logSums[j] = Math.log(s);
    } else {
      const l = colLogSumExact(G, U, V, j, n, m);
      logSums[j] = l;
      sums[j] = Math.exp(l);
    }
  }
}
