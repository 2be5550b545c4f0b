import * as z from "zod";

/**
 * Which teams a paged campaign read covers: `GET …/completeness` and `GET …/scores` with
 * `teamOffset` and/or `teamLimit` answer for the teams at positions `offset` to `offset + limit - 1`
 * in joining order, and say where the next page starts. Without those parameters the answer covers
 * every team and carries no `page` (the answer is then as it always was).
 *
 * Why: at campaign size (4,000 teams x 24 months) one answer is 10 to 15 MB of JSON; a page of 500
 * teams reads and sends an eighth of it (figures in docs/DESIGN.md, bench/server.ts).
 */
export const TeamPage = z.object({
  /** position (joining order, from 0) of the page's first team */
  offset: z.number().int().nonnegative(),
  /** the most teams the page holds */
  limit: z.number().int().positive(),
  /** teams in the collaborative */
  teamsTotal: z.number().int().nonnegative(),
  /** the `teamOffset` of the next page; `null` on the last page */
  nextOffset: z.number().int().nonnegative().nullable(),
});
export type TeamPage = z.infer<typeof TeamPage>;

/** The most teams a page may hold (`teamLimit`), and the page size when only `teamOffset` is given. */
export const TEAM_PAGE_MAX = 1000;
export const TEAM_PAGE_DEFAULT = 500;
