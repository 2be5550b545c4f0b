/** Compensated (Neumaier) summation and the mean built on it. */

/**
 * Sum with Neumaier's compensated summation, so that the mean of decimal inputs is correctly rounded
 * in the cases where naive `sum / n` is one unit in the last place off (qicharts2 computes in R's
 * extended precision; see test/fixtures/README.md, gotcha 2).
 *
 * Runs in O(n).
 *
 * @example
 * compensatedSum([0.1, 0.2, 0.3]); // => 0.6
 */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const t = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) compensation += sum - t + value;
    else compensation += value - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Arithmetic mean with compensated summation; `NaN` for an empty list.
 *
 * @example
 * mean([1, 2, 3, 4]); // => 2.5
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return compensatedSum(values) / values.length;
}
