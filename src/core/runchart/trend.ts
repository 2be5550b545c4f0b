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

/**
 * Internal: trends of a typed series (`NaN` = missing), in one pass.
 *
 * As in runs.ts, the direction of each step is random-looking on real data, so it is kept out of
 * `if`s: "did the direction change" is a 0/1 number folded into the trend's start and length.
 * "Equal within 1e-9 relative" (|d| <= 1e-9·max(|a|, |b|)) is tested as two comparisons against
 * each value's own tolerance 1e-9·|value| (rounding is monotonic, so the larger of the two rounded
 * tolerances is the rounded tolerance of the larger magnitude: the same rule, without a max).
 */
export function findTrends(series: Float64Array, minLength: number): Trend[] {
  const found: Trend[] = [];
  const relativeTolerance = RELATIVE_TOLERANCE; // read the imported binding once, not per point
  let first = 0;
  while (first < series.length && series[first] !== series[first]) first++;
  if (first === series.length) return found;
  let previous = series[first]; // last counted value
  let previousTolerance = relativeTolerance * Math.abs(previous);
  let previousIndex = first;
  let direction = 0; // 1 up, -1 down, 0 not yet known
  let start = first;
  let length = 1;
  for (let i = first + 1; i < series.length; i++) {
    const value = series[i];
    if (value !== value) continue;
    const difference = value - previous;
    const distance = Math.abs(difference);
    const tolerance = relativeTolerance * Math.abs(value);
    // a repeated value (equal within 1e-9 relative, as nearlyEqual) counts once
    if (distance <= tolerance || distance <= previousTolerance) continue;
    const step = 2 * +(difference > 0) - 1;
    const changed = +(step !== direction);
    if (length >= minLength && changed === 1) found.push(trendOf(start, previousIndex, direction, length));
    start += (previousIndex - start) * changed; // the turning point starts the new trend
    length = length + 1 - (length - 1) * changed; // 2 after a turn, else one more
    direction = step;
    previous = value;
    previousTolerance = tolerance;
    previousIndex = i;
  }
  if (direction !== 0 && length >= minLength) found.push(trendOf(start, previousIndex, direction, length));
  return found;
}

function trendOf(start: number, end: number, direction: number, length: number): Trend {
  return { start, end, direction: direction > 0 ? "up" : "down", length };
}
