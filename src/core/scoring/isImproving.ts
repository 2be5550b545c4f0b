/**
 * Whether a measure shows improvement by the run-chart rules, in its direction of improvement.
 */

import { type ImprovementDirection } from "../direction";
import { nearlyEqual } from "../numeric";
import { analyzeRunChart } from "../runchart/analyzeRunChart";

/** Options of {@link isImproving}. */
export type IsImprovingOptions = {
  /** take the median from the first `baseline` points (a count from 1 to the number of points); default all */
  baseline?: number | undefined;
};

/**
 * Whether the IHI run-chart rules show a signal of improvement: non-random variation in the
 * direction that is better for this measure. Any one of these is enough:
 * - a **shift** on the good side of the median (6 or more points above it for "increase", below it
 *   for "decrease");
 * - a **trend** the good way (5 or more points going up for "increase", down for "decrease");
 * - **too few runs** (IHI runs table) with the most recent useful point (not blank, not on the
 *   median) on the good side, so the clustering is a gain and not a loss.
 * A neutral measure has no good direction, so it is never "improving".
 *
 * The rules and their edge cases (points on the median, blanks, ties in trends) are those of
 * `analyzeRunChart` (Perla, Provost & Murray 2011, BMJ Qual Saf 20:46-51). Use a baseline once
 * changes start, so that the median describes the process before them.
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param direction the measure's direction of improvement
 * @param options `baseline`: median of the first `baseline` points
 * @returns true when a signal in the good direction is present
 * @throws {CoreError} as `analyzeRunChart`: invalid_value for a non-finite value, invalid_option for a bad baseline
 * @example
 * isImproving([50, 52, 49, 51, 50, 48, 60, 61, 63, 62, 64, 65], "increase", { baseline: 6 }); // => true
 * isImproving([50, 52, 49, 51, 50, 48, 60, 61, 63, 62, 64, 65], "decrease", { baseline: 6 }); // => false
 * isImproving([3, 5, 4, 6, 5], "neutral"); // => false
 */
export function isImproving(
  values: ReadonlyArray<number | null>,
  direction: ImprovementDirection,
  options: IsImprovingOptions = {},
): boolean {
  const analysis = analyzeRunChart(values, { baseline: options.baseline });
  if (direction !== "increase" && direction !== "decrease") return false;
  const goodSide = direction === "increase" ? "above" : "below";
  const goodWay = direction === "increase" ? "up" : "down";
  if (analysis.shifts.some((shift) => shift.side === goodSide)) return true;
  if (analysis.trends.some((trend) => trend.direction === goodWay)) return true;
  if (analysis.runsVerdict === "too_few" && analysis.centerLine !== null) {
    const centerLine = analysis.centerLine;
    for (let i = values.length - 1; i >= 0; i--) {
      const value = values[i];
      if (value === null || nearlyEqual(value, centerLine)) continue;
      return direction === "increase" ? value > centerLine : value < centerLine;
    }
  }
  return false;
}
