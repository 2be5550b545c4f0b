/**
 * How {@link suggestAssessmentScore} reads the IHI Assessment Scale: for each level, the evidence
 * that must be present **in addition to everything the levels below require**. One table, so that
 * a collaborative that words its scale differently changes numbers here and nowhere else (the way
 * qicharts2 keeps its limits in one data frame).
 *
 * Vocabulary used by the columns:
 * - *counted measures*: the team's outcome and process measures. Balancing measures watch for harm
 *   elsewhere in the system; they are not counted towards improvement or goals.
 * - a measure *shows improvement* when the run-chart rules signal improvement in its direction
 *   (see `isImproving`) or it meets its goal.
 * - *goal share*: counted measures whose goal is met, over counted measures that have a goal.
 * - a goal is *held* when it has been met for at least `monthsAtGoalRequired` consecutive months.
 */

import type { AssessmentScore } from "./assessmentScale";

/** One row of {@link SCORING_THRESHOLDS}. Absent columns mean "no requirement at this level". */
export type ScoreThreshold = {
  score: AssessmentScore;
  /** a team has been formed */
  teamFormed?: true;
  /** the team has an aim */
  aimSet?: true;
  /** data on at least one measure have been reported */
  baselineReported?: true;
  /** at least this many changes tested (PDSA cycles of a change) */
  minChangesTested?: number;
  /** at least this share of counted measures shows improvement (and at least one does) */
  minImprovingShare?: number;
  /** at least one outcome measure shows improvement */
  outcomeImproving?: true;
  /** at least this share of goals met */
  minGoalShare?: number;
  /** at least one outcome measure meets its goal */
  outcomeGoalMet?: true;
  /** at least this share of goals met and held for `monthsAtGoalRequired` */
  minHeldGoalShare?: number;
  /** at least one outcome measure's goal held for `monthsAtGoalRequired` */
  outcomeGoalHeld?: true;
  /** months a goal must have been met to count as held */
  monthsAtGoalRequired?: number;
  /** why these numbers, with the wording of the scale they come from */
  reasoning: string;
};

/**
 * The evidence each level of the IHI scale needs, lowest first (cumulative: a level also needs all
 * of the levels below it). Sources: see `assessmentScale.ts`.
 *
 * @example
 * SCORING_THRESHOLDS.find((row) => row.score === 4)?.minGoalShare; // => 0.5
 */
export const SCORING_THRESHOLDS: readonly ScoreThreshold[] = Object.freeze<ScoreThreshold[]>([
  {
    score: 0.5,
    reasoning: "Intent to participate: the starting point, needing no evidence.",
  },
  {
    score: 1,
    teamFormed: true,
    reasoning: "Forming team: the scale's 1.0 is the moment a team exists and starts meeting.",
  },
  {
    score: 1.5,
    aimSet: true,
    reasoning: "Planning begun: the scale asks for the team's aim to be established and its measures chosen to fit it.",
  },
  {
    score: 2,
    baselineReported: true,
    reasoning:
      "Activity, but no changes: learning cycles have begun, of which reported baseline data is the evidence the data store can see.",
  },
  {
    score: 2.5,
    minChangesTested: 1,
    reasoning: "Changes tested, but no improvement: at least one change has been tested in a PDSA cycle.",
  },
  {
    score: 3,
    minImprovingShare: 0.2,
    reasoning:
      "Modest improvement: the scale wants evidence of moderate improvement, mostly in process measures, and puts it " +
      "at about a fifth of the expected results (\"expected results are 20% complete\"; an adaptation: \"20% of " +
      "project numeric goals met\"). We ask that at least 20% of the counted measures show improvement.",
  },
  {
    score: 3.5,
    outcomeImproving: true,
    reasoning:
      "Improvement: the scale's step from 3.0 to 3.5 is that outcome measures, not only process measures, begin to " +
      "improve (\"some improvement in outcome measures\"). We ask for one outcome measure showing improvement.",
  },
  {
    score: 4,
    minGoalShare: 0.5,
    outcomeGoalMet: true,
    reasoning:
      "Significant improvement: \"project goals are 50% or more complete\" and \"evidence of sustained improvement " +
      "in outcome measures\". We ask for half of the goals met, one of them an outcome measure's (a goal counts as " +
      "met when the latest months meet it, see goalMet: 3 months by default).",
  },
  {
    score: 4.5,
    minHeldGoalShare: 0.5,
    outcomeGoalHeld: true,
    monthsAtGoalRequired: 6,
    reasoning:
      "Sustainable improvement: \"data on key measures begin to indicate sustainability\". We ask that the goals met " +
      "at 4.0 (half of them, an outcome goal among them) have held for 6 months: as many points as an IHI shift, " +
      "and half of a typical 12-month collaborative.",
  },
  {
    score: 5,
    minGoalShare: 1,
    minHeldGoalShare: 1,
    monthsAtGoalRequired: 6,
    reasoning:
      "Outstanding sustainable results: \"all project goals and expected results have been accomplished\", and held. " +
      "We ask for every goal met and held for 6 months.",
  },
]);
