/**
 * The reminders a team is owed on a day: "due in N days" before a month's due date and "late" after
 * it, for each month the team has not reported. The data store's reminder job and the admin
 * command line's `reminders --dry-run` ask this; the ledger key of each reminder makes it go once.
 */

import { DEFAULT_REMINDER_DAYS_BEFORE, owesMonth, teamSettings } from "../participation";
import { addMonths, monthOf } from "../period";
import type { CollaborativeDefinition, Team } from "../schema/collaborative";
import { addDays, dueDateOf } from "../submission/calendar";
import { periodLockState, type PeriodEventInput } from "../submission/periodLock";

/**
 * How many days after its first day a "late" reminder may still go: the late reminder is for the
 * week after the due day. A job that was stopped longer does not send a late reminder for a month
 * weeks later (the weekly digest and the team's own status list the month instead). A product
 * choice, not a published figure.
 */
export const LATE_REMINDER_WINDOW_DAYS = 7;

/** A reminder to a team about one month. */
export type TeamReminder = {
  kind: "due" | "late";
  /** the ledger key: `due:{collab}:{team}:{YYYY-MM}` or `late:{collab}:{team}:{YYYY-MM}` (see {@link reminderKey}) */
  key: string;
  collaborativeId: string;
  teamId: string;
  /** the reporting month, `YYYY-MM` */
  month: string;
  /** the month's due date, `YYYY-MM-DD` */
  dueDate: string;
};

/** What {@link teamRemindersDue} reads. */
export type TeamRemindersInput = {
  collaborative: Pick<CollaborativeDefinition, "id" | "startMonth" | "endMonth" | "dueDay" | "lockAfterDays" | "remindersEnabled" | "reminderDaysBefore">;
  teams: readonly Team[];
  /** whether the team has sent any revision of the month's report */
  received: (teamId: string, month: string) => boolean;
  /** the latest lock or reopen per month (`YYYY-MM`) */
  periodEvents: ReadonlyMap<string, PeriodEventInput>;
  /** the day to judge by (UTC), `YYYY-MM-DD` */
  today: string;
};

/**
 * The ledger key of a reminder: kind, collaborative, then the team and month, or the ISO week of a
 * digest. Ids are slugs (no colon), so the key reads back unambiguously.
 *
 * @example
 * reminderKey("due", "sepsis", "alpha", "2026-10"); // => "due:sepsis:alpha:2026-10"
 * reminderKey("digest", "sepsis", null, "2026-W42"); // => "digest:sepsis:2026-W42"
 */
export function reminderKey(kind: "due" | "late" | "digest", collaborativeId: string, teamId: string | null, period: string): string {
  return teamId === null ? `${kind}:${collaborativeId}:${period}` : `${kind}:${collaborativeId}:${teamId}:${period}`;
}

/**
 * Every team reminder due on `today`. The rules, each decided here once:
 *
 * - **Due**: from `reminderDaysBefore` (default {@link DEFAULT_REMINDER_DAYS_BEFORE}) days before the
 *   month's due date, but never before the month has ended (day 1 of the next month), up to and
 *   including the due date. A job that ran on none of those days sends none.
 * - **Late**: from the day after the due date for {@link LATE_REMINDER_WINDOW_DAYS} days.
 * - **Never** for a month the team has reported (any revision), a locked month (an admin's lock, or
 *   past its lock date), a month before the team joined or outside the collaborative, an inactive
 *   team, a team that opted out, or a collaborative with reminders off (`remindersEnabled: false`).
 *
 * Each reminder carries its ledger key; the caller sends those the ledger has not seen.
 *
 * Runs in O(teams).
 *
 * @param input the collaborative, its teams, what was received, the lock events and today
 * @returns the reminders, by team order then month
 * @example
 * const collab = { id: "sepsis", startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60 };
 * teamRemindersDue({ collaborative: collab, teams: [{ id: "alpha", name: "Alpha", organisation: "" }], received: () => false, periodEvents: new Map(), today: "2026-11-12" }).map((r) => r.key); // => ["due:sepsis:alpha:2026-10"]
 * teamRemindersDue({ collaborative: collab, teams: [{ id: "alpha", name: "Alpha", organisation: "" }], received: () => false, periodEvents: new Map(), today: "2026-11-16" }).map((r) => r.key); // => ["late:sepsis:alpha:2026-10"]
 * teamRemindersDue({ collaborative: collab, teams: [{ id: "alpha", name: "Alpha", organisation: "" }], received: () => true, periodEvents: new Map(), today: "2026-11-16" }); // => []
 */
export function teamRemindersDue(input: TeamRemindersInput): TeamReminder[] {
  const { collaborative, today } = input;
  if (collaborative.remindersEnabled === false) return [];
  const lead = collaborative.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE;
  const thisMonth = monthOf(today);
  // a due window lies in the month after the reporting month; a late window ends at most
  // 28 + 7 days after that month's start: the last two months cover both
  const candidates = [addMonths(thisMonth, -2), addMonths(thisMonth, -1)];
  const out: TeamReminder[] = [];
  for (const team of input.teams) {
    const settings = teamSettings(team, collaborative);
    if (!settings.active || settings.remindersOptOut) continue;
    for (const month of candidates) {
      if (!owesMonth(team, collaborative, month)) continue;
      const dueDate = dueDateOf(month, collaborative.dueDay);
      const monthEnded = `${addMonths(month, 1)}-01`;
      const dueFrom = addDays(dueDate, -lead) > monthEnded ? addDays(dueDate, -lead) : monthEnded;
      const lateFrom = addDays(dueDate, 1);
      const lateUntil = addDays(dueDate, LATE_REMINDER_WINDOW_DAYS);
      let kind: "due" | "late" | null = null;
      if (today >= dueFrom && today <= dueDate) kind = "due";
      else if (today >= lateFrom && today <= lateUntil) kind = "late";
      if (kind === null) continue;
      if (input.received(team.id, month)) continue;
      if (periodLockState(collaborative, month, input.periodEvents.get(month), today).locked) continue;
      out.push({ kind, key: reminderKey(kind, collaborative.id, team.id, month), collaborativeId: collaborative.id, teamId: team.id, month, dueDate });
    }
  }
  return out;
}
