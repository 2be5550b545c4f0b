// GET /api/v1/collaboratives/{id}/funnel?measureId=&period=: one percent or rate measure in one month,
// every team against its denominator with limits from core's funnelPlot (Spiegelhalter 2005), labelled
// as the sharing mode lets the reader see the teams. It replaces a league table.

import { Hono } from "hono";
import * as z from "zod";
import { funnelMeasureOf, funnelPlot, type FunnelResponse } from "../../core/index";
import { ApiProblem } from "../problem";
import { optionalSlugValue, periodValue, query } from "../validation";
import { teamLabels } from "../views/sharing";
import { authOf, collaborativeOf, type AppEnv, type RouteDeps } from "./context";

const FunnelQuery = z.object({
  measureId: optionalSlugValue("measureId"),
  period: periodValue("period"),
  method: z.enum(["exact", "normal"], { error: "method must be exact or normal" }).optional(),
  overdispersion: z.enum(["true", "false"], { error: "overdispersion must be true or false" }).optional(),
});

export function funnelRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/funnel", deps.guard, query(FunnelQuery), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const { measureId, period, method = "exact", overdispersion } = c.req.valid("query");
    if (measureId === undefined) throw new ApiProblem("BAD_REQUEST", "measureId is required: the percent or rate measure to plot, e.g. ?measureId=bundle&period=2026-03");
    const measure = collaborative.measures.find((m) => m.id === measureId);
    if (!measure) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
    const kind = funnelMeasureOf(measure.kind);
    if (kind === null) {
      throw new ApiProblem("BAD_REQUEST", `measure ${measureId} is a ${measure.kind} measure: funnel plots are drawn for percent and rate measures (a team's value as a share of its denominator)`);
    }
    // A team in an aggregate collaborative sees only its own team and pooled figures; a funnel shows
    // every team's value, so it is not theirs to read.
    if (auth.role === "team" && collaborative.sharing === "aggregate") {
      throw new ApiProblem("FORBIDDEN", "this collaborative shares only pooled figures with teams (sharing: aggregate), and a funnel plot shows each team's value");
    }
    const teams = await store.listTeams(collaborative.id);
    const labels = teamLabels(teams, collaborative.sharing, auth);
    const rows = (await store.currentPoints(collaborative.id, { measureId })).filter((r) => r.period === period);
    const visible = rows.filter((r) => labels.has(r.teamId));
    // In label order, never id order: a blinded reader must not learn how the hidden ids sort.
    const labelOf = (teamId: string): string => labels.get(teamId)?.label ?? "";
    const usable = visible
      .filter((r) => r.numerator !== null && r.denominator !== null && r.denominator > 0)
      .sort((a, b) => labelOf(a.teamId).localeCompare(labelOf(b.teamId), "en", { numeric: true }));
    const scale = measure.kind === "percent" ? 100 : (measure.multiplier ?? 1);
    const plot = funnelPlot(
      usable.map((r) => ({ id: r.teamId, numerator: r.numerator as number, denominator: r.denominator as number })),
      { measure: kind, scale, method, adjustForOverdispersion: overdispersion === "true" },
    );
    const od = plot.overdispersion;
    const body: FunnelResponse = {
      collaborativeId: collaborative.id,
      measureId: measure.id,
      name: measure.name,
      unit: measure.unit ?? null,
      improvementDirection: measure.improvementDirection,
      period,
      measure: kind,
      scale,
      target: plot.teams.length > 0 ? plot.target : null,
      method,
      limitsFrom: plot.limitsFrom,
      overdispersion: od === null ? null : { phi: od.phi, tau2: od.tau2, dispersion: od.dispersion, dispersionExpected: od.dispersionExpected, teamCount: od.teamCount },
      teams: plot.teams.map((t) => {
        const label = labels.get(t.id);
        return {
          teamId: label?.teamId ?? null,
          teamLabel: label?.label ?? "",
          own: label?.own ?? false,
          numerator: t.numerator,
          denominator: t.denominator,
          value: t.value,
          zScore: t.zScore,
          limits: t.limits,
          position: t.position,
        };
      }),
      curve: [...plot.curve],
      teamsWithoutDenominator: visible.length - usable.length,
    };
    return c.json(body);
  });

  return app;
}
