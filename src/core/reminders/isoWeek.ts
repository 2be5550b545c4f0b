import { CoreError } from "../errors";

/**
 * The ISO 8601 week of a UTC calendar day, written `YYYY-Www` (weeks start on Monday; week 1 is the
 * week with the year's first Thursday, so 2026-12-31 may belong to 2026-W53 and 2027-01-01 to
 * 2026-W53 too). The weekly digest is keyed by it: one digest per collaborative and ISO week.
 * Source: ISO 8601-1:2019 section 5.2.4.3 (week date); the Thursday rule is its usual statement.
 *
 * Runs in O(1).
 *
 * @param day `YYYY-MM-DD` (or an ISO instant: its date part, UTC)
 * @returns the week, `YYYY-Www`
 * @throws {CoreError} invalid_value when `day` does not start `YYYY-MM-DD`
 * @example
 * isoWeekOf("2026-10-12"); // => "2026-W42"
 * isoWeekOf("2026-01-01"); // => "2026-W01"
 * isoWeekOf("2027-01-01"); // => "2026-W53"
 * isoWeekOf("2024-12-30"); // => "2025-W01"
 */
export function isoWeekOf(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) throw new CoreError("invalid_value", `isoWeekOf: invalid date ${JSON.stringify(day)} (use YYYY-MM-DD)`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // the Thursday of this week decides the year
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
