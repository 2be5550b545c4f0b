import * as z from "zod";
import { ScoreEntry, SuggestedScore } from "./scores";
import { Narrative } from "./submission";

/** One reporting month of one team: its story, and the self, faculty and suggested scores beside it. */
export const TeamTimelineMonth = z.object({
  period: z.string(),
  /** the narrative of the newest revision for this month that carried one; `null` when none did */
  narrative: Narrative.nullable(),
  /** the revision that narrative came from */
  narrativeRevision: z.number().int().positive().nullable(),
  /** latest self-assessment stored as a score (with what the team wrote) */
  self: ScoreEntry.nullable(),
  /** latest faculty score, with its rationale */
  faculty: ScoreEntry.nullable(),
  /** what the stored data suggest for this month (core's suggestTeamScore); `null` without data */
  suggested: SuggestedScore.nullable(),
});
export type TeamTimelineMonth = z.infer<typeof TeamTimelineMonth>;

/**
 * `GET /api/v1/collaboratives/{id}/teams/{teamId}/timeline`: one team month by month, from the
 * collaborative's first month to the reporting month (or the last month with a report).
 */
export const TeamTimeline = z.object({
  collaborativeId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  months: z.array(TeamTimelineMonth),
});
export type TeamTimeline = z.infer<typeof TeamTimeline>;
