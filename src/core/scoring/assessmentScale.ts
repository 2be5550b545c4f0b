/**
 * The IHI Assessment Scale for Collaboratives, as data: ten levels from 0.5 to 5.0 with the label
 * and a short description of each. Faculty score every team monthly on it; the collaborative's
 * headline figure is the share of teams at 4.0 or above.
 *
 * Sources (level names and their meaning; the descriptions below are our paraphrase):
 * - IHI, "Assessment Scale for Collaboratives" (tool page): the scale, scored monthly by the
 *   Collaborative Director and Improvement Advisors, each team also self-assessing on it.
 *   https://www.ihi.org/resources/tools/assessment-scale-collaboratives
 * - Life QI, "IHI Self Assessment Progress Scores" (2019), which reproduces the level wording,
 *   including "expected results are 20% complete" at 3.0 and "project goals are 50% or more
 *   complete" at 4.0. https://blog.lifeqisystem.com/ihi-progress-scores
 * - An adaptation of the IHI scale ("SQE Project Progress Assessment Scale"), which names 1.0
 *   "Forming Team" and operationalises 3.0 as "20% of project numeric goals has been met".
 *   https://view.pagetiger.com/QIIC/How-to-Run-a-Quality-Improvement-Project/page6.htm
 */

import { CoreError } from "../errors";

/** A level of the IHI Assessment Scale: 0.5 to 5.0 in steps of 0.5. */
export type AssessmentScore = 0.5 | 1 | 1.5 | 2 | 2.5 | 3 | 3.5 | 4 | 4.5 | 5;

/** One level of {@link ASSESSMENT_SCALE}. */
export type AssessmentLevel = {
  /** the score, 0.5 to 5.0 */
  score: AssessmentScore;
  /** the level's name, as the IHI scale words it (sentence case) */
  label: string;
  /** what a team at this level has done and shows, in a sentence or two (shown in the task pane) */
  description: string;
};

/**
 * The ten levels of the IHI Assessment Scale for Collaboratives, lowest first.
 *
 * @example
 * ASSESSMENT_SCALE.length; // => 10
 * ASSESSMENT_SCALE[7].label; // => "Significant improvement"
 */
export const ASSESSMENT_SCALE: readonly AssessmentLevel[] = Object.freeze<AssessmentLevel[]>([
  {
    score: 0.5,
    label: "Intent to participate",
    description: "The organisation has signed up to take part; no team has been formed and no charter written yet.",
  },
  {
    score: 1,
    label: "Forming team",
    description:
      "A team has been formed and has started meeting to agree the project's aim, target population and measures; baseline measurement may have begun.",
  },
  {
    score: 1.5,
    label: "Planning for the project has begun",
    description:
      "The team meets regularly, its aim is set and its measures fit the aim; it is planning the work (resources, where to start, a meeting schedule).",
  },
  {
    score: 2,
    label: "Activity, but no changes",
    description:
      "The team is learning about its system: collecting and studying baseline data, mapping processes, running surveys. Changes are planned but none has been tested.",
  },
  {
    score: 2.5,
    label: "Changes tested, but no improvement",
    description:
      "PDSA cycles are testing changes and the key measures are reported and charted against their goals, but the measures show no improvement yet.",
  },
  {
    score: 3,
    label: "Modest improvement",
    description:
      "Early tests have succeeded and some changes are in place on a small scale. Some measures, mostly process measures, show improvement; about a fifth of the expected results are reached.",
  },
  {
    score: 3.5,
    label: "Improvement",
    description:
      "Testing and implementation continue. Process measures keep improving and outcome measures are beginning to improve.",
  },
  {
    score: 4,
    label: "Significant improvement",
    description:
      "Changes are implemented for the population of focus. Outcome measures show lasting improvement and at least half of the project's goals are met.",
  },
  {
    score: 4.5,
    label: "Sustainable improvement",
    description:
      "Data on the key measures begin to show that the improvement is sustained: goals are met and held month after month, and spread has begun.",
  },
  {
    score: 5,
    label: "Outstanding sustainable results",
    description:
      "All of the project's goals are met and held. The organisation has changed how it works so that the improvement lasts.",
  },
]);

/**
 * The levels of the scale as a message lists them: "0.5, 1.0, 1.5 ... 5.0".
 *
 * @example
 * ASSESSMENT_SCALE_TEXT; // => "0.5, 1.0, 1.5 ... 5.0"
 */
export const ASSESSMENT_SCALE_TEXT = [
  ...ASSESSMENT_SCALE.slice(0, 3).map((level) => level.score.toFixed(1)).join(", "),
  " ... ",
  ASSESSMENT_SCALE[ASSESSMENT_SCALE.length - 1].score.toFixed(1),
].join("");

/**
 * Whether a number is one of the ten levels of {@link ASSESSMENT_SCALE} (0.5 to 5.0 in steps of 0.5).
 *
 * @example
 * isAssessmentScore(3.5); // => true
 * isAssessmentScore(2.3); // => false
 */
export function isAssessmentScore(score: unknown): score is AssessmentScore {
  return ASSESSMENT_SCALE.some((level) => level.score === score);
}

/**
 * The level of the IHI scale for a score.
 *
 * @param score a score on the scale: 0.5, 1, 1.5, ... 5
 * @returns its level (score, label, description)
 * @throws {CoreError} invalid_value when the score is not one of the ten levels
 * @example
 * assessmentLevel(4).label; // => "Significant improvement"
 */
export function assessmentLevel(score: number): AssessmentLevel {
  const level = ASSESSMENT_SCALE.find((entry) => entry.score === score);
  if (level === undefined) {
    throw new CoreError(
      "invalid_value",
      `score must be a level of the IHI scale (${ASSESSMENT_SCALE_TEXT}), got ${String(score)}`,
    );
  }
  return level;
}

/**
 * The label of a score on the IHI scale ("Significant improvement" for 4.0).
 *
 * @throws {CoreError} invalid_value when the score is not one of the ten levels
 * @example
 * assessmentLabel(2.5); // => "Changes tested, but no improvement"
 */
export function assessmentLabel(score: number): string {
  return assessmentLevel(score).label;
}
