// A page of teams for the campaign reads (completeness, scores): the query parameters, and what the
// answer says about the page (core's TeamPage).

import { TEAM_PAGE_DEFAULT, TEAM_PAGE_MAX, type TeamPage } from "../../core/index";
import { ApiProblem } from "../problem";
import type { TeamRange } from "../store/store";
import { optionalCountValue } from "../validation";

/** `teamOffset` (a position, from 0) and `teamLimit` (1 to TEAM_PAGE_MAX teams). */
export const teamPageQuery = {
  teamOffset: optionalCountValue("teamOffset", 0, 999_999_999),
  teamLimit: optionalCountValue("teamLimit", 1, TEAM_PAGE_MAX),
};

/**
 * The teams asked for: `undefined` (every team) when neither parameter is given, else the range
 * (`teamLimit` defaults to TEAM_PAGE_DEFAULT, `teamOffset` to 0). With `teamId` as well it is 400:
 * one team is not a page.
 *
 * @example
 * teamRange({ teamOffset: 500 }, undefined) // { offset: 500, limit: 500 }
 */
export function teamRange(q: { teamOffset?: number | undefined; teamLimit?: number | undefined }, teamId: string | undefined): TeamRange | undefined {
  if (q.teamOffset === undefined && q.teamLimit === undefined) return undefined;
  if (teamId !== undefined) throw new ApiProblem("BAD_REQUEST", "teamOffset and teamLimit page over every team: not with teamId (and a team token reads its own team only)");
  return { offset: q.teamOffset ?? 0, limit: q.teamLimit ?? TEAM_PAGE_DEFAULT };
}

/** What the answer says about its page. */
export function pageInfo(range: TeamRange, teamsTotal: number): TeamPage {
  const next = range.offset + range.limit;
  return { offset: range.offset, limit: range.limit, teamsTotal, nextOffset: next < teamsTotal ? next : null };
}
