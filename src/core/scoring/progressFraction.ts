/**
 * How far a measure has come from its baseline towards its goal.
 */

import { CoreError } from "../errors";
import { nearlyEqual } from "../numeric";

/**
 * Progress towards a goal: the fraction of the distance from `baseline` to `goal` covered by
 * `current`, `(current - baseline) / (goal - baseline)`. 0 means no change from baseline, 1 means
 * the goal is reached; above 1 the goal is beaten, below 0 the measure has moved the wrong way.
 * The direction of improvement is implied by the goal (a goal below the baseline means lower is
 * better), so no direction is needed.
 *
 * Used to report "how far along" a team is, e.g. the scale's "expected results are 20% complete".
 *
 * Runs in O(1).
 *
 * @param baseline the measure's value before the changes (e.g. the baseline median)
 * @param current the value now (e.g. the latest month, or the median of the recent months)
 * @param goal the value the team aims for
 * @returns the fraction, unbounded
 * @throws {CoreError} invalid_value when an argument is not a finite number, or when the baseline
 *   equals the goal (within 1e-9 relative): there is no distance to cover
 * @example
 * progressFraction(40, 55, 70); // => 0.5
 * progressFraction(12, 3, 0); // => 0.75
 * progressFraction(40, 30, 70); // => -0.3333333333333333
 */
export function progressFraction(baseline: number, current: number, goal: number): number {
  for (const [name, value] of [["baseline", baseline], ["current", current], ["goal", goal]] as const) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new CoreError("invalid_value", `${name} must be a finite number, got ${String(value)}`);
    }
  }
  if (nearlyEqual(baseline, goal)) {
    throw new CoreError(
      "invalid_value",
      `baseline equals goal (both ${baseline}): there is no distance to cover, so progress is undefined (division by zero); check the baseline and goal`,
    );
  }
  return (current - baseline) / (goal - baseline);
}
