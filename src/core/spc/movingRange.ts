/**
 * Moving ranges and the average moving range, with Nelson's screening of large moving ranges,
 * the basis of the I, T, P′ and U′ chart limits.
 */

import { describeValue, toSeries } from "../runchart/series";
import { CoreError } from "../errors";

/**
 * d2 for subgroups of two: sigma is estimated as MR̄ / 1.128 (Montgomery, Introduction to
 * Statistical Quality Control, eq. 6.33 and Appendix VI; qicharts2 uses the same rounded value).
 */
export const MOVING_RANGE_D2 = 1.128;

/**
 * D4 for subgroups of two: the upper limit of a moving-range chart is 3.267·MR̄ (Montgomery,
 * Appendix VI). Nelson (1982, J Qual Technol 14:172-173) screens out moving ranges at or above this
 * limit before estimating sigma; qicharts2 does so when attached (`qic.screenedmr`).
 */
export const MOVING_RANGE_D4 = 3.267;

/**
 * Moving ranges |x[i] - x[i-1]|. The first entry, and any entry next to a missing value, is
 * `null` (a range needs two consecutive observations).
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @returns one entry per value
 * @throws {CoreError} invalid_value for a non-finite entry
 * @example
 * movingRanges([3, 5, null, 4, 1]); // => [null, 2, null, null, 3]
 */
export function movingRanges(values: ReadonlyArray<number | null>): (number | null)[] {
  const series = toSeries(values, "movingRanges");
  const ranges: (number | null)[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) {
    const range = i === 0 ? Number.NaN : Math.abs(series[i] - series[i - 1]);
    ranges[i] = range === range ? range : null;
  }
  return ranges;
}

/**
 * Average moving range MR̄ of consecutive observations, optionally with Nelson's screening:
 * moving ranges >= 3.267·MR̄ ({@link MOVING_RANGE_D4}) are dropped and MR̄ is recomputed once
 * (Nelson 1982; qicharts2 `qic.screenedmr`, on when the package is attached). Ranges next to a
 * missing value are skipped. Sigma for an I chart is MR̄ / {@link MOVING_RANGE_D2}.
 *
 * When every moving range is 0, screening drops them all ("≥ 3.267·0") and the result is `null`,
 * exactly as qicharts2 then gives no limits.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param options `screen`: apply Nelson's screening (default true)
 * @returns MR̄, or `null` when there is no moving range (fewer than two consecutive values, or all screened out)
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a non-boolean `screen`
 * @example
 * averageMovingRange([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 20]); // => 1
 * averageMovingRange([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 20], { screen: false }); // => 2.6363636363636362
 * averageMovingRange([4, 4, 4]); // => null
 */
export function averageMovingRange(values: ReadonlyArray<number | null>, options: { screen?: boolean | undefined } = {}): number | null {
  const screen = options?.screen ?? true;
  if (typeof screen !== "boolean") {
    throw new CoreError("invalid_option", `averageMovingRange: invalid screen ${describeValue(screen)} (expected true or false)`);
  }
  const series = toSeries(values, "averageMovingRange");
  const average = averageMovingRangeOf(series, 0, series.length, null, 0, screen);
  return Number.isNaN(average) ? null : average;
}

/**
 * Internal: MR̄ of the points of `values[start..end)` whose `mask` entry is 1 (every point when
 * `mask` is null), taken in order: each range is |(vᵢ - center) - (vⱼ - center)| between
 * consecutive masked points, as qicharts2 computes `abs(diff(y[base] - cl))` (so an excluded point
 * is skipped over, while a missing one, `NaN`, breaks the range). With `screen`, ranges >= 3.267·MR̄
 * are dropped and MR̄ recomputed once. `NaN` when no range is left. Two passes, no allocation.
 */
export function averageMovingRangeOf(
  values: Float64Array,
  start: number,
  end: number,
  mask: Uint8Array | null,
  center: number,
  screen: boolean,
): number {
  const average = meanOfRanges(values, start, end, mask, center, Number.POSITIVE_INFINITY, true);
  if (!screen) return average;
  return meanOfRanges(values, start, end, mask, center, MOVING_RANGE_D4 * average, false);
}

/**
 * One pass of {@link averageMovingRangeOf}: the mean of the moving ranges below `limit`, plus the
 * infinite ones when `keepInfinite` (the unscreened mean keeps every range that is a number).
 * A missing point (`NaN`) gives `NaN` ranges, never counted; the first point has no range, as
 * `previous` starts at `NaN`. The sum is compensated (Neumaier, as `maskedSum` in sums.ts; written
 * out here because a helper object costs a third of the loop's time).
 */
function meanOfRanges(
  values: Float64Array,
  start: number,
  end: number,
  mask: Uint8Array | null,
  center: number,
  limit: number,
  keepInfinite: boolean,
): number {
  let sum = 0;
  let compensation = 0;
  let infinite = 0;
  let count = 0;
  let previous = Number.NaN;
  for (let i = start; i < end; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const deviation = values[i] - center;
    const range = Math.abs(deviation - previous);
    previous = deviation;
    if (range < limit) {
      count++;
      const t = sum + range;
      if (Math.abs(sum) >= range) compensation += sum - t + range;
      else compensation += range - t + sum;
      sum = t;
    } else if (keepInfinite && range === Number.POSITIVE_INFINITY) {
      count++;
      infinite += range;
    }
  }
  if (count === 0) return Number.NaN;
  return (infinite !== 0 ? infinite + sum : sum + compensation) / count;
}
