import type { CollaborativeDefinition, Team } from "./schema/collaborative";
import { monthRange } from "./period";

/**
 * The "due in N days" reminder's default lead: three days before the due day, so a data lead who
 * reads it on a Friday still has working days to report. A product choice, not a published figure;
 * each collaborative can set 1 to 27 (`reminderDaysBefore`).
 */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;

/** A team's settings with the defaults applied (absent `active`: true, absent opt-out: false). */
export type TeamSettings = { joinMonth: string; active: boolean; remindersOptOut: boolean };

/**
 * A team's participation settings with their defaults applied: it is expected from its join month,
 * or from the collaborative's start month when none was set (and never before the start).
 *
 * @example
 * teamSettings({ id: "a", name: "A", organisation: "" }, { startMonth: "2026-01" }); // => { joinMonth: "2026-01", active: true, remindersOptOut: false }
 * teamSettings({ id: "a", name: "A", organisation: "", joinMonth: "2026-04", remindersOptOut: true }, { startMonth: "2026-01" }); // => { joinMonth: "2026-04", active: true, remindersOptOut: true }
 */
export function teamSettings(team: Team, collaborative: Pick<CollaborativeDefinition, "startMonth">): TeamSettings {
  const joinMonth = team.joinMonth !== undefined && team.joinMonth > collaborative.startMonth ? team.joinMonth : collaborative.startMonth;
  return { joinMonth, active: team.active !== false, remindersOptOut: team.remindersOptOut === true };
}

/**
 * The reporting months a team owes up to `through` (included): from its join month to the
 * collaborative's end month, none for a team that is no longer active. Completeness and reminders
 * count only these.
 *
 * @example
 * expectedMonths({ id: "a", name: "A", organisation: "", joinMonth: "2026-03" }, { startMonth: "2026-01", endMonth: "2026-12" }, "2026-05"); // => ["2026-03", "2026-04", "2026-05"]
 * expectedMonths({ id: "a", name: "A", organisation: "", active: false }, { startMonth: "2026-01", endMonth: "2026-12" }, "2026-05"); // => []
 */
export function expectedMonths(team: Team, collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth">, through: string): string[] {
  const settings = teamSettings(team, collaborative);
  if (!settings.active) return [];
  const last = through < collaborative.endMonth ? through : collaborative.endMonth;
  return monthRange(settings.joinMonth, last);
}

/**
 * Whether the team is expected to report `month` at all (active, joined, within the collaborative).
 *
 * @example
 * owesMonth({ id: "a", name: "A", organisation: "", joinMonth: "2026-03" }, { startMonth: "2026-01", endMonth: "2026-12" }, "2026-02"); // => false
 * owesMonth({ id: "a", name: "A", organisation: "", joinMonth: "2026-03" }, { startMonth: "2026-01", endMonth: "2026-12" }, "2026-03"); // => true
 */
export function owesMonth(team: Team, collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth">, month: string): boolean {
  const settings = teamSettings(team, collaborative);
  return settings.active && month >= settings.joinMonth && month <= collaborative.endMonth;
}

/**
 * Why `joinMonth` cannot be a team's join month in this collaborative (`null`: it can): a team joins
 * in one of the collaborative's months, never before its start or after its end. The admin API
 * refuses the others on the `joinMonth` field (code `PERIOD_OUTSIDE_COLLABORATIVE`).
 *
 * @example
 * joinMonthProblem("2026-04", { startMonth: "2026-01", endMonth: "2026-12" }); // => null
 * joinMonthProblem("2030-01", { startMonth: "2026-01", endMonth: "2026-12" }); // => "2030-01 is outside the collaborative (2026-01 to 2026-12): a team joins in one of its months"
 */
export function joinMonthProblem(joinMonth: string, collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth">): string | null {
  if (joinMonth >= collaborative.startMonth && joinMonth <= collaborative.endMonth) return null;
  return `${joinMonth} is outside the collaborative (${collaborative.startMonth} to ${collaborative.endMonth}): a team joins in one of its months`;
}
