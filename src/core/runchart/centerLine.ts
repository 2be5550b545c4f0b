/**
 * The center line of a run chart and the rule that decides which side of it a point lies on.
 */

import { CoreError } from "../errors";
import { nearlyEqual } from "../numeric";
import { medianOfRange } from "./median";
import { checkBaseline, describeValue, toSeries } from "./series";

/**
 * Center line of a run chart: the median of the non-missing points, or of the non-missing points
 * among the first `baseline` points when a baseline is frozen (IHI: Perla, Provost & Murray 2011,
 * BMJ Qual Saf 20:46-51; qicharts2 `freeze`). The middle pair of an even count is averaged as
 * `(a + b) / 2`, the correctly rounded midpoint that R's `median` also gives.
 *
 * Missing values (`null`) are skipped; they still count towards `baseline`, which is a number of
 * points in time, not of observations.
 *
 * Runs in O(n), without sorting (see `medianOfRange` in median.ts).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param baseline optional: use only the first `baseline` points (an integer from 1 to `values.length`)
 * @returns the median, or `null` when there is no non-missing value to take it from
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a bad baseline
 * @example
 * runChartCenterLine([3, 1, null, 2]); // => 2
 * runChartCenterLine([1, 2, 3, 10, 20, 30], 3); // => 2
 * runChartCenterLine([null, null]); // => null
 */
export function runChartCenterLine(values: ReadonlyArray<number | null>, baseline?: number): number | null {
  const series = toSeries(values, "runChartCenterLine");
  const end = baseline === undefined ? series.length : checkBaseline(baseline, series.length, "runChartCenterLine");
  const median = medianOfRange(series, 0, end, null);
  return Number.isNaN(median) ? null : median;
}

/**
 * Whether a value lies on the center line. Decimal numbers compare honestly: 87.2 is on the
 * median of 87.1 and 87.3 although float64 gives that median as 87.19999999999999, because the
 * two are equal within 1e-9 relative ({@link nearlyEqual}).
 *
 * **Deliberate difference from qicharts2**, which takes the sign of `y - cl` exactly in float64
 * and so counts such a point as useful (above or below). Our `usefulCount`, runs, shifts and
 * Anhøj figures follow the decimal reading.
 *
 * @param value an observation (`null` is never on the line)
 * @param centerLine the center line (`null` when there is none)
 * @returns true when the value equals the center line within 1e-9 relative
 * @example
 * isOnCenterLine(87.2, (87.1 + 87.3) / 2); // => true
 * isOnCenterLine(87.3, 87.2); // => false
 * isOnCenterLine(null, 87.2); // => false
 */
export function isOnCenterLine(value: number | null, centerLine: number | null): boolean {
  if (value === null || centerLine === null) return false;
  return nearlyEqual(value, centerLine);
}

/**
 * Side of the center line: 1 above, -1 below, 0 when the point is not useful (missing, or on the
 * line within 1e-9 relative, or there is no finite center line). `+Infinity` (events over a zero
 * denominator on a u chart, kept so as qicharts2 does) counts as above. The run scan in runs.ts
 * settles most points with a cheaper test that gives the same answer and asks this function about
 * the few close to the line.
 *
 * @example
 * sideOf(87.2, (87.1 + 87.3) / 2); // => 0
 * sideOf(Infinity, 0.2); // => 1
 */
export function sideOf(value: number, centerLine: number): -1 | 0 | 1 {
  if (value !== value || !Number.isFinite(centerLine) || nearlyEqual(value, centerLine)) return 0;
  return value > centerLine ? 1 : -1;
}

/**
 * Validate a center line argument of the public helpers: a finite number or `null`. Returns `NaN`
 * for `null` so that internal code can treat "no center line" like a missing value.
 */
export function checkCenterLine(centerLine: unknown, caller: string): number {
  if (centerLine === null) return Number.NaN;
  if (typeof centerLine !== "number" || !Number.isFinite(centerLine)) {
    throw new CoreError("invalid_option", `${caller}: invalid centerLine ${describeValue(centerLine)} (expected a finite number or null)`);
  }
  return centerLine;
}
