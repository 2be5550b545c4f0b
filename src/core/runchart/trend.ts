/**
 * The IHI trend rule: five or more consecutive points all going up or all going down (Perla,
 * Provost & Murray 2011, BMJ Qual Saf 20:46-51, rule 2).
 */

import { RELATIVE_TOLERANCE } from "../numeric";
import { toSeries } from "./series";
import { checkMinLength } from "./shift";

/** Minimum length of an IHI trend: 5 counted points (Perla, Provost & Murray 2011). */
export const IHI_TREND_MIN_LENGTH = 5;

/** One trend, by the 0-based indices of its first and last counted point. */
export type Trend = { start: number; end: number; direction: "up" | "down"; length: number };

/**
 * IHI trends: at least `minLength` consecutive points each higher (or each lower) than the one
 * before. Equal consecutive values (within 1e-9 relative) count once: only the first of them is
 * counted, and they neither make nor break a trend. Missing points are skipped. The center line
 * plays no part. A turning point belongs to both the trend it ends and the one it starts.
 * `start`/`end` are the indices of the first and last counted point; `length` counts points.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param minLength points needed for a trend (default 5, IHI)
 * @returns the trends in time order
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a bad length
 * @example
 * trends([1, 2, 3, 4, 5]); // => [{ start: 0, end: 4, direction: "up", length: 5 }]
 * trends([1, 2, 2, 3, null, 4, 5, 5]); // => [{ start: 0, end: 6, direction: "up", length: 5 }]
 * trends([1, 2, 3, 4, 3]); // => []
 */
export function trends(values: ReadonlyArray<number | null>, minLength = IHI_TREND_MIN_LENGTH): Trend[] {
  checkMinLength(minLength, "trends");
  return findTrends(toSeries(values, "trends"), minLength);
}

/** Internal: trends of a typed series (`NaN` = missing). */
export function findTrends(series: Float64Array, minLength: number): Trend[] {
  const found: Trend[] = [];
  const relativeTolerance = RELATIVE_TOLERANCE; // read the imported binding once, not per point
  let previous = Number.NaN; // last counted value
  let previousIndex = -1;
  let direction = 0; // 1 up, -1 down, 0 not yet known
  let start = -1;
  let length = 0;
  for (let i = 0; i < series.length; i++) {
    const value = series[i];
    if (value !== value) continue;
    if (previousIndex < 0) {
      previous = value;
      previousIndex = i;
      start = i;
      length = 1;
      continue;
    }
    // a repeated value (equal within 1e-9 relative, as nearlyEqual) counts once
    const difference = value - previous;
    const absValue = value < 0 ? -value : value;
    const absPrevious = previous < 0 ? -previous : previous;
    const tolerance = relativeTolerance * (absValue > absPrevious ? absValue : absPrevious);
    if (difference <= tolerance && difference >= -tolerance) continue;
    const step = value > previous ? 1 : -1;
    if (direction === 0 || step === direction) {
      length++;
    } else {
      if (length >= minLength) found.push({ start, end: previousIndex, direction: direction > 0 ? "up" : "down", length });
      start = previousIndex; // the turning point starts the new trend
      length = 2;
    }
    direction = step;
    previous = value;
    previousIndex = i;
  }
  if (direction !== 0 && length >= minLength) {
    found.push({ start, end: previousIndex, direction: direction > 0 ? "up" : "down", length });
  }
  return found;
}
