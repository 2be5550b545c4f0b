/**
 * Limits for charts of individual values: run (no limits), I (XmR), MR and T charts, as
 * qicharts2 0.8.1 computes them.
 */

import { medianOfRange } from "../runchart/median";
import { ScratchSlot, scratchFloat64 } from "../scratch";
import { fillConstant, type LimitsFrame } from "./frame";
import { averageMovingRangeOf, MOVING_RANGE_D2, MOVING_RANGE_D4 } from "./movingRange";
import { maskedMean } from "./sums";

/**
 * Run chart: the center line is the median of the baseline points; there are no limits.
 * Runs in O(n).
 */
export function runChartLines(frame: LimitsFrame): void {
  const cl = medianOfRange(frame.y, frame.start, frame.end, frame.inBase);
  fillConstant(frame, cl, Number.NaN, Number.NaN, Number.NaN, Number.NaN);
}

/**
 * Center line and sigma of an I chart over `values[start..end)`: the mean of the baseline points
 * and MR̄ / 1.128 (Montgomery eq. 6.33), where the moving ranges are taken between consecutive
 * baseline points (an excluded point is skipped over, a missing one breaks the range) and, when
 * screening, ranges >= 3.267·MR̄ are dropped once (Nelson 1982). Returns `NaN`s when there is not
 * enough data.
 */
export function individualsCenterAndSigma(
  values: Float64Array,
  frame: LimitsFrame,
): { cl: number; sigma: number } {
  const { start, end, inBase } = frame;
  const cl = maskedMean(values, start, end, inBase);
  const averageRange = averageMovingRangeOf(values, start, end, inBase, cl, frame.screen);
  return { cl, sigma: averageRange / MOVING_RANGE_D2 };
}

/**
 * I chart (individuals, XmR): CL = mean of the baseline, limits CL ± 3σ and ± 2σ with
 * σ = MR̄ / 1.128. No clipping (qicharts2's `y.neg` is TRUE by default, so a lower limit may be
 * negative). Runs in O(n).
 */
export function individualsLimits(frame: LimitsFrame): void {
  const { cl, sigma } = individualsCenterAndSigma(frame.y, frame);
  fillConstant(frame, cl, cl - 3 * sigma, cl + 3 * sigma, cl - 2 * sigma, cl + 2 * sigma);
}

/**
 * MR chart: `frame.y` holds the moving ranges (the first point of a phase has none). CL = mean
 * of the baseline moving ranges; LCL = 0; UCL = 3.267·CL (D4 for n = 2, Montgomery Appendix VI);
 * the 2-sigma line is (3.267 / 3)·2·CL, and its lower counterpart 0, as qicharts2 draws them (the
 * lower lines are 0 even when there is no center line). Runs in O(n).
 */
export function movingRangeLimits(frame: LimitsFrame): void {
  const cl = maskedMean(frame.y, frame.start, frame.end, frame.inBase);
  fillConstant(frame, cl, 0, MOVING_RANGE_D4 * cl, 0, (MOVING_RANGE_D4 / 3) * 2 * cl);
}

/**
 * Exponent of the T chart transformation: times between events are raised to 1/3.6, which makes
 * exponentially distributed times nearly normal (Nelson 1994, "A control chart for parts-per-million
 * nonconforming items", J Qual Technol 26:239-240; Montgomery section 7.3.5).
 */
export const T_CHART_EXPONENT = 3.6;

/**
 * T chart (time between rare events): an I chart of y^(1/3.6), with the center line and limits
 * transformed back by ^3.6. A lower limit below 0, or undefined because there is not enough data,
 * becomes 0; the lower 2-sigma line has no value when it would be negative (both as qicharts2).
 * Values must be > 0 (checked by the caller). Runs in O(n).
 */
export function timeBetweenLimits(frame: LimitsFrame): void {
  const { start, end, y } = frame;
  const transformed = scratchFloat64(ScratchSlot.Transformed, y.length);
  for (let i = start; i < end; i++) transformed[i] = Math.pow(y[i], 1 / T_CHART_EXPONENT);
  const { cl, sigma } = individualsCenterAndSigma(transformed, frame);
  const back = (value: number): number => Math.pow(value, T_CHART_EXPONENT);
  let lcl = back(cl - 3 * sigma);
  if (lcl !== lcl || lcl < 0) lcl = 0;
  fillConstant(frame, back(cl), lcl, back(cl + 3 * sigma), back(cl - 2 * sigma), back(cl + 2 * sigma));
}

/** Median of the baseline points of a phase (G chart center line). */
export function baselineMedian(frame: LimitsFrame): number {
  return medianOfRange(frame.y, frame.start, frame.end, frame.inBase);
}
