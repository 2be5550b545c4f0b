// The per-team series and pooled aggregates that the points and run-chart answers share.

import { pointValue, type CollaborativeDefinition, type MeasureDefinition } from "../../core/index";
import type { AggregateRow, CurrentPointRow, TeamRecord } from "../store/store";
import type { TeamLabel } from "../views/sharing";

/** The collaborative's measures, or the one asked for. */
export function measuresOf(collaborative: CollaborativeDefinition, measureId: string | undefined): MeasureDefinition[] {
  return measureId === undefined ? collaborative.measures : collaborative.measures.filter((m) => m.id === measureId);
}

/** Each visible team's current points of one measure, in team order; rows come sorted by measure, team, period. */
export function seriesOf(
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
export function aggregateOf(measure: MeasureDefinition, rows: readonly AggregateRow[]) {
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

/** Whether the collaborative has the measure asked for (no measure asked: yes). */
export function hasMeasure(collaborative: CollaborativeDefinition, measureId: string | undefined): boolean {
  return measureId === undefined || collaborative.measures.some((m) => m.id === measureId);
}
