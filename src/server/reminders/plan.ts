// What reminders are due now, read from the store and decided by core (teamRemindersDue,
// weeklyDigest), each with its recipients and its words (core's reminder messages). The job sends
// what this plans; `npm run admin -- reminders --dry-run` prints it.

import {
  isoWeekOf,
  reminderKey,
  teamReminderMessage,
  teamRemindersDue,
  weeklyDigest,
  weeklyDigestMessage,
  type CollaborativeDefinition,
  type DigestSnapshot,
  type ReminderKind,
  type ReminderMessage,
  type TeamPoint,
} from "../../core/index";
import { MAX_REMINDER_ATTEMPTS, type Store } from "../store/store";

/** One reminder to send now. */
export type PlannedReminder = {
  key: string;
  kind: ReminderKind;
  collaborativeId: string;
  teamId: string | null;
  /** `YYYY-MM` for due and late, `YYYY-Www` for a digest */
  period: string;
  recipients: string[];
  message: ReminderMessage;
  /** kept in the ledger: a digest's snapshot, for the next digest */
  details: DigestSnapshot | null;
  /** why it cannot be sent (no one to send it to), or `null`; kept as the ledger entry's error, also on a would-send */
  problem: string | null;
};

/** Who the weekly digest goes to (QI_FACULTY_EMAILS). */
export type PlanSettings = { facultyEmails: readonly string[] };

/** The UTC calendar day of an instant. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function isDigestSnapshot(value: unknown): value is DigestSnapshot {
  const v = value as Partial<DigestSnapshot> | null;
  return typeof v === "object" && v !== null && typeof v.week === "string" && typeof v.signals === "object" && typeof v.scores === "object";
}

/** The reminders one collaborative owes on `today`. */
async function planCollaborative(store: Store, collaborative: CollaborativeDefinition, today: string, settings: PlanSettings): Promise<PlannedReminder[]> {
  if (collaborative.remindersEnabled === false) return [];
  const [teams, reports, events, contacts] = await Promise.all([
    store.listTeams(collaborative.id),
    store.reports(collaborative.id, {}),
    store.latestPeriodEvents(collaborative.id),
    store.listContacts(collaborative.id),
  ]);
  const received = new Map(reports.map((r) => [`${r.teamId}|${r.reportingMonth}`, r.firstReceivedAt]));
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const out: PlannedReminder[] = [];

  for (const r of teamRemindersDue({ collaborative, teams, received: (t, m) => received.has(`${t}|${m}`), periodEvents: events, today })) {
    const recipients = (contacts.get(r.teamId) ?? []).map((c) => c.email);
    out.push({
      key: r.key,
      kind: r.kind,
      collaborativeId: collaborative.id,
      teamId: r.teamId,
      period: r.month,
      recipients,
      message: teamReminderMessage({ kind: r.kind, collaborativeName: collaborative.name, teamName: names.get(r.teamId) ?? r.teamId, month: r.month, dueDate: r.dueDate, today }),
      details: null,
      problem: recipients.length === 0 ? `team ${r.teamId} has no contacts: add one (name, e-mail) to the team so its reminders can go` : null,
    });
  }

  const digestKey = reminderKey("digest", collaborative.id, null, isoWeekOf(today));
  const existing = await store.getReminder(digestKey);
  // a digest already recorded this week needs no reading of every point
  if (existing === null || (existing.status === "failed" && existing.attempts < MAX_REMINDER_ATTEMPTS)) {
    const previous = await store.previousDigestDetails(collaborative.id, digestKey);
    const points = new Map<string, TeamPoint[]>();
    for (const p of await store.currentPoints(collaborative.id, {})) {
      const list = points.get(p.teamId) ?? [];
      list.push(p);
      points.set(p.teamId, list);
    }
    const digest = weeklyDigest({
      collaborative,
      teams,
      firstReceivedAt: (t, m) => received.get(`${t}|${m}`),
      points: (t) => points.get(t) ?? [],
      periodEvents: events,
      today,
      previous: isDigestSnapshot(previous) ? previous : null,
    });
    if (digest) {
      out.push({
        key: digest.key,
        kind: "digest",
        collaborativeId: collaborative.id,
        teamId: null,
        period: digest.week,
        recipients: [...settings.facultyEmails],
        message: weeklyDigestMessage(collaborative.name, digest),
        details: digest.snapshot,
        problem: settings.facultyEmails.length === 0 ? "no faculty recipients: set QI_FACULTY_EMAILS to a comma list of addresses" : null,
      });
    }
  }
  return out;
}

/**
 * Every reminder due at `now` (UTC day) across the store's collaboratives, or one collaborative's.
 * It does not consult the ledger for team reminders: the claim does that (see job.ts).
 */
export async function planReminders(store: Store, now: Date, settings: PlanSettings, filter: { collaborativeId?: string } = {}): Promise<PlannedReminder[]> {
  const today = utcDay(now);
  const collaboratives = (await store.listCollaboratives()).map((c) => c.definition).filter((c) => filter.collaborativeId === undefined || c.id === filter.collaborativeId);
  const out: PlannedReminder[] = [];
  for (const collaborative of collaboratives) out.push(...(await planCollaborative(store, collaborative, today, settings)));
  return out;
}

/** The planned reminders the ledger would still let go (absent, or failed and not yet retried too often): what a dry run lists. */
export async function pendingReminders(store: Store, planned: readonly PlannedReminder[]): Promise<PlannedReminder[]> {
  const out: PlannedReminder[] = [];
  for (const p of planned) {
    const entry = await store.getReminder(p.key);
    if (entry === null || (entry.status === "failed" && entry.attempts < MAX_REMINDER_ATTEMPTS)) out.push(p);
  }
  return out;
}
