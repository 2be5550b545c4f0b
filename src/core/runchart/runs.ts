/**
 * Runs about the center line: useful observations, the longest run, crossings and the number of
 * runs. These are the observed figures of both rule sets (IHI runs count; Anhøj longest run and
 * crossings).
 *
 * Missing-value rule (as in qicharts2 and the IHI guidance): missing points (`null`) and points
 * on the center line are skipped. They neither extend nor break a run, and a crossing is counted
 * between consecutive *useful* points on opposite sides.
 */

import { RELATIVE_TOLERANCE } from "../numeric";
import { checkCenterLine, sideOf } from "./centerLine";
import { toSeries } from "./series";
import type { Shift } from "./shift";

/** Observed runs figures of one stretch of points (see {@link runStats}). */
export type RunStats = {
  /** points considered, missing ones included, excluded ones not (core's one meaning of `pointCount`) */
  pointCount: number;
  /** points considered that are not missing */
  observedCount: number;
  /** points that are neither missing nor on the center line */
  usefulCount: number;
  /** most consecutive useful points on one side; 0 when none is useful */
  longestRun: number;
  /** changes of side between consecutive useful points; 0 when none is useful */
  crossings: number;
};

/** Where {@link runStats} reports the runs of at least `minLength` useful points (IHI shifts). */
export type ShiftCollector = { minLength: number; found: Shift[] };

/**
 * Internal workhorse: runs figures of `series[start..end)` about `centerLine`, skipping points
 * whose `include` entry is 0, in one pass without allocation. A point is useful when it is not
 * missing (`NaN`) and not on the center line within 1e-9 relative (the rule of {@link sideOf});
 * `+Infinity` counts as above. A center line that is `NaN` or infinite means "no center line":
 * nothing is useful. When `shifts` is given, every run of at least `shifts.minLength` useful
 * points is appended to `shifts.found`.
 *
 * How it stays fast (`npm run bench` times it on a million points): on real data about half the
 * useful points change side, so any `if` on the side is mispredicted half the time. The side and
 * "did the run change" are therefore computed as 0/1 numbers and folded into the counters
 * arithmetically, and the rule "on the line within 1e-9 relative" is replaced, for all points
 * farther than a fixed `band` from the line, by the sign of `value - centerLine`. `band` is a
 * hair wider than the largest tolerance any point on the line can have (1e-9·|centerLine|, times
 * 1 + 1e-8 for the point's own magnitude and rounding, plus 1e-300 for subnormal rounding), so
 * outside it the two rules agree exactly; the few points inside it (and missing ones) take the
 * slow path through {@link sideOf}.
 */
export function runStats(
  series: Float64Array,
  centerLine: number,
  start: number,
  end: number,
  include: Uint8Array | null,
  shifts: ShiftCollector | null = null,
): RunStats {
  if (!(Math.abs(centerLine) < Number.POSITIVE_INFINITY)) return countsWithoutLine(series, start, end, include);
  const band = RELATIVE_TOLERANCE * Math.abs(centerLine) * (1 + 1e-8) + 1e-300;
  const minShift = shifts === null ? Number.POSITIVE_INFINITY : shifts.minLength;
  let excluded = 0;
  let missing = 0;
  let onLine = 0;
  let longestRun = 0;
  let sideChanges = 0; // the first useful point counts as a change from "no side"
  let current = 0; // length of the run in progress
  let side = 0; // its side: 1 above, -1 below, 0 before the first useful point
  let runStart = -1; // index of its first point
  let lastUseful = -1; // index of the last useful point seen
  for (let i = start; i < end; i++) {
    if (include !== null && include[i] === 0) {
      excluded++;
      continue;
    }
    const value = series[i];
    const difference = value - centerLine;
    let s = +(difference > band) - +(difference < -band);
    if (s === 0) {
      // rare: missing, or close enough to the line for the exact rule to decide
      if (value !== value) {
        missing++;
        continue;
      }
      s = sideOf(value, centerLine);
      if (s === 0) {
        onLine++;
        continue;
      }
    }
    const changed = +(s !== side);
    if (current >= minShift && changed === 1) (shifts as ShiftCollector).found.push(shiftOf(runStart, lastUseful, side, current));
    sideChanges += changed;
    current = current - current * changed + 1; // 1 on a change, else one more
    runStart += (i - runStart) * changed;
    lastUseful = i;
    side = s;
    if (current > longestRun) longestRun = current;
  }
  if (current >= minShift) (shifts as ShiftCollector).found.push(shiftOf(runStart, lastUseful, side, current));
  const pointCount = end - start - excluded;
  const usefulCount = pointCount - missing - onLine;
  return {
    pointCount,
    observedCount: pointCount - missing,
    usefulCount,
    longestRun,
    crossings: usefulCount === 0 ? 0 : sideChanges - 1,
  };
}

/** {@link runStats} when there is no center line: points are counted, none is useful. */
function countsWithoutLine(series: Float64Array, start: number, end: number, include: Uint8Array | null): RunStats {
  let pointCount = 0;
  let observedCount = 0;
  for (let i = start; i < end; i++) {
    if (include !== null && include[i] === 0) continue;
    pointCount++;
    if (series[i] === series[i]) observedCount++;
  }
  return { pointCount, observedCount, usefulCount: 0, longestRun: 0, crossings: 0 };
}

function shiftOf(start: number, end: number, side: number, length: number): Shift {
  return { start, end, side: side > 0 ? "above" : "below", length };
}

/**
 * Useful observations: points that are neither missing nor on the center line (qicharts2
 * `n.useful`). "On the line" means equal within 1e-9 relative, so that 87.2 lies on the median
 * (87.1 + 87.3) / 2 (see `isOnCenterLine`; qicharts2 compares exactly in float64).
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param centerLine the center line, usually the median; `null` means none (no point is useful)
 * @returns the number of useful points
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a non-finite center line
 * @example
 * usefulCount([1, 2, null, 3, 4], 2); // => 3
 * usefulCount([87.1, 87.2, 87.3], (87.1 + 87.3) / 2); // => 2
 */
export function usefulCount(values: ReadonlyArray<number | null>, centerLine: number | null): number {
  return statsOf(values, centerLine, "usefulCount").usefulCount;
}

/**
 * Longest run: the most consecutive useful points on one side of the center line (qicharts2
 * `longest.run`; its limit is `longestRunMax`, Schilling 2012). Points on the center line and
 * missing points are skipped: they neither extend nor break a run.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param centerLine the center line; `null` means none
 * @returns length of the longest run; 0 when no point is useful
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a non-finite center line
 * @example
 * longestRun([1, 2, 5, 6, 7, 3], 4); // => 3
 * longestRun([5, 4, null, 6, 4, 7, 1], 4); // => 3
 */
export function longestRun(values: ReadonlyArray<number | null>, centerLine: number | null): number {
  return statsOf(values, centerLine, "longestRun").longestRun;
}

/**
 * Crossings: how many times the series crosses the center line, counted between consecutive
 * useful points on opposite sides (qicharts2 `n.crossings`; its limit is `crossingsMin`, Chen
 * 2010). Points on the line and missing points are skipped.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param centerLine the center line; `null` means none
 * @returns the number of crossings; 0 when fewer than two points are useful
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a non-finite center line
 * @example
 * crossings([1, 5, 4, 1, 5], 4); // => 3
 * crossings([1, 2, 4, 4, 1], 4); // => 0
 */
export function crossings(values: ReadonlyArray<number | null>, centerLine: number | null): number {
  return statsOf(values, centerLine, "crossings").crossings;
}

/**
 * Number of runs about the center line, as counted for the IHI runs rule (Perla, Provost &
 * Murray 2011): crossings + 1, or 0 when no point is useful. Compare it with `ihiRunsLimits`.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing value
 * @param centerLine the center line; `null` means none
 * @returns the number of runs
 * @throws {CoreError} invalid_value for a non-finite entry; invalid_option for a non-finite center line
 * @example
 * runCount([1, 5, 4, 1, 5], 4); // => 4
 * runCount([4, 4], 4); // => 0
 */
export function runCount(values: ReadonlyArray<number | null>, centerLine: number | null): number {
  const stats = statsOf(values, centerLine, "runCount");
  return stats.usefulCount === 0 ? 0 : stats.crossings + 1;
}

function statsOf(values: ReadonlyArray<number | null>, centerLine: number | null, caller: string): RunStats {
  const cl = checkCenterLine(centerLine, caller);
  const series = toSeries(values, caller);
  return runStats(series, cl, 0, series.length, null);
}
