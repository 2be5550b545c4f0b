/**
 * Internal accumulation helpers for the limit calculations: masked, NaN-skipping sums and means
 * with Neumaier's compensated summation (so that means of decimal data are correctly rounded, as
 * R's extended-precision `mean` and `sum` give; see test/fixtures/README.md, gotcha 2). Infinite
 * terms are kept apart so that they propagate as IEEE arithmetic says instead of turning the
 * compensation into `NaN`.
 */

/**
 * Sum and count of `values[start..end)` where `mask` is 1 (or every index when `mask` is null),
 * skipping `NaN`. Runs in O(end - start), no allocation beyond the result.
 *
 * @example
 * maskedSum(Float64Array.from([0.1, 0.2, NaN, 0.3]), 0, 4, null); // => { sum: 0.6, count: 3 }
 */
export function maskedSum(values: Float64Array, start: number, end: number, mask: Uint8Array | null): { sum: number; count: number } {
  let sum = 0;
  let compensation = 0;
  let nonFinite = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const value = values[i];
    if (value - value === 0) {
      // finite: the common case, one test
      count++;
      const t = sum + value;
      if (Math.abs(sum) >= Math.abs(value)) compensation += sum - t + value;
      else compensation += value - t + sum;
      sum = t;
    } else if (value === value) {
      count++;
      nonFinite += value; // an infinity
    }
  }
  return { sum: nonFinite !== 0 ? nonFinite + sum : sum + compensation, count };
}

/**
 * Mean of `values[start..end)` where `mask` is 1, skipping `NaN` (R's `mean(x, na.rm = TRUE)`);
 * `NaN` when nothing is left.
 *
 * @example
 * maskedMean(Float64Array.from([94.2, 94.2, 94.1, 94.2, 94.2, 94.2, 93.6, 94.2, 94.2, 93.9]), 0, 10, null); // => 94.1
 */
export function maskedMean(values: Float64Array, start: number, end: number, mask: Uint8Array | null): number {
  const { sum, count } = maskedSum(values, start, end, mask);
  return count === 0 ? Number.NaN : sum / count;
}
