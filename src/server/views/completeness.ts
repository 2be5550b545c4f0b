// Who reported which month, and when: built from rows already grouped in SQL (one per team and month).

import {
  dueDateOf,
  lateFrom,
  monthOf,
  monthRange,
  owesMonth,
  reportingMonthAsOf,
  reportStatus,
  type CollaborativeDefinition,
  type Completeness,
  type CompletenessCell,
  type ReportStatus,
  type Team,
  type TeamStatus,
} from "../../core/index";
import type { ReportRow, TeamRecord } from "../store/store";

/**
 * The completeness grid: months from the start to the reporting month current on `asOf`. A team
 * owes only the months core's `owesMonth` says (from its join month, none once it is inactive): a
 * month it does not owe and did not report is `not_due` with `owed: false` and counts nowhere,
 * never `missing`; a report it sent anyway counts as received.
 * Runs in O(teams × months) with no per-cell string building (a campaign has ~100,000 cells).
 */
export function completeness(
  collaborative: CollaborativeDefinition,
  teams: readonly TeamRecord[],
  reports: readonly ReportRow[],
  asOf: string,
): Completeness {
  const last = reportingMonthAsOf(asOf, collaborative.startMonth, collaborative.endMonth);
  const periods = monthOf(asOf) < collaborative.startMonth ? [] : monthRange(collaborative.startMonth, last);
  const dueDates = periods.map((p) => dueDateOf(p, collaborative.dueDay));
  // Core's reportStatus, taken apart per month so ~100,000 cells compare strings only: a report
  // first received before lateFrom(dueDate) is on time; a month without one is as reportStatus(null) says.
  const onTimeBefore = dueDates.map((d) => lateFrom(d));
  const unreported = dueDates.map((d) => reportStatus(null, d, asOf));
  const monthIndex = new Map(periods.map((p, i) => [p, i]));
  const byTeam = new Map<string, Array<ReportRow | undefined>>();
  for (const r of reports) {
    const i = monthIndex.get(r.reportingMonth);
    if (i === undefined) continue;
    let row = byTeam.get(r.teamId);
    if (!row) byTeam.set(r.teamId, (row = new Array<ReportRow | undefined>(periods.length)));
    row[i] = r;
  }

  const months = periods.map((period, i) => ({ period, dueDate: dueDates[i], expected: 0, received: 0, onTime: 0, late: 0, missing: 0, notDue: 0 }));
  const teamRows = teams.map((team) => {
    const counts = { expected: 0, received: 0, onTime: 0, late: 0, missing: 0 };
    const row = byTeam.get(team.id);
    const cells: CompletenessCell[] = new Array(periods.length);
    for (let i = 0; i < periods.length; i++) {
      const report = row?.[i];
      const month = months[i];
      const owed = owesMonth(team, collaborative, periods[i]);
      let status: ReportStatus;
      if (!report && !owed) {
        status = "not_due";
      } else if (report) {
        status = report.firstReceivedAt < onTimeBefore[i] ? "on_time" : "late";
        counts.expected++;
        counts.received++;
        month.expected++;
        month.received++;
        if (status === "on_time") {
          counts.onTime++;
          month.onTime++;
        } else {
          counts.late++;
          month.late++;
        }
      } else {
        status = unreported[i];
        if (status === "missing") {
          counts.expected++;
          counts.missing++;
          month.expected++;
          month.missing++;
        } else month.notDue++;
      }
      cells[i] = { period: periods[i], status, revision: report ? report.latestRevision : null, firstReceivedAt: report ? report.firstReceivedAt : null, owed };
    }
    return { teamId: team.id, teamName: team.name, ...counts, cells };
  });
  return { collaborativeId: collaborative.id, asOf, months, teams: teamRows };
}

/**
 * The task pane's "this month": the reporting month current on `asOf`, its due date and status. A
 * month the team does not owe (core's `owesMonth`: before its join month, or inactive) is never
 * `missing`: `not_due` with `owed: false` until a report arrives.
 */
export function teamStatus(
  collaborative: CollaborativeDefinition,
  team: Team,
  reports: readonly ReportRow[],
  asOf: string,
  locked: boolean,
): TeamStatus {
  const reportingMonth = reportingMonthAsOf(asOf, collaborative.startMonth, collaborative.endMonth);
  const dueDate = dueDateOf(reportingMonth, collaborative.dueDay);
  const report = reports.find((r) => r.teamId === team.id && r.reportingMonth === reportingMonth);
  const owed = owesMonth(team, collaborative, reportingMonth);
  const status = reportStatus(report?.firstReceivedAt ?? null, dueDate, asOf);
  return {
    collaborativeId: collaborative.id,
    teamId: team.id,
    asOf,
    reportingMonth,
    dueDate,
    status: !owed && status === "missing" ? "not_due" : status,
    latestRevision: report?.latestRevision ?? null,
    receivedAt: report?.latestReceivedAt ?? null,
    firstReceivedAt: report?.firstReceivedAt ?? null,
    locked,
    owed,
  };
}
