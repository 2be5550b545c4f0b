/**
 * What a team still owes and what it sent late, since it joined: the months the reminders are about,
 * shown to the team in the task pane (`GET …/teams/{teamId}/status`, field `backlog`) and counted in
 * the faculty digest.
 */

import { expectedMonths, teamSettings } from "../participation";
import { addMonths, monthOf } from "../period";
import type { CollaborativeDefinition, Team } from "../schema/collaborative";
import { dueDateOf, reportStatus } from "../submission/calendar";
import { periodLockState, type PeriodEventInput } from "../submission/periodLock";

/** A month the team has not reported and whose due date has passed. */
export type MissingMonth = { period: string; dueDate: string; locked: boolean };
/** A month the team reported after its due date. */
export type LateMonth = { period: string; dueDate: string; firstReceivedAt: string };

/** What {@link teamBacklog} returns. */
export type TeamBacklog = {
  /** the first month the team is expected to report */
  joinMonth: string;
  /** oldest first; `locked`: the month no longer accepts a report */
  missing: MissingMonth[];
  /** oldest first */
  late: LateMonth[];
};

/**
 * A team's overdue and late months on `today`, from its join month (core's `expectedMonths`): a
 * month is **missing** once its due date has passed without any revision (`reportStatus` says
 * `missing`), and **late** when its first revision arrived after the due date. A month not yet due
 * is neither. An inactive team owes nothing. A locked missing month stays listed (flagged): it was
 * not reported, though a report can no longer be sent without an admin reopening it.
 *
 * Runs in O(months).
 *
 * @param team the team (its join month and whether it is active)
 * @param collaborative its months, due day and lock setting
 * @param firstReceivedAt when a month's first revision arrived (ISO instant), `undefined` when none
 * @param periodEvents the latest lock or reopen per month
 * @param today `YYYY-MM-DD`
 * @example
 * const collab = { startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60 };
 * teamBacklog({ id: "a", name: "A", organisation: "", joinMonth: "2026-08" }, collab, (m) => (m === "2026-09" ? "2026-10-20T08:00:00.000Z" : undefined), new Map(), "2026-11-20").missing.map((m) => m.period); // => ["2026-08", "2026-10"]
 * teamBacklog({ id: "a", name: "A", organisation: "", joinMonth: "2026-08" }, collab, (m) => (m === "2026-09" ? "2026-10-20T08:00:00.000Z" : undefined), new Map(), "2026-11-20").late.map((m) => m.period); // => ["2026-09"]
 */
export function teamBacklog(
  team: Team,
  collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth" | "dueDay" | "lockAfterDays">,
  firstReceivedAt: (month: string) => string | undefined,
  periodEvents: ReadonlyMap<string, PeriodEventInput>,
  today: string,
): TeamBacklog {
  const joinMonth = teamSettings(team, collaborative).joinMonth;
  const missing: MissingMonth[] = [];
  const late: LateMonth[] = [];
  // the last month whose due date can have passed is last month
  for (const period of expectedMonths(team, collaborative, addMonths(monthOf(today), -1))) {
    const dueDate = dueDateOf(period, collaborative.dueDay);
    const received = firstReceivedAt(period) ?? null;
    const status = reportStatus(received, dueDate, today);
    if (status === "missing") missing.push({ period, dueDate, locked: periodLockState(collaborative, period, periodEvents.get(period), today).locked });
    else if (status === "late" && received !== null) late.push({ period, dueDate, firstReceivedAt: received });
  }
  return { joinMonth, missing, late };
}
