// GET /api/v1/collaboratives/{id}/runcharts: every visible team's run chart per measure, read by the
// collaborative's rule set (core's readRunChart), on the months from the start to the reporting month.

import { Hono } from "hono";
import * as z from "zod";
import { monthRange, readRunChart, reportingMonthAsOf, RULE_SETS, type RunChartsResponse } from "../../core/index";
import { ApiProblem } from "../problem";
import { optionalSlugValue, query } from "../validation";
import { teamLabels } from "../views/sharing";
import { authOf, collaborativeOf, type AppEnv, type RouteDeps } from "./context";
import { aggregateOf, hasMeasure, measuresOf, seriesOf } from "./series";

const RunChartsQuery = z.object({ measureId: optionalSlugValue("measureId") });

export function runChartRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/runcharts", deps.guard, query(RunChartsQuery), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const { measureId } = c.req.valid("query");
    if (!hasMeasure(collaborative, measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
    const teams = await store.listTeams(collaborative.id);
    const labels = teamLabels(teams, collaborative.sharing, auth);
    const filter = measureId !== undefined ? { measureId } : {};
    const [rows, aggregates] = await Promise.all([store.currentPoints(collaborative.id, filter), store.aggregates(collaborative.id, filter)]);
    let last = reportingMonthAsOf(deps.clock().toISOString().slice(0, 10), collaborative.startMonth, collaborative.endMonth);
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
        aggregate: aggregateOf(measure, aggregates, collaborative, auth),
      })),
    };
    return c.json(body);
  });

  return app;
}
