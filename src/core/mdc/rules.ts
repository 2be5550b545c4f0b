import type { MdcLimits } from "./limits";

/**
 * Points needed for a "Making Data Count" trend or shift: 7 consecutive points.
 *
 * Source: NHS England / NHS Improvement, "Making Data Count" (2019), the SPC special-cause rules
 * ("a run of seven or more points above or below the mean"; "seven or more consecutive points
 * increasing or decreasing"), as NHSRplotthedots 0.2.2 implements them
 * (`ptd_seven_point_trend`, `ptd_seven_point_one_side_mean`: windows of 7). Not the IHI run-chart
 * thresholds (6 for a shift, 5 for a trend) used elsewhere in core.
 *
 * @example
 * MDC_RUN_LENGTH; // => 7
 */
export const MDC_RUN_LENGTH = 7;

/**
 * The "2 in 3" rule's window and count: at least 2 of 3 consecutive points close to a process limit
 * (Making Data Count, 2019; NHSRplotthedots 0.2.2 `ptd_two_in_three`).
 *
 * @example
 * MDC_TWO_IN_THREE; // => { window: 3, count: 2 }
 */
export const MDC_TWO_IN_THREE = { window: 3, count: 2 } as const;

/** Where a point lies against the mean: `1` above, `-1` below, `0` on it, `null` unknown. */
type Side = 1 | -1 | 0 | null;

function sidesOf(values: readonly (number | null)[], centre: number | null): Side[] {
  return values.map((value) => (value === null || centre === null ? null : (Math.sign(value - centre) as 1 | -1 | 0)));
}

/**
 * Trend rule: marks every point that belongs to 7 or more consecutive points each strictly above
 * (rising) or strictly below (falling) the point before it.
 *
 * - A tie (two equal neighbours) breaks a trend: equal values are not "increasing".
 * - A missing value (`null`) breaks a trend too; the points on either side of the gap are not
 *   compared. NHSRplotthedots 0.2.2 does the same for every 7-point window it can evaluate, but
 *   stops with "missing value where TRUE/FALSE needed" when the present points of a window around
 *   the gap all rise (or all fall), and when every value is missing. We return an answer there
 *   instead (a deliberate difference; see the reference test of case ref-ptd-052).
 * - A point shared by a rising and a falling trend (a peak or a trough) takes the direction of the
 *   later trend, as the peer's "use the right side" rule does.
 *
 * Apply it to one limits period at a time. Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param length points a trend needs; default {@link MDC_RUN_LENGTH} (7, NHSRplotthedots). The
 *   Power BI SPC visual of Western Australia's Department of Health lets users change it
 *   (AUS-DOH-Safety-and-Quality/PowerBI-SPC, docs/PatternDetection); `makingDataCount` checks it
 * @returns per point `1` (part of a rising trend), `-1` (falling) or `0` (no trend)
 * @example
 * mdcTrend([1, 2, 3, 4, 5, 6, 7]); // => [1, 1, 1, 1, 1, 1, 1]
 * mdcTrend([1, 2, 3, 4, 5, 6]); // => [0, 0, 0, 0, 0, 0]
 * mdcTrend([1, 2, 3, 3, 4, 5, 6, 7]); // => [0, 0, 0, 0, 0, 0, 0, 0]
 * mdcTrend([1, 2, 3, 4, 5, 6], 6); // => [1, 1, 1, 1, 1, 1]
 */
export function mdcTrend(values: readonly (number | null)[], length: number = MDC_RUN_LENGTH): Array<1 | -1 | 0> {
  const n = values.length;
  const direction = new Array<1 | -1 | 0>(n).fill(0);
  let runStart = 0; // first point of the current strictly monotone run
  let runSign = 0; // its direction; 0 when no run is open
  for (let i = 1; i <= n; i++) {
    const before = values[i - 1];
    const current = i < n ? values[i] : null;
    const step = before === null || current === null ? 0 : Math.sign(current - before);
    if (step !== 0 && step === runSign) continue;
    // The run covering points runStart..i-1 has ended: keep it when it is long enough.
    if (runSign !== 0 && i - runStart >= length) {
      for (let k = runStart; k < i; k++) direction[k] = runSign as 1 | -1;
    }
    runSign = step;
    runStart = i - 1; // a new run starts at the turning point, which both runs share
  }
  return direction;
}

/**
 * Shift rule: marks every point that belongs to 7 or more consecutive points on the same side of
 * the mean. A point exactly on the mean (compared in float64, no tolerance, as the peer does) breaks
 * the run, and so does a missing value.
 *
 * Apply it to one limits period at a time. Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param centre the period's mean; `null` (no mean) marks nothing
 * @param length points a shift needs; default {@link MDC_RUN_LENGTH} (7, NHSRplotthedots; the Power BI
 *   SPC visual defaults to 7 "however this can be adjusted", PowerBI-SPC docs/PatternDetection/shift.md)
 * @returns per point, whether it is part of a shift
 * @example
 * mdcShift([5, 5, 5, 5, 5, 5, 5], 4).every(Boolean); // => true
 * mdcShift([5, 5, 5, 4, 5, 5, 5], 4).some(Boolean); // => false
 * mdcShift([5, 5, 5, 5, 5, 5], 4, 6).every(Boolean); // => true
 */
export function mdcShift(values: readonly (number | null)[], centre: number | null, length: number = MDC_RUN_LENGTH): boolean[] {
  const sides = sidesOf(values, centre);
  const flagged = new Array<boolean>(values.length).fill(false);
  let runStart = 0;
  for (let i = 1; i <= sides.length; i++) {
    const side = sides[runStart];
    if (i < sides.length && side !== null && side !== 0 && sides[i] === side) continue;
    if (side !== null && side !== 0 && i - runStart >= length) flagged.fill(true, runStart, i);
    runStart = i;
  }
  return flagged;
}

/**
 * "2 in 3" rule: in any 3 consecutive points that all lie on the same side of the mean, when at
 * least 2 of them are close to a process limit (beyond the (2/3)·2.66·MR̄ line but not beyond the
 * limit itself), those close points are marked. Points beyond the limit do not count as close,
 * though they do count as being on their side; only the close points are marked; a missing value
 * or a point on the mean spoils every window it is in.
 *
 * Apply it to one limits period at a time. Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param limits the period's mean, limits and inner lines (from {@link mdcLimits}); when any is
 *   `null` nothing is marked
 * @returns per point, whether it is part of a "2 in 3" signal
 * @example
 * mdcTwoInThree([9, 0, 9], { mean: 0, lpl: -10, upl: 10, nearLpl: -6, nearUpl: 6 }); // => [false, false, false]
 * mdcTwoInThree([9, 1, 9], { mean: 0, lpl: -10, upl: 10, nearLpl: -6, nearUpl: 6 }); // => [true, false, true]
 */
export function mdcTwoInThree(
  values: readonly (number | null)[],
  limits: Pick<MdcLimits, "mean" | "lpl" | "upl" | "nearLpl" | "nearUpl">,
): boolean[] {
  const n = values.length;
  const flagged = new Array<boolean>(n).fill(false);
  const { mean: centre, lpl, upl, nearLpl, nearUpl } = limits;
  if (centre === null || lpl === null || upl === null || nearLpl === null || nearUpl === null) return flagged;

  const sides = sidesOf(values, centre);
  const close = values.map(
    (value) => value !== null && !(value > upl || value < lpl) && (value < nearLpl || value > nearUpl),
  );
  const { window, count } = MDC_TWO_IN_THREE;
  for (let start = 0; start + window <= n; start++) {
    const side = sides[start];
    if (side === null || side === 0) continue;
    let closeCount = 0;
    let sameSide = true;
    for (let k = start; k < start + window; k++) {
      if (sides[k] !== side) sameSide = false;
      if (close[k]) closeCount++;
    }
    if (!sameSide || closeCount < count) continue;
    for (let k = start; k < start + window; k++) if (close[k]) flagged[k] = true;
  }
  return flagged;
}
