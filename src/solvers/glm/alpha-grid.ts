/**
 * The α grid of a regularization path, as scikit-learn's `_alpha_grid`: nAlphas values log-spaced
 * from α_max down to eps·α_max, decreasing.
 *
 * @module
 * @internal
 */

/** np.logspace(log10(eps·α_max), log10(α_max), nAlphas)[::-1]; all zeros when α_max = 0. @internal */
export function alphaGrid(amax: number, nAlphas: number, eps: number): Float64Array {
  const alphas = new Float64Array(nAlphas);
  const hi = Math.log10(amax);
  const lo = Math.log10(eps * amax);
  for (let k = 0; k < nAlphas; k++) {
    const e = nAlphas === 1 ? lo : lo + ((hi - lo) * (nAlphas - 1 - k)) / (nAlphas - 1);
    alphas[k] = amax > 0 ? 10 ** e : 0;
  }
  return alphas;
}
