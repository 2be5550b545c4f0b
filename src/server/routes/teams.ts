// One team's views (the team itself, faculty, admin): the score the data suggest, its report history
// and one past revision, its PDSA cycles, this month's status; and who reported which month and
// every team's cycles (faculty, admin).

import { Hono } from "hono";
import * as z from "zod";
import { periodLockState, reportingMonthAsOf, teamBacklog, type CyclesResponse, type ScoreSuggestion, type SubmissionDetail, type SubmissionHistory } from "../../core/index";
import { ApiProblem } from "../problem";
import { asOfOrToday, optionalDayValue, optionalSlugValue, periodValue, query } from "../validation";
import { completeness, teamStatus } from "../views/completeness";
import { suggestionFor } from "../views/suggest";
import { pageInfo, teamPageQuery, teamRange } from "../views/teamPage";
import { collaborativeOf, onlyRoles, teamInScope, teamOf, type AppEnv, type RouteDeps } from "./context";

const SuggestionQuery = z.object({ period: periodValue("period") });
const StatusQuery = z.object({ asOf: optionalDayValue });
const CompletenessQuery = z.object({ asOf: optionalDayValue, teamId: optionalSlugValue("teamId"), ...teamPageQuery });
const CyclesQuery = z.object({ teamId: optionalSlugValue("teamId"), measureId: optionalSlugValue("measureId") });

export function teamRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/teams/:teamId/suggestion", deps.guard, query(SuggestionQuery), async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const { period } = c.req.valid("query");
    const body: ScoreSuggestion = { collaborativeId: collaborative.id, teamId: team.id, period, ruleSet: collaborative.ruleSet, suggested: await suggestionFor(store, collaborative, team.id, period) };
    return c.json(body);
  });

  app.get("/collaboratives/:id/teams/:teamId/submissions", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const rows = await store.listSubmissions(collaborative.id, team.id);
    const body: SubmissionHistory = { collaborativeId: collaborative.id, teamId: team.id, submissions: rows.map(({ teamId: _t, ...row }) => row) };
    return c.json(body);
  });

  app.get("/collaboratives/:id/teams/:teamId/submissions/:submissionId", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const submissionId = c.req.param("submissionId");
    const row = submissionId.length <= 200 ? await store.getSubmission(collaborative.id, submissionId) : null;
    if (!row || row.teamId !== team.id) throw new ApiProblem("NOT_FOUND", `no submission ${submissionId} for team ${team.id}`);
    const body: SubmissionDetail = {
      submissionId: row.submissionId,
      collaborativeId: collaborative.id,
      teamId: team.id,
      reportingMonth: row.reportingMonth,
      revision: row.revision,
      receivedAt: row.receivedAt,
      counts: row.counts,
      points: row.input.points ?? [],
      cycles: row.input.cycles ?? [],
      narrative: row.narrative,
      selfAssessment: row.selfAssessment,
      client: row.input.client ?? null,
      conflicts: row.conflicts,
    };
    return c.json(body);
  });

  app.get("/collaboratives/:id/teams/:teamId/cycles", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const rows = await store.currentCycles(collaborative.id, { teamId: team.id });
    const body: CyclesResponse = { collaborativeId: collaborative.id, cycles: rows };
    return c.json(body);
  });

  app.get("/collaboratives/:id/cycles", deps.guard, onlyRoles("faculty", "admin"), query(CyclesQuery), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const { teamId, measureId } = c.req.valid("query");
    if (measureId !== undefined && !collaborative.measures.some((m) => m.id === measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
    if (teamId !== undefined) await teamOf(deps, collaborative.id, teamId);
    const rows = await store.currentCycles(collaborative.id, { ...(teamId !== undefined ? { teamId } : {}), ...(measureId !== undefined ? { measureId } : {}) });
    const body: CyclesResponse = { collaborativeId: collaborative.id, cycles: rows };
    return c.json(body);
  });

  app.get("/collaboratives/:id/teams/:teamId/status", deps.guard, query(StatusQuery), async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const asOf = asOfOrToday(c.req.valid("query").asOf, deps.clock());
    const [reports, events] = await Promise.all([store.reports(collaborative.id, { teamId: team.id }), store.latestPeriodEvents(collaborative.id)]);
    const month = reportingMonthAsOf(asOf, collaborative.startMonth, collaborative.endMonth);
    const locked = periodLockState(collaborative, month, events.get(month), asOf).locked;
    const firstReceived = new Map(reports.map((r) => [r.reportingMonth, r.firstReceivedAt]));
    const backlog = teamBacklog(team, collaborative, (m) => firstReceived.get(m), events, asOf);
    return c.json({ ...teamStatus(collaborative, team, reports, asOf, locked), backlog });
  });

  app.get("/collaboratives/:id/completeness", deps.guard, onlyRoles("faculty", "admin"), query(CompletenessQuery), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const { asOf: day, teamId, ...pageQuery } = c.req.valid("query");
    const asOf = asOfOrToday(day, deps.clock());
    const range = teamRange(pageQuery, teamId);
    const filter = teamId !== undefined ? { teamId } : range !== undefined ? { teams: range } : {};
    const [teams, reports] = await Promise.all([store.listTeams(collaborative.id), store.reports(collaborative.id, filter)]);
    const chosen =
      teamId !== undefined ? teams.filter((t) => t.id === teamId) : range !== undefined ? teams.filter((t) => t.position >= range.offset && t.position < range.offset + range.limit) : teams;
    if (teamId !== undefined && chosen.length === 0) throw new ApiProblem("NOT_FOUND", `no team ${teamId} in ${collaborative.id}`);
    const grid = completeness(collaborative, chosen, reports, asOf);
    return c.json(range === undefined ? grid : { ...grid, page: pageInfo(range, teams.length) });
  });

  return app;
}
