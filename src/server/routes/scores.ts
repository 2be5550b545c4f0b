// Assessment scores: GET …/scores (faculty and self scores, % of teams at 4+ per month; a team sees
// its own rows) and PUT …/teams/{teamId}/scores/{period} (faculty, admin; answered with the
// software's suggestion for the month).

import { Hono } from "hono";
import * as z from "zod";
import {
  countAtLeast,
  monthOf,
  monthRange,
  outsideCollaborative,
  reportingMonthAsOf,
  ScoreInput,
  suppressCount,
  type CollaborativeDefinition,
  type ScoresResponse,
  type ScoreSaved,
  type TeamMonthScores,
} from "../../core/index";
import { actorOf } from "../auth";
import { ApiProblem } from "../problem";
import type { ScoreCountRow, ScoreRow, TeamRecord } from "../store/store";
import { jsonBody, optionalPeriodValue, optionalSlugValue, params, periodValue, query } from "../validation";
import { suggestionFor } from "../views/suggest";
import { pageInfo, teamPageQuery, teamRange } from "../views/teamPage";
import { authOf, collaborativeOf, teamOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

const ScoresQuery = z.object({ teamId: optionalSlugValue("teamId"), period: optionalPeriodValue("period"), ...teamPageQuery });
const ScoreParams = z.object({ id: z.string(), teamId: z.string(), period: periodValue("period") });

export function scoreRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/scores", deps.guard, query(ScoresQuery), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const { period, teamOffset, teamLimit } = c.req.valid("query");
    let { teamId } = c.req.valid("query");
    if (auth.role === "team") {
      if (teamId !== undefined && teamId !== auth.teamId) throw new ApiProblem("FORBIDDEN", "a team token reads only its own team's scores");
      teamId = auth.teamId as string;
    }
    const range = teamRange({ teamOffset, teamLimit }, teamId);
    const filter = { ...(teamId !== undefined ? { teamId } : {}), ...(period !== undefined ? { period } : {}), ...(range !== undefined ? { teams: range } : {}) };
    const [teams, rows, counts] = await Promise.all([store.listTeams(collaborative.id), store.currentScores(collaborative.id, filter), store.facultyScoreCounts(collaborative.id)]);
    const body = scoresBody(collaborative, teams, rows, counts, deps.clock().toISOString().slice(0, 10));
    if (auth.role === "team") {
      // A team in an `aggregate` collaborative gets only the months whose headline it may see: with its
      // own score known, a count over fewer than MIN_OTHER_TEAMS other teams tells it theirs (core's
      // suppressCount; GET …/learning answers those months as withheld).
      const own = auth.teamId as string;
      const ownScored = new Set(rows.filter((r) => r.teamId === own && r.source === "faculty").map((r) => r.period));
      body.months = body.months.filter((m) => !suppressCount(collaborative.sharing, own, m.teamsScored, ownScored.has(m.period)));
    }
    return c.json(range === undefined ? body : { ...body, page: pageInfo(range, teams.length) });
  });

  // Role first (403), then the month (400) and the body (400/422); the collaborative and team (404) after.
  app.put("/collaboratives/:id/teams/:teamId/scores/:period", deps.guard, onlyRoles("faculty", "admin"), params(ScoreParams), jsonBody(ScoreInput, "the score"), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const team = await teamOf(deps, collaborative.id, c.req.param("teamId"));
    const { period } = c.req.valid("param");
    const input = c.req.valid("json");
    const now = deps.clock();
    const outside = outsideCollaborative(collaborative, period);
    const future = period > monthOf(now.toISOString());
    if (outside !== null || future) {
      const message = outside ?? `month ${period} has not started yet`;
      throw new ApiProblem("VALIDATION", `${message}: score a month from ${collaborative.startMonth} up to this month`, {
        conflicts: [{ path: ["period"], measureId: null, period, code: outside !== null ? "PERIOD_OUTSIDE_COLLABORATIVE" : "PERIOD_IN_FUTURE", message, severity: "error" }],
      });
    }
    const saved = await store.recordScore(collaborative.id, { teamId: team.id, period, score: input.score, rationale: input.rationale, recordedAt: now.toISOString() }, actorOf(auth));
    const body: ScoreSaved = {
      collaborativeId: collaborative.id,
      teamId: team.id,
      period,
      score: saved.score,
      rationale: saved.rationale,
      recordedAt: saved.recordedAt,
      by: saved.by,
      suggested: await suggestionFor(store, collaborative, team.id, period),
    };
    return c.json(body);
  });

  return app;
}

function scoresBody(
  collaborative: CollaborativeDefinition,
  teams: readonly TeamRecord[],
  rows: readonly ScoreRow[],
  counts: readonly ScoreCountRow[],
  today: string,
): ScoresResponse {
  const names = new Map(teams.map((t) => [t.id, t.name]));
  // Rows come ordered by period, team and source, so a team-month's faculty and self rows are adjacent.
  const scores: TeamMonthScores[] = [];
  let entry: TeamMonthScores | null = null;
  for (const row of rows) {
    if (!entry || entry.teamId !== row.teamId || entry.period !== row.period) {
      entry = { teamId: row.teamId, teamName: names.get(row.teamId) ?? row.teamId, period: row.period, faculty: null, self: null };
      scores.push(entry);
    }
    entry[row.source] = { score: row.score, rationale: row.rationale, recordedAt: row.recordedAt, by: row.by };
  }
  let last = reportingMonthAsOf(today, collaborative.startMonth, collaborative.endMonth);
  // Each month's faculty scores, one entry per team, for core's countAtLeast (the "% at 4+" rule).
  const scoresByMonth = new Map<string, number[]>();
  for (const row of counts) {
    if (row.period > last) last = row.period;
    const list = scoresByMonth.get(row.period) ?? [];
    for (let i = 0; i < row.teams; i++) list.push(row.score);
    scoresByMonth.set(row.period, list);
  }
  return {
    collaborativeId: collaborative.id,
    teamsTotal: teams.length,
    months: monthRange(collaborative.startMonth, last).map((period) => {
      const headline = countAtLeast(scoresByMonth.get(period) ?? [], 4);
      return { period, teamsScored: headline.scored, teamsAtLeast4: headline.atLeast, percentAtLeast4: headline.percent, teamsTotal: teams.length };
    }),
    scores,
  };
}
