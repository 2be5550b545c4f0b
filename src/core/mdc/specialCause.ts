import { improvementSign, type ImprovementDirection } from "../direction";
import type { MdcLimits } from "./limits";
import { mdcShift, mdcTrend, mdcTwoInThree } from "./rules";

/**
 * The special-cause labels of a point, spelled as NHSRplotthedots 0.2.2 spells its
 * `special_cause_type` column, so reference cases compare directly.
 *
 * @example
 * SPECIAL_CAUSE_TYPES[0]; // => "Common Cause"
 */
export const SPECIAL_CAUSE_TYPES = [
  "Common Cause",
  "Above UCL",
  "Below LCL",
  "7 Point Trend (Increasing)",
  "7 Point Trend (Decreasing)",
  "2 in 3 Above CL",
  "2 in 3 Below CL",
  "7 Points Above CL",
  "7 Points Below CL",
] as const;

/** One of {@link SPECIAL_CAUSE_TYPES}. */
export type SpecialCauseType = (typeof SPECIAL_CAUSE_TYPES)[number];

/**
 * The classification of a point that drives the "Making Data Count" variation icon, spelled as
 * NHSRplotthedots' `point_type`: improvement or concern when the measure has a direction, high or
 * low when it is neutral, otherwise common cause.
 *
 * @example
 * POINT_TYPES.length; // => 5
 */
export const POINT_TYPES = [
  "special_cause_improvement",
  "special_cause_concern",
  "special_cause_neutral_high",
  "special_cause_neutral_low",
  "common_cause",
] as const;

/** One of {@link POINT_TYPES}. */
export type PointType = (typeof POINT_TYPES)[number];

/**
 * Labels every point of ONE limits period with the special cause it shows, applying the four
 * "Making Data Count" rules and, when several apply, this precedence (NHSRplotthedots 0.2.2,
 * `ptd_special_cause_type`):
 *
 * 1. outside the process limits (strictly above the upper or below the lower): "Above UCL" / "Below LCL";
 * 2. part of a 7-point trend ({@link mdcTrend}): "7 Point Trend (Increasing)" / "(Decreasing)";
 * 3. part of a "2 in 3" ({@link mdcTwoInThree}): "2 in 3 Above CL" / "2 in 3 Below CL";
 * 4. part of a 7-point shift ({@link mdcShift}): "7 Points Above CL" / "7 Points Below CL";
 * 5. otherwise "Common Cause".
 *
 * A missing value is always "Common Cause"; so is every point when the limits are `null`, except
 * that trends and shifts need only the data and the mean.
 *
 * Runs in O(n).
 *
 * @param values the period's observations in time order; `null` marks a missing month
 * @param limits the period's mean and limits from {@link mdcLimits}
 * @param lengths points a shift and a trend need (default 7 each, NHSRplotthedots); the labels keep
 *   NHSRplotthedots' wording ("7 Points Above CL") whatever the lengths, as they name the rule
 * @returns one label per point
 * @example
 * mdcSpecialCauseTypes([1, 2, 3], { mean: 2, lpl: 1.5, upl: 2.5, nearLpl: 1.7, nearUpl: 2.3 }); // => ["Below LCL", "Common Cause", "Above UCL"]
 */
export function mdcSpecialCauseTypes(
  values: readonly (number | null)[],
  limits: Pick<MdcLimits, "mean" | "lpl" | "upl" | "nearLpl" | "nearUpl">,
  lengths: { shift?: number | undefined; trend?: number | undefined } = {},
): SpecialCauseType[] {
  const trend = mdcTrend(values, lengths.trend);
  const twoInThree = mdcTwoInThree(values, limits);
  const shift = mdcShift(values, limits.mean, lengths.shift);
  const { mean: centre, lpl, upl } = limits;
  return values.map((value, i): SpecialCauseType => {
    if (value === null) return "Common Cause";
    if (upl !== null && value > upl) return "Above UCL";
    if (lpl !== null && value < lpl) return "Below LCL";
    if (trend[i] !== 0) return trend[i] === 1 ? "7 Point Trend (Increasing)" : "7 Point Trend (Decreasing)";
    const above = centre !== null && value > centre;
    if (twoInThree[i]) return above ? "2 in 3 Above CL" : "2 in 3 Below CL";
    if (shift[i]) return above ? "7 Points Above CL" : "7 Points Below CL";
    return "Common Cause";
  });
}

/**
 * Turns a special-cause label into the point type behind the variation icon: the label's side
 * ("Above"/"Increasing" high, "Below"/"Decreasing" low) times the direction of improvement
 * (NHSRplotthedots 0.2.2, `ptd_point_type`).
 *
 * Runs in O(1).
 *
 * @param type the point's label from {@link mdcSpecialCauseTypes}
 * @param direction the measure's improvement direction
 * @returns improvement / concern for a directed measure, neutral high / low for a neutral one,
 *   `"common_cause"` for "Common Cause"
 * @example
 * mdcPointType("Below LCL", "decrease"); // => "special_cause_improvement"
 * mdcPointType("7 Point Trend (Increasing)", "neutral"); // => "special_cause_neutral_high"
 */
export function mdcPointType(type: SpecialCauseType, direction: ImprovementDirection): PointType {
  const side = type === "Common Cause" ? 0 : /Above|Increasing/.test(type) ? 1 : -1;
  if (side === 0) return "common_cause";
  const sign = improvementSign(direction);
  if (sign === 0) return side > 0 ? "special_cause_neutral_high" : "special_cause_neutral_low";
  return side * sign > 0 ? "special_cause_improvement" : "special_cause_concern";
}
