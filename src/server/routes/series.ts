// The per-team series and pooled aggregates that the points and run-chart answers share.

import { pooledMonth, suppressPool, type AggregatePoint, type CollaborativeDefinition, type MeasureDefinition } from "../../core/index";
import type { AuthInfo } from "../auth";
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

/**
 * The pooled monthly figures of one measure (core's pooledMonth), as `auth` may see them: in an
 * `aggregate` collaborative a team sees a month's numbers only when at least MIN_OTHER_TEAMS other
 * teams are in it (core's suppressPool, small-cell suppression); otherwise they are `null` and
 * `suppressed` is true.
 */
export function aggregateOf(measure: MeasureDefinition, rows: readonly AggregateRow[], collaborative: CollaborativeDefinition, auth: AuthInfo): AggregatePoint[] {
  const viewer = auth.role === "team" ? auth.teamId : null;
  return rows
    .filter((r) => r.measureId === measure.id)
    .map((r) => {
      const pooled = pooledMonth(measure, r.contributions);
      const suppressed = suppressPool(collaborative.sharing, viewer, r.contributions.map((c) => c.teamId));
      return suppressed
        ? { period: r.period, numerator: null, denominator: null, value: null, teamCount: pooled.teamCount, suppressed }
        : { period: r.period, ...pooled, suppressed };
    });
}

/** Whether the collaborative has the measure asked for (no measure asked: yes). */
export function hasMeasure(collaborative: CollaborativeDefinition, measureId: string | undefined): boolean {
  return measureId === undefined || collaborative.measures.some((m) => m.id === measureId);
}
