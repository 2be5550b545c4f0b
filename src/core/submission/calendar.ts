/**
 * The reporting calendar of a collaborative: months, due dates and lock dates, in plain strings.
 *
 * Months are `YYYY-MM`, dates are `YYYY-MM-DD`, and every date is a calendar date in UTC: the data
 * store compares a report's `receivedAt` (an ISO instant) by its UTC date. Nothing here reads the
 * clock; the caller passes `asOf`.
 */

import { CoreError } from "../errors";
import { addMonths, monthOf } from "../period";
import type { ReportStatus } from "../schema/reads";

// The month pattern and month arithmetic live in ../period (one definition for every layer).
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * `date` plus `days` calendar days (negative goes back). Leap years are honoured.
 *
 * @example
 * addDays("2026-02-27", 2); // => "2026-03-01"
 * addDays("2024-02-28", 1); // => "2024-02-29"
 */
export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new CoreError("invalid_value", `addDays: invalid date ${JSON.stringify(date)} (use YYYY-MM-DD)`);
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The due date of the report for `period`: day `dueDay` of the following month (DESIGN: a month is
 * reported after it ends).
 *
 * @example
 * dueDateOf("2026-01", 15); // => "2026-02-15"
 * dueDateOf("2025-12", 10); // => "2026-01-10"
 */
export function dueDateOf(period: string, dueDay: number): string {
  return `${addMonths(period, 1)}-${pad(dueDay)}`;
}

/**
 * The date from which `period` is locked automatically: `lockAfterDays` after its due date;
 * `null` when `lockAfterDays` is 0 (never locks by itself). A period is locked on that date and after.
 *
 * @example
 * lockDateOf("2026-01", 15, 60); // => "2026-04-16"
 * lockDateOf("2026-01", 15, 0); // => null
 */
export function lockDateOf(period: string, dueDay: number, lockAfterDays: number): string | null {
  if (lockAfterDays <= 0) return null;
  return addDays(dueDateOf(period, dueDay), lockAfterDays);
}

/**
 * The reporting month that is current on `asOf`: the month before `asOf`'s month (its report is due
 * in `asOf`'s month), kept within `[startMonth, endMonth]`.
 *
 * @example
 * reportingMonthAsOf("2026-03-10", "2025-06", "2026-12"); // => "2026-02"
 * reportingMonthAsOf("2025-01-10", "2025-06", "2026-12"); // => "2025-06"
 * reportingMonthAsOf("2027-05-01", "2025-06", "2026-12"); // => "2026-12"
 */
export function reportingMonthAsOf(asOf: string, startMonth: string, endMonth: string): string {
  const previous = addMonths(monthOf(asOf), -1);
  if (previous < startMonth) return startMonth;
  if (previous > endMonth) return endMonth;
  return previous;
}

/**
 * The instant from which a report for a month with due date `dueDate` is late: the start (UTC) of
 * the day after it, so the whole due day counts as on time. ISO instants (`receivedAt`) compare
 * with it as text.
 *
 * @example
 * lateFrom("2026-02-15"); // => "2026-02-16T00:00:00.000Z"
 */
export function lateFrom(dueDate: string): string {
  return `${addDays(dueDate, 1)}T00:00:00.000Z`;
}

/**
 * Where a team's report for a month stands on `asOf` (the contract's `ReportStatus`): `on_time` when
 * first received (UTC) on or before its due date, `late` after it; without a report, `missing` once
 * the due date has passed and `not_due` until then (due today is not due yet). The one rule behind
 * the task pane's status card and the faculty page's completeness grid.
 *
 * Runs in O(1).
 *
 * @param firstReceivedAt when the month's first revision arrived (ISO instant), or `null`
 * @param dueDate the month's due date ({@link dueDateOf})
 * @param asOf the day to judge by, `YYYY-MM-DD`
 * @example
 * reportStatus("2026-02-15T23:59:59.000Z", "2026-02-15", "2026-03-01"); // => "on_time"
 * reportStatus("2026-02-16T00:00:00.000Z", "2026-02-15", "2026-03-01"); // => "late"
 * reportStatus(null, "2026-02-15", "2026-02-15"); // => "not_due"
 * reportStatus(null, "2026-02-15", "2026-02-16"); // => "missing"
 */
export function reportStatus(firstReceivedAt: string | null, dueDate: string, asOf: string): ReportStatus {
  if (firstReceivedAt !== null) return firstReceivedAt < lateFrom(dueDate) ? "on_time" : "late";
  return asOf > dueDate ? "missing" : "not_due";
}
