import * as z from "zod";
import { SharingMode } from "./collaborative";

// `GET /api/v1/collaboratives/{id}/learning`: what a team learns from the other teams ("all teach,
// all learn"), cut by the collaborative's sharing mode on the server. The run charts themselves are
// `GET …/runcharts`, which applies the same mode.

/**
 * Another team's latest narrative: only what it tested and learned (its barriers and help wanted are
 * for faculty). `teamId` is `null` and `teamLabel` a stable letter ("Team C") in a `blinded`
 * collaborative. The text is the team's own words, shown as written: a team that names itself in
 * it is named (blinding hides names and ids, not what teams write).
 */
export const SharedNarrative = z.object({
  teamId: z.string().nullable(),
  teamLabel: z.string(),
  /** the month the narrative was written for (the team's latest with one) */
  reportingMonth: z.string(),
  changesTested: z.string(),
  lessons: z.string(),
});
export type SharedNarrative = z.infer<typeof SharedNarrative>;

/**
 * The collaborative's "% of teams at 4+" for a month (core's `countAtLeast` over the faculty
 * scores). Withheld (`null`, `suppressed: true`) from a team in an `aggregate` collaborative while
 * fewer than MIN_OTHER_TEAMS other teams were scored (core's `suppressCount`).
 */
export const SharedScoreMonth = z.object({
  period: z.string(),
  teamsScored: z.number().int().nonnegative().nullable(),
  teamsAtLeast4: z.number().int().nonnegative().nullable(),
  /** 0 to 100; `null` when no team was scored or the month is withheld */
  percentAtLeast4: z.number().min(0).max(100).nullable(),
  suppressed: z.boolean(),
});
export type SharedScoreMonth = z.infer<typeof SharedScoreMonth>;

/**
 * `GET /api/v1/collaboratives/{id}/learning`:
 * - `named`: other teams' narratives by name;
 * - `blinded`: by stable letter, no ids;
 * - `aggregate`: no other team's narrative (`narratives` is empty), only pooled figures.
 * Faculty and admins get every team's by name. The reader's own team is never in `narratives`.
 */
export const CollaborativeLearning = z.object({
  collaborativeId: z.string(),
  sharing: SharingMode,
  narratives: z.array(SharedNarrative),
  scores: z.array(SharedScoreMonth),
});
export type CollaborativeLearning = z.infer<typeof CollaborativeLearning>;
