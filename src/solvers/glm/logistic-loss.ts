/**
 * Numerically stable pieces of the logistic and softmax losses.
 *
 * @module
 * @internal
 */

/** log(1 + eᶻ) without overflow. @internal */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** σ(z) = 1 / (1 + e⁻ᶻ) without overflow. @internal */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log Σₖ exp(z[o + k]) for k < K, shifted by the maximum. @internal */
export function logSumExp(z: Float64Array, o: number, K: number): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[o + k]! > m) m = z[o + k]!;
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(z[o + k]! - m);
  return m + Math.log(s);
}
