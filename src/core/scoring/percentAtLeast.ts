/**
 * The collaborative's headline figure: the share of teams at or above a score.
 */

import { CoreError } from "../errors";
import { ASSESSMENT_SCALE_TEXT, isAssessmentScore } from "./assessmentScale";

/**
 * Share of scored teams whose score is at least `threshold`: the collaborative's headline figure
 * "% of teams at 4 or above" (IHI Breakthrough Series; see DESIGN.md). Teams not scored
 * (`null`) are left out of both counts. Every score must be a level of the IHI scale (0.5 to 5.0
 * in steps of 0.5), as `QI.SCORELABEL` and the data store require: an off-scale number such as
 * 3.7 or 35 is a typing slip that would silently move the headline figure, so it is refused.
 *
 * Runs in O(n).
 *
 * @param scores one score per team; `null` for a team not scored
 * @param threshold the score to reach (default 4, "significant improvement")
 * @returns a fraction from 0 to 1, or `null` when no team is scored
 * @throws {CoreError} invalid_value when a score is not a level of the IHI scale, or the threshold
 *   is not a finite number
 * @example
 * percentAtLeast([4, 3.5, null, 4.5, 2]); // => 0.5
 * percentAtLeast([3, 3.5], 3.5); // => 0.5
 * percentAtLeast([null]); // => null
 * percentAtLeast([4, 3.7]); // => throws score 2 is 3.7, not a level of the IHI scale
 */
export function percentAtLeast(scores: ReadonlyArray<number | null>, threshold = 4): number | null {
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
  return scored === 0 ? null : atLeast / scored;
}
