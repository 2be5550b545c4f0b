// GET /api/v1/collaboratives/{id}/teams/{teamId}/timeline: one team month by month for the faculty
// app's team view: the narrative of each month (the newest revision that carried one), the self and
// faculty scores with what was written beside them, and the score the stored data suggest (core's
// suggestTeamScore, the builder behind …/suggestion, run once per month on one read of the points).

import { Hono } from "hono";
import { monthRange, reportingMonthAsOf, suggestTeamScore, type Narrative, type TeamTimeline } from "../../core/index";
import type { ScoreRow } from "../store/store";
import { teamInScope, type AppEnv, type RouteDeps } from "./context";

export function timelineRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/teams/:teamId/timeline", deps.guard, async (c) => {
    const { collaborative, team } = await teamInScope(deps, c);
    const [submissions, scores, points] = await Promise.all([
      store.listSubmissions(collaborative.id, team.id),
      store.currentScores(collaborative.id, { teamId: team.id }),
      store.currentPoints(collaborative.id, { teamId: team.id }),
    ]);
    let last = reportingMonthAsOf(deps.clock().toISOString().slice(0, 10), collaborative.startMonth, collaborative.endMonth);
    for (const s of submissions) if (s.reportingMonth > last) last = s.reportingMonth;
    // The newest revision of each month that carried a narrative (a later revision without one keeps it).
    const narratives = new Map<string, { narrative: Narrative; revision: number }>();
    const newestFirst = [...submissions].sort((a, b) => (a.reportingMonth === b.reportingMonth ? b.revision - a.revision : a.reportingMonth < b.reportingMonth ? -1 : 1));
    for (const s of newestFirst) {
      if (narratives.has(s.reportingMonth)) continue;
      const full = await store.getSubmission(collaborative.id, s.submissionId);
      if (full?.narrative) narratives.set(s.reportingMonth, { narrative: full.narrative, revision: s.revision });
    }
    const scoreOf = (period: string, source: ScoreRow["source"]) => {
      const row = scores.find((r) => r.period === period && r.source === source);
      return row ? { score: row.score, rationale: row.rationale, recordedAt: row.recordedAt, by: row.by } : null;
    };
    const body: TeamTimeline = {
      collaborativeId: collaborative.id,
      teamId: team.id,
      teamName: team.name,
      months: monthRange(collaborative.startMonth, last).map((period) => {
        const told = narratives.get(period) ?? null;
        const suggestion = suggestTeamScore({ definition: collaborative, points, reportingMonth: period, narrativeChanges: told?.narrative.changesTested ?? null });
        return {
          period,
          narrative: told?.narrative ?? null,
          narrativeRevision: told?.revision ?? null,
          self: scoreOf(period, "self"),
          faculty: scoreOf(period, "faculty"),
          suggested: suggestion === null ? null : { score: suggestion.score, label: suggestion.label, reasons: suggestion.reasons },
        };
      }),
    };
    return c.json(body);
  });

  return app;
}
