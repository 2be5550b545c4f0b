/**
 * The IHI shift rule: six or more consecutive points all above or all below the median (Perla,
 * Provost & Murray 2011, BMJ Qual Saf 20:46-51, rule 1).
 */

import { CoreError } from "../errors";
import { checkCenterLine } from "./centerLine";
import { runStats } from "./runs";
import { describeValue, toSeries } from "./series";

/** Minimum length of an IHI shift: 6 useful points on one side (Perla, Provost & Murray 2011). */
export const IHI_SHIFT_MIN_LENGTH = 6;

/** One shift, by the 0-based indices of its first and last counted point. */
export type Shift = { start: number; end: number; side: "above" | "below"; length: number };

/**
 * IHI shifts: runs of at least `minLength` consecutive useful points on one side of the center
 * line. Points on the line (within 1e-9 relative, so 87.2 is on the median 87.19999999999999) and
 * missing points neither add to nor break a shift. One long run is one shift, however long.
 * `start` and `end` are the indices of the first and last counted point; `length` counts only
 * useful points, so `end - start + 1` can be larger.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param centerLine the center line (the median); `null` means none, so no shift
 * @param minLength points needed for a shift (default 6, IHI)
 * @returns the shifts in time order
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a bad center line or length
 * @example
 * shifts([5, 6, 7, 5, 6, 7, 1], 4); // => [{ start: 0, end: 5, side: "above", length: 6 }]
 * shifts([5, 6, 4, 7, null, 5, 6, 7], 4); // => [{ start: 0, end: 7, side: "above", length: 6 }]
 * shifts([5, 6, 7, 5, 6, 1], 4); // => []
 */
export function shifts(values: ReadonlyArray<number | null>, centerLine: number | null, minLength = IHI_SHIFT_MIN_LENGTH): Shift[] {
  const cl = checkCenterLine(centerLine, "shifts");
  checkMinLength(minLength, "shifts");
  return findShifts(toSeries(values, "shifts"), cl, minLength);
}

/** Internal: shifts of a typed series (`NaN` = missing), found by the one-pass run scan. */
export function findShifts(series: Float64Array, centerLine: number, minLength: number): Shift[] {
  const collector = { minLength, found: [] as Shift[] };
  runStats(series, centerLine, 0, series.length, null, collector);
  return collector.found;
}

export function checkMinLength(minLength: unknown, caller: string): void {
  if (typeof minLength !== "number" || !Number.isInteger(minLength) || minLength < 2) {
    throw new CoreError("invalid_option", `${caller}: invalid minLength ${describeValue(minLength)} (expected an integer >= 2)`);
  }
}
