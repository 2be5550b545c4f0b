/** The median of a list, as R's `median` computes it. */

/**
 * Median of a list of numbers (the list is copied, not changed); `NaN` for an empty list.
 * The middle pair of an even-length list is averaged as `(a + b) / 2`, as R's `median` does.
 *
 * Runs in O(n log n).
 *
 * @example
 * median([5, 1, 3, 2]); // => 2.5
 */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
