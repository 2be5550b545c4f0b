/**
 * Whether a measure meets its goal, and for how long it has.
 */

import { type ImprovementDirection } from "../direction";
import { CoreError } from "../errors";
import { nearlyEqual } from "../numeric";

/** Months `goalMet` looks at by default: a quarter, so one good month is not enough. */
export const GOAL_MET_MONTHS = 3;

function checkArguments(values: ReadonlyArray<number | null>, goal: number, direction: ImprovementDirection): void {
  if (!Array.isArray(values)) throw new CoreError("invalid_value", "values must be a list of numbers and nulls");
  values.forEach((value, i) => {
    if (value !== null && !(typeof value === "number" && Number.isFinite(value))) {
      throw new CoreError("invalid_value", `point ${i + 1} must be a finite number or null, got ${String(value)}`);
    }
  });
  if (typeof goal !== "number" || !Number.isFinite(goal)) {
    throw new CoreError("invalid_value", `goal must be a finite number, got ${String(goal)}`);
  }
  if (direction !== "increase" && direction !== "decrease") {
    throw new CoreError(
      "invalid_option",
      `direction must be "increase" or "decrease" to judge a goal, got ${JSON.stringify(direction)}: a neutral measure has no goal to meet`,
    );
  }
}

/** A value meets the goal: at or beyond it in the direction of improvement (equal within 1e-9 counts). */
function meets(value: number, goal: number, direction: ImprovementDirection): boolean {
  if (nearlyEqual(value, goal)) return true;
  return direction === "increase" ? value > goal : value < goal;
}

/**
 * Whether one value meets the goal: at or beyond it in the direction of improvement, equal within
 * 1e-9 relative counting as met (the rule every goal figure of core uses). A neutral measure has no
 * goal to meet, so the answer is `false` for it, as it is for a missing goal or value; nothing throws.
 *
 * @param value the value, or null for a missing month
 * @param goal the goal, or null for none
 * @param direction the measure's direction of improvement
 * @example
 * meetsGoal(90, 90, "increase"); // => true
 * meetsGoal(2.5, 2, "decrease"); // => false
 * meetsGoal(95, 90, "neutral"); // => false
 */
export function meetsGoal(value: number | null, goal: number | null, direction: ImprovementDirection): boolean {
  if (value === null || goal === null || !Number.isFinite(value) || !Number.isFinite(goal)) return false;
  if (direction !== "increase" && direction !== "decrease") return false;
  return meets(value, goal, direction);
}

/**
 * Whether the last `months` non-blank points all meet the goal in the direction of improvement
 * (at or above it for "increase", at or below it for "decrease"). Blank months are skipped, not
 * counted as misses. Fewer than `months` points is not an error: the goal is not (yet) shown met.
 *
 * Requiring several months rather than the latest one keeps a single lucky month from counting
 * as "goal met" (a quarter by default; the Assessment Scale speaks of sustained improvement).
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param goal the goal
 * @param direction "increase" or "decrease"
 * @param months how many of the latest non-blank points must meet the goal (default 3)
 * @returns true when they all do
 * @throws {CoreError} invalid_value for a non-finite value or goal; invalid_option for a neutral
 *   direction or a `months` that is not a whole number of at least 1
 * @example
 * goalMet([70, 82, 91, null, 93, 95], 90, "increase"); // => true
 * goalMet([5, 2, 1, 4], 3, "decrease"); // => false
 * goalMet([95, 96], 90, "increase"); // => false
 */
export function goalMet(
  values: ReadonlyArray<number | null>,
  goal: number,
  direction: ImprovementDirection,
  months = GOAL_MET_MONTHS,
): boolean {
  checkArguments(values, goal, direction);
  if (!Number.isInteger(months) || months < 1) {
    throw new CoreError("invalid_option", `months must be a whole number of at least 1, got ${String(months)}`);
  }
  return monthsAtGoal(values, goal, direction) >= months;
}

/**
 * How many of the latest non-blank points in a row meet the goal: counting back from the most
 * recent point, blanks skipped, until a point misses the goal. 0 when the latest point misses it.
 * This is the "months at goal" evidence of `suggestAssessmentScore` (a goal held 6 months or more
 * counts as sustained).
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param goal the goal
 * @param direction "increase" or "decrease"
 * @returns the number of consecutive latest points meeting the goal
 * @throws {CoreError} as {@link goalMet}
 * @example
 * monthsAtGoal([80, 91, 95, null, 92], 90, "increase"); // => 3
 * monthsAtGoal([2, 1, 4], 3, "decrease"); // => 0
 */
export function monthsAtGoal(values: ReadonlyArray<number | null>, goal: number, direction: ImprovementDirection): number {
  checkArguments(values, goal, direction);
  let count = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value === null) continue;
    if (!meets(value, goal, direction)) break;
    count++;
  }
  return count;
}
