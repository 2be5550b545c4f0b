/**
 * Whether a measure shows improvement by the run-chart rules, in its direction of improvement.
 */

import { type ImprovementDirection } from "../direction";
import { readRunChart } from "../runchart/ruleSet";
import type { RuleSet } from "../schema/collaborative";

/** Options of {@link isImproving}. */
export type IsImprovingOptions = {
  /** take the median from the first `baseline` points (a count from 1 to the number of points); default all */
  baseline?: number | undefined;
  /** the rule set to read the chart by (see `readRunChart`); default `"ihi"` */
  ruleSet?: RuleSet | undefined;
};

/**
 * Whether the run-chart rules show a signal of improvement: non-random variation in the
 * direction that is better for this measure. Any one of these is enough:
 * - a **shift** on the good side of the median (6 or more points above it for "increase", below it
 *   for "decrease");
 * - a **trend** the good way (5 or more points going up for "increase", down for "decrease");
 * - **too few runs** (IHI runs table) with the most recent useful point (not blank, not on the
 *   median) on the good side, so the clustering is a gain and not a loss.
 * A neutral measure has no good direction, so it is never "improving".
 *
 * That is the default rule set, `"ihi"`. With `ruleSet: "anhoej"`, a run longer than Anhøj's limit on
 * the good side, or too few crossings with the latest useful point on the good side; with `"mdc"`,
 * any Making Data Count special cause of improvement. The reading is `readRunChart`'s, so every door
 * that asks "is it improving" gets the same answer for the same rule set.
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
 * isImproving([44, 47, 40, 51, 45, 50, 42, 47, 64, 65, 56, 69, 51, 65], "increase", { ruleSet: "anhoej" }); // => true
 * isImproving([44, 47, 40, 51, 45, 50, 42, 47, 64, 65, 56, 69, 51, 65], "increase", { ruleSet: "mdc" }); // => false
 */
export function isImproving(
  values: ReadonlyArray<number | null>,
  direction: ImprovementDirection,
  options: IsImprovingOptions = {},
): boolean {
  return readRunChart(values, options.ruleSet ?? "ihi", direction, { baseline: options.baseline }).improving;
}
