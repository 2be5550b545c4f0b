// Read endpoints and the faculty/admin writes (scores, locks). Every answer matches a schema in
// src/core/schema, which the add-in and the faculty page parse it with.

import type { Hono } from "hono";
import {
  checkPeriodChange,
  countAtLeast,
  monthOf,
  monthRange,
  outsideCollaborative,
  periodLockState,
  PeriodChangeInput,
  pointValue,
  readRunChart,
  reportingMonthAsOf,
  RULE_SETS,
  ScoreInput,
  type CollaborativeDefinition,
  type CollaborativeList,
  type CollaborativeView,
  type Me,
  type MeasureDefinition,
  type PointsResponse,
  type RunChartsResponse,
  type ScoresResponse,
  type ScoreSuggestion,
  type ScoreSaved,
  type SubmissionDetail,
  type SubmissionHistory,
  type TeamMonthScores,
} from "../../core/index";
import { actorOf, requireRole } from "../auth";
import { ApiProblem } from "../problem";
import type { AggregateRow, CurrentPointRow, ScoreCountRow, ScoreRow, TeamRecord } from "../store/store";
import { asOfParam, parseJson, periodParam, validate } from "../validation";
import { completeness, teamStatus } from "../views/completeness";
import { toCsv, type CsvCell } from "../views/csv";
import { periodStates } from "../views/periods";
import { seesAllNamed, teamLabels, type TeamLabel } from "../views/sharing";
import { suggestionFor } from "../views/suggest";
import { authOf, collaborativeOf, optionalSlug, teamInScope, teamOf, type AppEnv, type RouteDeps } from "./context";

export function registerReadRoutes(app: Hono<AppEnv>, deps: RouteDeps): void {
  const { store } = deps;
  const today = () => deps.clock().toISOString().slice(0, 10);

  app.get("/api/v1/me", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = auth.collaborativeId ? ((await store.getCollaborative(auth.collaborativeId))?.definition ?? null) : null;
    const team = auth.collaborativeId && auth.teamId ? await store.getTeam(auth.collaborativeId, auth.teamId) : null;
    const me: Me = {
      role: auth.role,
      tokenLabel: auth.label,
      team: team ? { id: team.id, name: team.name, organisation: team.organisation } : null,
      collaborative,
    };
    return c.json(me);
  });

  app.get("/api/v1/collaboratives", deps.guard, async (c) => {
    const auth = authOf(c);
    const all = await store.listCollaboratives();
    const visible = all.filter((r) => auth.collaborativeId === null || r.definition.id === auth.collaborativeId);
    const body: CollaborativeList = { collaboratives: [] };
    for (const { definition: d } of visible) {
      const teams = await store.listTeams(d.id);
      body.collaboratives.push({ id: d.id, name: d.name, startMonth: d.startMonth, endMonth: d.endMonth, sharing: d.sharing, teamCount: teams.length });
    }
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const teams = await store.listTeams(collaborative.id);
    const labels = teamLabels(teams, collaborative.sharing, auth);
    const body: CollaborativeView = {
      ...collaborative,
      teams: [...labels.values()].map((l) => ({ id: l.teamId, name: l.label, organisation: l.organisation, own: l.own })),
      teamCount: teams.length,
    };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/points", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const measureId = optionalSlug(c, "measureId");
    const teamId = optionalSlug(c, "teamId");
    if (measureId !== undefined && !collaborative.measures.some((m) => m.id === measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
    if (teamId !== undefined && auth.role === "team" && teamId !== auth.teamId && !seesAllNamed(auth, collaborative.sharing)) {
      throw new ApiProblem("FORBIDDEN", `this collaborative shares ${collaborative.sharing} data: a team token reads only its own team by id`);
    }
    const teams = await store.listTeams(collaborative.id);
    const labels = teamLabels(teams, collaborative.sharing, auth);
    const filter = { ...(measureId !== undefined ? { measureId } : {}), ...(teamId !== undefined ? { teamId } : {}) };
    const [rows, aggregates] = await Promise.all([store.currentPoints(collaborative.id, filter), store.aggregates(collaborative.id, measureId !== undefined ? { measureId } : {})]);
    const body: PointsResponse = {
      collaborativeId: collaborative.id,
      sharing: collaborative.sharing,
      measures: measuresOf(collaborative, measureId).map((measure) => ({
        measureId: measure.id,
        series: seriesOf(teams, labels, rows, measure.id).map(({ label, points }) => ({
          teamId: label.teamId,
          teamLabel: label.label,
          own: label.own,
          points: points.map((p) => ({
            period: p.period,
            numerator: p.numerator,
            denominator: p.denominator,
            value: p.value,
            annotation: p.annotation,
            revision: p.revision,
            receivedAt: p.receivedAt,
          })),
        })),
        aggregate: aggregateOf(measure, aggregates),
      })),
    };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/runcharts", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const measureId = optionalSlug(c, "measureId");
    if (measureId !== undefined && !collaborative.measures.some((m) => m.id === measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
    const teams = await store.listTeams(collaborative.id);
    const labels = teamLabels(teams, collaborative.sharing, auth);
    const filter = measureId !== undefined ? { measureId } : {};
    const [rows, aggregates] = await Promise.all([store.currentPoints(collaborative.id, filter), store.aggregates(collaborative.id, filter)]);
    let last = reportingMonthAsOf(today(), collaborative.startMonth, collaborative.endMonth);
    for (const r of rows) if (r.period > last) last = r.period;
    const months = monthRange(collaborative.startMonth, last);
    const rules = RULE_SETS[collaborative.ruleSet];
    const body: RunChartsResponse = {
      collaborativeId: collaborative.id,
      ruleSet: collaborative.ruleSet,
      rules: { name: rules.name, centerLine: rules.centerLine, description: rules.rules },
      months,
      measures: measuresOf(collaborative, measureId).map((measure) => ({
        measureId: measure.id,
        name: measure.name,
        unit: measure.unit ?? null,
        goal: measure.goal ?? null,
        improvementDirection: measure.improvementDirection,
        series: seriesOf(teams, labels, rows, measure.id).map(({ label, points }) => {
          const byPeriod = new Map(points.map((p) => [p.period, p]));
          const aligned = months.map((period) => ({ period, value: byPeriod.get(period)?.value ?? null, annotation: byPeriod.get(period)?.annotation ?? null }));
          const { centerLine, lpl, upl, signals, improving } = readRunChart(
            aligned.map((p) => p.value),
            collaborative.ruleSet,
            measure.improvementDirection,
          );
          return { teamId: label.teamId, teamLabel: label.label, own: label.own, points: aligned, centerLine, lpl, upl, signals, improving };
        }),
        aggregate: aggregateOf(measure, aggregates),
      })),
    };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/teams/:teamId/suggestion", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const period = periodParam(c.req.query("period") ?? "", "period");
    const body: ScoreSuggestion = { collaborativeId: collaborative.id, teamId: team.id, period, ruleSet: collaborative.ruleSet, suggested: await suggestionFor(store, collaborative, team.id, period) };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/teams/:teamId/submissions", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const rows = await store.listSubmissions(collaborative.id, team.id);
    const body: SubmissionHistory = { collaborativeId: collaborative.id, teamId: team.id, submissions: rows.map(({ teamId: _t, ...row }) => row) };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/teams/:teamId/submissions/:submissionId", deps.guard, async (c) => {
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
      narrative: row.narrative,
      selfAssessment: row.selfAssessment,
      client: row.input.client ?? null,
      conflicts: row.conflicts,
    };
    return c.json(body);
  });

  app.get("/api/v1/collaboratives/:id/teams/:teamId/status", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const asOf = asOfParam(c.req.query("asOf"), deps.clock());
    const [reports, events] = await Promise.all([store.reports(collaborative.id, { teamId: team.id }), store.latestPeriodEvents(collaborative.id)]);
    const month = reportingMonthAsOf(asOf, collaborative.startMonth, collaborative.endMonth);
    const locked = periodLockState(collaborative, month, events.get(month), asOf).locked;
    return c.json(teamStatus(collaborative, team.id, reports, asOf, locked));
  });

  app.get("/api/v1/collaboratives/:id/completeness", deps.guard, async (c) => {
    const auth = authOf(c);
    requireRole(auth, "faculty", "admin");
    const collaborative = await collaborativeOf(deps, c);
    const asOf = asOfParam(c.req.query("asOf"), deps.clock());
    const teamId = optionalSlug(c, "teamId");
    const [teams, reports] = await Promise.all([store.listTeams(collaborative.id), store.reports(collaborative.id, teamId !== undefined ? { teamId } : {})]);
    const chosen = teamId === undefined ? teams : teams.filter((t) => t.id === teamId);
    if (teamId !== undefined && chosen.length === 0) throw new ApiProblem("NOT_FOUND", `no team ${teamId} in ${collaborative.id}`);
    return c.json(completeness(collaborative, chosen, reports, asOf));
  });

  app.get("/api/v1/collaboratives/:id/scores", deps.guard, async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    let teamId = optionalSlug(c, "teamId");
    const period = c.req.query("period");
    if (period !== undefined && period !== "") periodParam(period, "period");
    if (auth.role === "team") {
      if (teamId !== undefined && teamId !== auth.teamId) throw new ApiProblem("FORBIDDEN", "a team token reads only its own team's scores");
      teamId = auth.teamId as string;
    }
    const filter = { ...(teamId !== undefined ? { teamId } : {}), ...(period ? { period } : {}) };
    const [teams, rows, counts] = await Promise.all([store.listTeams(collaborative.id), store.currentScores(collaborative.id, filter), store.facultyScoreCounts(collaborative.id)]);
    return c.json(scoresBody(collaborative, teams, rows, counts, today()));
  });

  app.put("/api/v1/collaboratives/:id/teams/:teamId/scores/:period", deps.guard, async (c) => {
    const auth = authOf(c);
    requireRole(auth, "faculty", "admin");
    const collaborative = await collaborativeOf(deps, c);
    const team = await teamOf(deps, collaborative.id, c.req.param("teamId"));
    const period = periodParam(c.req.param("period"), "period");
    const input = validate(ScoreInput, parseJson(await c.req.text()), "the score");
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

  app.get("/api/v1/collaboratives/:id/export.csv", deps.guard, async (c) => {
    const auth = authOf(c);
    requireRole(auth, "faculty", "admin");
    const collaborative = await collaborativeOf(deps, c);
    const [teams, rows] = await Promise.all([store.listTeams(collaborative.id), store.currentPoints(collaborative.id, {})]);
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const measureById = new Map(collaborative.measures.map((m) => [m.id, m]));
    const header = ["collaborative", "team_id", "team", "organisation", "measure_id", "measure", "period", "numerator", "denominator", "value", "annotation", "revision", "received_at"];
    const lines = rows.map((r): CsvCell[] => [
      collaborative.id,
      r.teamId,
      teamById.get(r.teamId)?.name ?? "",
      teamById.get(r.teamId)?.organisation ?? "",
      r.measureId,
      measureById.get(r.measureId)?.name ?? "",
      r.period,
      r.numerator,
      r.denominator,
      r.value,
      r.annotation,
      r.revision,
      r.receivedAt,
    ]);
    return c.body(toCsv(header, lines), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${collaborative.id}-points.csv"`,
    });
  });

  app.get("/api/v1/collaboratives/:id/periods", deps.guard, async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const asOf = asOfParam(c.req.query("asOf"), deps.clock());
    const events = await store.latestPeriodEvents(collaborative.id);
    return c.json({ collaborativeId: collaborative.id, asOf, periods: periodStates(collaborative, events, asOf) });
  });

  for (const action of ["lock", "reopen"] as const) {
    app.post(`/api/v1/collaboratives/:id/periods/:period/${action}`, deps.guard, async (c) => {
      const auth = authOf(c);
      requireRole(auth, "admin");
      const collaborative = await collaborativeOf(deps, c);
      const period = periodParam(c.req.param("period"), "period");
      const text = await c.req.text();
      const input = validate(PeriodChangeInput, text.trim() === "" ? {} : parseJson(text), `the ${action} request`);
      const { change, problems } = checkPeriodChange(collaborative, action, period, input.reason);
      if (change === null) {
        throw new ApiProblem("VALIDATION", `${period} cannot be ${action === "lock" ? "locked" : "reopened"}: ${problems.map((p) => p.message).join("; ")}`, {
          conflicts: problems.map((p) => ({ path: [p.field], measureId: null, period, code: p.code, message: p.message, severity: "error" as const })),
        });
      }
      const now = deps.clock();
      await store.addPeriodEvent(collaborative.id, { ...change, at: now.toISOString() }, actorOf(auth));
      const events = await store.latestPeriodEvents(collaborative.id);
      const asOf = now.toISOString().slice(0, 10);
      return c.json({ collaborativeId: collaborative.id, asOf, periods: [periodLockState(collaborative, period, events.get(period), asOf)] });
    });
  }
}

function measuresOf(collaborative: CollaborativeDefinition, measureId: string | undefined): MeasureDefinition[] {
  return measureId === undefined ? collaborative.measures : collaborative.measures.filter((m) => m.id === measureId);
}

/** Each visible team's current points of one measure, in team order; rows come sorted by measure, team, period. */
function seriesOf(
  teams: readonly TeamRecord[],
  labels: ReadonlyMap<string, TeamLabel>,
  rows: readonly CurrentPointRow[],
  measureId: string,
): Array<{ label: TeamLabel; points: CurrentPointRow[] }> {
  const byTeam = new Map<string, CurrentPointRow[]>();
  for (const row of rows) {
    if (row.measureId !== measureId) continue;
    const list = byTeam.get(row.teamId) ?? [];
    list.push(row);
    byTeam.set(row.teamId, list);
  }
  const out: Array<{ label: TeamLabel; points: CurrentPointRow[] }> = [];
  for (const team of teams) {
    const label = labels.get(team.id);
    if (label) out.push({ label, points: byTeam.get(team.id) ?? [] });
  }
  return out;
}

/** The pooled monthly figures of one measure (sums from SQL, value by the measure's kind). */
function aggregateOf(measure: MeasureDefinition, rows: readonly AggregateRow[]) {
  return rows
    .filter((r) => r.measureId === measure.id)
    .map((r) => ({
      period: r.period,
      numerator: r.numerator,
      denominator: r.denominator,
      value: measure.kind === "mean" ? r.meanValue : pointValue(measure, r.numerator, r.denominator),
      teamCount: r.teamCount,
    }));
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

