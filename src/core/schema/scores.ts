import * as z from "zod";
import { text } from "./common";
import { AssessmentScoreValue } from "./submission";

/** `PUT /api/v1/collaboratives/{id}/teams/{teamId}/scores/{month}` body: a faculty score on the IHI scale. */
export const ScoreInput = z.strictObject({
  score: AssessmentScoreValue,
  /** why: what the team's data and narrative show */
  rationale: text(4000).default(""),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

/** One recorded score (the latest for its team, month and source; earlier ones are kept as history). */
export const ScoreEntry = z.object({
  score: z.number(),
  rationale: z.string(),
  recordedAt: z.string(),
  /** the label of the token that recorded it (a team's own token for a self-assessment) */
  by: z.string(),
});
export type ScoreEntry = z.infer<typeof ScoreEntry>;

/** A team's scores for one month: faculty's and the team's own self-assessment. */
export const TeamMonthScores = z.object({
  teamId: z.string(),
  teamName: z.string(),
  period: z.string(),
  faculty: ScoreEntry.nullable(),
  self: ScoreEntry.nullable(),
});
export type TeamMonthScores = z.infer<typeof TeamMonthScores>;

/** The collaborative's headline per month: % of teams at 4 or above among the teams faculty scored. */
export const ScoreMonth = z.object({
  period: z.string(),
  /** teams with a faculty score that month (the denominator) */
  teamsScored: z.number().int().nonnegative(),
  teamsAt4OrAbove: z.number().int().nonnegative(),
  /** 100 · teamsAt4OrAbove / teamsScored; `null` when no team was scored */
  percentAt4OrAbove: z.number().nullable(),
  /** every team of the collaborative */
  teamsTotal: z.number().int().nonnegative(),
});
export type ScoreMonth = z.infer<typeof ScoreMonth>;

/** `GET /api/v1/collaboratives/{id}/scores`. A team token sees its own rows and the monthly headline. */
export const ScoresResponse = z.object({
  collaborativeId: z.string(),
  teamsTotal: z.number().int().nonnegative(),
  months: z.array(ScoreMonth),
  scores: z.array(TeamMonthScores),
});
export type ScoresResponse = z.infer<typeof ScoresResponse>;

/**
 * The score the software suggests from the team's data (core's `suggestAssessmentScore`); faculty
 * decide. `null` when no suggestion could be made.
 */
export const SuggestedScore = z.object({
  score: z.number(),
  label: z.string(),
  reasons: z.array(z.string()),
});
export type SuggestedScore = z.infer<typeof SuggestedScore>;

/** Answer of the score `PUT`: what was stored, and the suggestion beside it. */
export const ScoreSaved = z.object({
  collaborativeId: z.string(),
  teamId: z.string(),
  period: z.string(),
  score: z.number(),
  rationale: z.string(),
  recordedAt: z.string(),
  by: z.string(),
  suggested: SuggestedScore.nullable(),
});
export type ScoreSaved = z.infer<typeof ScoreSaved>;
