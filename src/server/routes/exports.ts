// GET /api/v1/collaboratives/{id}/export.xlsx (faculty and admin): the collaborative's data as one
// workbook: current points, every point revision, narratives, scores, and the teams' PDSA cycles (each
// as last sent, with the revision that sent it). Teams by name: only faculty and admins may export.

import { Hono } from "hono";
import type { CollaborativeDefinition } from "../../core/index";
import type { Store, TeamRecord } from "../store/store";
import { toXlsx, type XlsxCell, type XlsxTable } from "../views/xlsx";
import { collaborativeOf, onlyRoles, type AppEnv, type RouteDeps } from "./context";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function exportRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { store } = deps;
  return new Hono<AppEnv>().get("/collaboratives/:id/export.xlsx", deps.guard, onlyRoles("faculty", "admin"), async (c) => {
    const collaborative = await collaborativeOf(deps, c);
    const now = deps.clock();
    const tables = await exportTables(store, collaborative, now);
    const bytes = await toXlsx(tables, { creator: "QI Collaborative data store", created: now });
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": XLSX_CONTENT_TYPE,
      "content-disposition": `attachment; filename="${collaborative.id}-export.xlsx"`,
    });
  });
}

/** The sheets of the export, in tab order. */
export async function exportTables(store: Store, collaborative: CollaborativeDefinition, now: Date): Promise<XlsxTable[]> {
  const id = collaborative.id;
  const [teams, points, revisions, narratives, scores] = await Promise.all([
    store.listTeams(id),
    store.currentPoints(id, {}),
    store.pointRevisions(id),
    store.narratives(id, {}),
    store.currentScores(id, {}),
  ]);
  const team = teamLookup(teams);
  const measureName = new Map(collaborative.measures.map((m) => [m.id, m.name]));
  const tables: XlsxTable[] = [
    {
      name: "About",
      header: ["field", "value"],
      rows: [
        ["collaborative", id],
        ["name", collaborative.name],
        ["months", `${collaborative.startMonth} to ${collaborative.endMonth}`],
        ["sharing", collaborative.sharing],
        ["rule set", collaborative.ruleSet],
        ["exported at", now.toISOString()],
        ["teams", teams.length],
        ["note", "Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return) is kept with a leading apostrophe, as in the CSV export."],
      ],
    },
    {
      name: "Points",
      header: ["team_id", "team", "organisation", "measure_id", "measure", "period", "numerator", "denominator", "value", "annotation", "revision", "received_at"],
      rows: points.map((p): XlsxCell[] => [p.teamId, team(p.teamId).name, team(p.teamId).organisation, p.measureId, measureName.get(p.measureId) ?? "", p.period, p.numerator, p.denominator, p.value, p.annotation, p.revision, p.receivedAt]),
    },
    {
      name: "Point revisions",
      header: ["team_id", "team", "measure_id", "measure", "period", "revision", "reporting_month", "change", "numerator", "denominator", "value", "annotation", "retract_reason", "received_at"],
      rows: revisions.map((r): XlsxCell[] => [r.teamId, team(r.teamId).name, r.measureId, measureName.get(r.measureId) ?? "", r.period, r.revision, r.reportingMonth, r.change, r.numerator, r.denominator, r.value, r.annotation, r.retractReason, r.receivedAt]),
    },
    {
      name: "Narratives",
      header: ["team_id", "team", "reporting_month", "revision", "received_at", "changes_tested", "lessons", "barriers", "help_wanted"],
      rows: narratives.map((n): XlsxCell[] => [n.teamId, team(n.teamId).name, n.reportingMonth, n.revision, n.receivedAt, n.narrative.changesTested, n.narrative.lessons, n.narrative.barriers, n.narrative.helpWanted]),
    },
    {
      name: "Scores",
      header: ["team_id", "team", "period", "source", "score", "rationale", "recorded_at", "by"],
      rows: scores.map((s): XlsxCell[] => [s.teamId, team(s.teamId).name, s.period, s.source, s.score, s.rationale, s.recordedAt, s.by]),
    },
  ];
  const cycles = await store.currentCycles(id, {});
  tables.push({
    name: "PDSA cycles",
    header: ["team_id", "team", "cycle", "change_idea", "measure_ids", "measures", "prediction", "start_date", "end_date", "what_happened", "decision", "revision", "received_at"],
    rows: cycles.map((y): XlsxCell[] => [
      y.teamId,
      team(y.teamId).name,
      y.cycleId,
      y.changeIdea,
      y.measureIds.join(", "),
      y.measureIds.map((m) => measureName.get(m) ?? m).join(", "),
      y.prediction,
      y.startDate,
      y.endDate,
      y.whatHappened,
      y.decision,
      y.revision,
      y.receivedAt,
    ]),
  });
  return tables;
}

function teamLookup(teams: readonly TeamRecord[]): (teamId: string) => { name: string; organisation: string } {
  const byId = new Map(teams.map((t) => [t.id, t]));
  return (teamId) => byId.get(teamId) ?? { name: "", organisation: "" };
}
