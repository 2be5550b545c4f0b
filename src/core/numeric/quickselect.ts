/** Selection in linear time (Floyd & Rivest) and the in-place median it gives. */

/**
 * Reorder `values[left..right]` in place so that `values[k]` holds the value it would hold if that
 * range were sorted ascending, everything before it is `<=` and everything after it is `>=`.
 * Floyd & Rivest's SELECT (Floyd RW, Rivest RL. "Algorithm 489: the algorithm SELECT". Commun ACM
 * 1975;18(3):173), which first narrows the range around k by sampling, so it needs about 1.5n
 * comparisons instead of quickselect's 3.4n. The values must not contain `NaN`.
 *
 * Used for O(n) medians: a million-point run chart needs no sort.
 *
 * Runs in O(n) expected time, O(log n) stack.
 *
 * @param values the numbers to partition (changed in place)
 * @param k the 0-based rank to place, `left <= k <= right`
 * @param left first index of the range (default 0)
 * @param right last index of the range, inclusive (default `values.length - 1`)
 * @returns `values[k]` after partitioning: the k-th smallest value of the range
 * @example
 * quickselect(Float64Array.from([9, 1, 8, 2, 7]), 2); // => 7
 */
export function quickselect(values: Float64Array, k: number, left = 0, right = values.length - 1): number {
  while (right > left) {
    if (right - left > 600) {
      // recurse on a sample-sized window expected to contain the k-th value
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      quickselect(values, k, newLeft, newRight);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, right, left);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return values[k];
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}

/**
 * Median of the first `length` entries of a typed array, found with {@link quickselect} (the entries
 * are reordered). The middle pair of an even count is averaged as `(a + b) / 2`, which is the
 * correctly rounded midpoint, as R's `median` gives. `NaN` when `length` is 0. The values must not
 * contain `NaN`.
 *
 * Runs in O(n) expected time, no extra memory beyond O(log n) stack.
 *
 * @param values the numbers (reordered in place)
 * @param length how many leading entries to use (default: all)
 * @returns the median
 * @example
 * medianInPlace(Float64Array.from([81.1, 81.3])); // => 81.19999999999999
 * medianInPlace(Float64Array.from([5, 1, 3, 2, 4])); // => 3
 */
export function medianInPlace(values: Float64Array, length = values.length): number {
  if (length <= 0) return Number.NaN;
  const mid = length >> 1;
  const upper = quickselect(values, mid, 0, length - 1);
  if (length % 2 === 1) return upper;
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}
