/**
 * The collaborative's headline figure: the share of teams at or above a score.
 */

import { CoreError } from "../errors";
import { ASSESSMENT_SCALE_TEXT, isAssessmentScore } from "./assessmentScale";

/** The headline figure with its counts (see {@link countAtLeast}). */
export type AtLeastCount = {
  /** teams with a score (the denominator) */
  scored: number;
  /** scored teams at or above the threshold */
  atLeast: number;
  /** 100 · atLeast / scored, from 0 to 100; `null` when no team is scored */
  percent: number | null;
};

/**
 * How many scored teams reach `threshold`, and their percentage: the collaborative's headline
 * figure "% of teams at 4 or above" (IHI Breakthrough Series; see DESIGN.md), with the counts it is
 * made of. The data store's `/scores` headline and `QI.PCTATLEAST` both come from here.
 *
 * Teams not scored (`null`) are left out of both counts. Every score must be a level of the IHI
 * scale (0.5 to 5.0 in steps of 0.5), as `QI.SCORELABEL` and the data store require: an off-scale
 * number such as 3.7 or 35 is a typing slip that would silently move the headline figure, so it is
 * refused.
 *
 * The percentage is on the product's one percent scale, 0 to 100 (as a `percent` measure's value is
 * 100 · numerator / denominator); a share from 0 to 1 is called a fraction (`progressFraction`).
 *
 * Runs in O(n).
 *
 * @param scores one score per team; `null` for a team not scored
 * @param threshold the score to reach (default 4, "significant improvement")
 * @throws {CoreError} invalid_value when a score is not a level of the IHI scale, or the threshold
 *   is not a finite number
 * @example
 * countAtLeast([4, 3.5, null, 4.5, 2]); // => { scored: 4, atLeast: 2, percent: 50 }
 * countAtLeast([null]); // => { scored: 0, atLeast: 0, percent: null }
 */
export function countAtLeast(scores: ReadonlyArray<number | null>, threshold = 4): AtLeastCount {
  if (typeof threshold !== "number" || !Number.isFinite(threshold)) {
    throw new CoreError("invalid_value", `threshold must be a finite number, got ${String(threshold)}`);
  }
  let scored = 0;
  let atLeast = 0;
  scores.forEach((score, i) => {
    if (score === null) return;
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new CoreError("invalid_value", `score ${i + 1} must be a finite number or null, got ${String(score)}`);
    }
    if (!isAssessmentScore(score)) {
      throw new CoreError(
        "invalid_value",
        `score ${i + 1} is ${score}, not a level of the IHI scale (${ASSESSMENT_SCALE_TEXT}): correct it, or leave the cell empty for a team not scored`,
      );
    }
    scored++;
    if (score >= threshold) atLeast++;
  });
  return { scored, atLeast, percent: scored === 0 ? null : (100 * atLeast) / scored };
}

/**
 * Percentage (0 to 100) of scored teams whose score is at least `threshold`: the `percent` of
 * {@link countAtLeast}, whose rules it follows.
 *
 * Runs in O(n).
 *
 * @param scores one score per team; `null` for a team not scored
 * @param threshold the score to reach (default 4, "significant improvement")
 * @returns a percentage from 0 to 100, or `null` when no team is scored
 * @throws {CoreError} invalid_value when a score is not a level of the IHI scale, or the threshold
 *   is not a finite number
 * @example
 * percentAtLeast([4, 3.5, null, 4.5, 2]); // => 50
 * percentAtLeast([3, 3.5], 3.5); // => 50
 * percentAtLeast([null]); // => null
 * percentAtLeast([4, 3.7]); // => throws score 2 is 3.7, not a level of the IHI scale
 */
export function percentAtLeast(scores: ReadonlyArray<number | null>, threshold = 4): number | null {
  return countAtLeast(scores, threshold).percent;
}
