// GET /api/v1/collaboratives/{id}/points (JSON, labelled per the sharing mode) and …/export.csv
// (faculty and admin: every current point as CSV).

import { Hono } from "hono";
import * as z from "zod";
import type { PointsResponse } from "../../core/index";
import { ApiProblem } from "../problem";
import { optionalSlugValue, query } from "../validation";
import { toCsv, type CsvCell } from "../views/csv";
import { seesAllNamed, teamLabels } from "../views/sharing";
import { authOf, collaborativeOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";
import { aggregateOf, hasMeasure, measuresOf, seriesOf } from "./series";

const PointsQuery = z.object({ measureId: optionalSlugValue("measureId"), teamId: optionalSlugValue("teamId") });

export function pointRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get("/collaboratives/:id/points", deps.guard, query(PointsQuery), async (c) => {
    const auth = authOf(c);
    const collaborative = await collaborativeOf(deps, c);
    const { measureId, teamId } = c.req.valid("query");
    if (!hasMeasure(collaborative, measureId)) throw new ApiProblem("NOT_FOUND", `no measure ${measureId}`);
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
        aggregate: aggregateOf(measure, aggregates, collaborative, auth),
      })),
    };
    return c.json(body);
  });

  app.get("/collaboratives/:id/export.csv", deps.guard, onlyRoles("faculty", "admin"), async (c) => {
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

  return app;
}
