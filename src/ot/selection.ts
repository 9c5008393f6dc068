/**
 * Selection of the k largest entries in expected linear time (Floyd–Rivest SELECT, the algorithm
 * behind C++'s `nth_element`), without sorting.
 *
 * @module
 * @internal
 */

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
}

/**
 * Rearrange x[left..right] so that x[k] is the value that would be there after an ascending sort,
 * with smaller-or-equal values before it and larger-or-equal values after it.
 * Floyd & Rivest (1975): partition around a pivot chosen from a recursively selected sample,
 * expected n + min(k, n − k) + o(n) comparisons. A pass counter falls back to sorting the
 * remaining range if the partitioning ever stops shrinking fast (adversarial inputs).
 */
function floydRivest(x: Float64Array, k: number, left: number, right: number, depth: number): void {
  let passes = 0;
  while (right > left) {
    if (++passes > 64 || depth > 32) {
      const sub = x.subarray(left, right + 1);
      sub.sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      floydRivest(x, k, newLeft, newRight, depth + 1);
    }
    const t = x[k]!;
    let i = left;
    let j = right;
    swap(x, left, k);
    if (x[right]! > t) swap(x, left, right);
    while (i < j) {
      swap(x, i, j);
      i++;
      j--;
      while (x[i]! < t) i++;
      while (x[j]! > t) j--;
    }
    if (x[left] === t) swap(x, left, j);
    else {
      j++;
      swap(x, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * The k-th largest of x[0..len) (k ≥ 1), rearranging x[0..len) in place. Expected O(len).
 * NaN-free input assumed.
 * @internal
 */
export function kthLargest(x: Float64Array, len: number, k: number): number {
  if (k < 1 || k > len) throw new RangeError(`kthLargest: k = ${k} not in [1, ${len}]`);
  const idx = len - k;
  floydRivest(x, idx, 0, len - 1, 0);
  return x[idx]!;
}
