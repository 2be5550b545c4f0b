import * as z from "zod";
import { TeamPage } from "./teamPage";
import { AssessmentScoreValue } from "./submission";
import { RuleSet } from "./collaborative";
import { hasNoNul, NUL_MESSAGE } from "./common";

const RATIONALE_NEEDED = 'rationale is required: say in a sentence why the team earns this score (what its data and narrative show), e.g. { "score": 3.5, "rationale": "bundle compliance above 90% for 3 months" }';

/**
 * `PUT /api/v1/collaboratives/{id}/teams/{teamId}/scores/{period}` body: a faculty score on the IHI
 * scale, with the rationale faculty give for it (required, not blank once trimmed: a score without a
 * reason cannot be discussed with the team or reviewed later).
 */
export const ScoreInput = z.strictObject({
  score: AssessmentScoreValue,
  /** why: what the team's data and narrative show */
  rationale: z
    .string({ error: (issue) => (issue.input === undefined ? RATIONALE_NEEDED : "rationale must be text, e.g. \"bundle in place on every ward\"") })
    .trim()
    .min(1, RATIONALE_NEEDED)
    .max(4000, "use at most 4000 characters")
    .refine(hasNoNul, { error: NUL_MESSAGE }),
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

/**
 * The collaborative's headline per month: % of teams at 4 or above among the teams faculty scored
 * (core's `countAtLeast`; a percent is 0 to 100 everywhere in the API).
 */
export const ScoreMonth = z.object({
  period: z.string(),
  /** teams with a faculty score that month (the denominator) */
  teamsScored: z.number().int().nonnegative(),
  /** scored teams at 4 or above */
  teamsAtLeast4: z.number().int().nonnegative(),
  /** 100 · teamsAtLeast4 / teamsScored, 0 to 100; `null` when no team was scored */
  percentAtLeast4: z.number().min(0).max(100).nullable(),
  /** every team of the collaborative */
  teamsTotal: z.number().int().nonnegative(),
});
export type ScoreMonth = z.infer<typeof ScoreMonth>;

/** `GET /api/v1/collaboratives/{id}/scores`. A team token sees its own rows and the monthly headline. */
export const ScoresResponse = z.object({
  collaborativeId: z.string(),
  teamsTotal: z.number().int().nonnegative(),
  /** the monthly headline counts every team, whatever page or team the rows are for */
  months: z.array(ScoreMonth),
  scores: z.array(TeamMonthScores),
  /** only when a page of teams was asked for (`teamOffset`, `teamLimit`) */
  page: TeamPage.optional(),
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

/**
 * `GET /api/v1/collaboratives/{id}/teams/{teamId}/suggestion?period=`: the suggestion for one team
 * and month, from the stored points (core's `suggestTeamScore`, as the task pane and `QI.SCORE`).
 */
export const ScoreSuggestion = z.object({
  collaborativeId: z.string(),
  teamId: z.string(),
  period: z.string(),
  /** the run-chart rules the evidence was read by */
  ruleSet: RuleSet,
  /** `null` when the team has no data up to `period` */
  suggested: SuggestedScore.nullable(),
});
export type ScoreSuggestion = z.infer<typeof ScoreSuggestion>;

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
