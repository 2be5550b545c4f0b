/**
 * Targets that vary by month, as qicharts2 0.8.1 takes them: `target` is "either a single value
 * indicating a target value to be plotted as a horizontal line or a vector for variable target line"
 * (R/qic.R, @param target), one entry per point, `NA` where a point has no target. A team whose goal
 * steps down each quarter (or follows a trajectory) can then draw the goal line and read "at goal"
 * month by month.
 */

import type { ImprovementDirection } from "../direction";
import { CoreError } from "../errors";
import { GOAL_MET_MONTHS, monthsAtGoal } from "../scoring/goalMet";
import { describeValue } from "./series";

/** A target: one number for every month, or one per month (`null` where a month has none). */
export type TargetInput = number | ReadonlyArray<number | null>;

/**
 * The target of each of `n` points: a single number repeated (qicharts2's horizontal target line),
 * or the given vector checked for length and values (qicharts2's variable target line).
 *
 * @param target one number, or one number or `null` per point
 * @param n number of points
 * @returns one target or `null` per point
 * @throws {CoreError} length_mismatch for a vector of another length; invalid_value for a target
 *   that is not a finite number, naming the month (counted from 1)
 * @example
 * targetsPerPoint(90, 3); // => [90, 90, 90]
 * targetsPerPoint([90, null, 95], 3); // => [90, null, 95]
 */
export function targetsPerPoint(target: TargetInput, n: number): (number | null)[] {
  if (typeof target === "number") {
    if (!Number.isFinite(target)) throw new CoreError("invalid_value", `target ${describeValue(target)} is not a finite number`);
    return new Array<number>(n).fill(target);
  }
  if (!Array.isArray(target)) {
    throw new CoreError("invalid_option", `target must be a number or an array of numbers and nulls, got ${describeValue(target)}`);
  }
  if (target.length !== n) {
    throw new CoreError("length_mismatch", `targets has ${target.length} entries but values has ${n}: give one target per month (empty where a month has none), or a single target`);
  }
  return target.map((value, i) => {
    if (value === null) return null;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new CoreError("invalid_value", `month ${i + 1}: target ${describeValue(value)} is not a number; enter a number, or leave it empty for a month without a target`);
    }
    return value;
  });
}

/**
 * The target in force now: the last month's target, or the last one given before it. `null` when
 * no month has one. This is the target {@link makingDataCount} takes its assurance against when the
 * target varies (our convention: assurance speaks of the process as it runs now, so against the
 * target it must meet now).
 *
 * @example
 * currentTarget([90, 92, null]); // => 92
 * currentTarget([null, null]); // => null
 */
export function currentTarget(targets: ReadonlyArray<number | null>): number | null {
  for (let i = targets.length - 1; i >= 0; i--) if (targets[i] !== null) return targets[i];
  return null;
}

/**
 * How many of the latest non-blank months in a row meet their own month's target (at or above it
 * for "increase", at or below for "decrease", the rule of `monthsAtGoal`), counting back from the
 * most recent. Blank months are skipped; a month with a value but no target ends the count (it
 * cannot be shown at goal).
 *
 * Runs in O(n).
 *
 * @param values observations in time order; `null` marks a missing month
 * @param target one target, or one per month (see {@link targetsPerPoint})
 * @param direction "increase" or "decrease"
 * @returns the number of consecutive latest months at their target
 * @throws {CoreError} as {@link targetsPerPoint}; invalid_option for a neutral direction
 * @example
 * monthsAtTargets([80, 85, 88, 93], [90, 85, 87, 92], "increase"); // => 3
 */
export function monthsAtTargets(values: ReadonlyArray<number | null>, target: TargetInput, direction: ImprovementDirection): number {
  const targets = targetsPerPoint(target, values.length);
  let count = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value === null) continue;
    const goal = targets[i];
    // one month against its own target, by monthsAtGoal's rule (so "meets" lives in one place)
    if (goal === null || monthsAtGoal([value], goal, direction) === 0) break;
    count++;
  }
  return count;
}

/**
 * TRUE when the latest `months` non-blank months each meet their own month's target: `goalMet`
 * for a target that varies by month.
 *
 * @param values observations in time order
 * @param target one target, or one per month
 * @param direction "increase" or "decrease"
 * @param months how many latest months must meet their targets (default 3, as `goalMet`)
 * @returns whether they all do
 * @throws {CoreError} as {@link monthsAtTargets}; invalid_option for `months` not a whole number of at least 1
 * @example
 * targetsMet([80, 85, 88, 93], [90, 85, 87, 92], "increase"); // => true
 * targetsMet([80, 85, 88, 91], [90, 85, 87, 92], "increase"); // => false
 */
export function targetsMet(values: ReadonlyArray<number | null>, target: TargetInput, direction: ImprovementDirection, months = GOAL_MET_MONTHS): boolean {
  if (!Number.isInteger(months) || months < 1) {
    throw new CoreError("invalid_option", `months must be a whole number of at least 1, got ${String(months)}`);
  }
  return monthsAtTargets(values, target, direction) >= months;
}
