import * as z from "zod";

// Reminders (issue 16): what the scheduled job sends, and how the reminder ledger reads back. The
// job, the admin command line (`reminders --dry-run`) and the faculty app's list share these shapes.

/**
 * What a reminder is about: `due` (the month's report is due in N days), `late` (the due day has
 * passed without a report), `digest` (the weekly summary to faculty).
 */
export const ReminderKind = z.enum(["due", "late", "digest"]);
export type ReminderKind = z.infer<typeof ReminderKind>;

/**
 * Where a reminder stands in the ledger:
 * - `sending`: claimed by a sender, which had not yet recorded the outcome (a crash between claim and
 *   outcome leaves it so: it is never sent again, see docs/DESIGN.md "Reminders");
 * - `sent`: the SMTP server accepted it;
 * - `would-send`: SMTP is not configured, so it was recorded instead of sent (never sent later);
 * - `failed`: sending failed (or there was no one to send it to); `error` says why, and the next
 *   run sends it again while it is still due.
 */
export const ReminderStatus = z.enum(["sending", "sent", "would-send", "failed"]);
export type ReminderStatus = z.infer<typeof ReminderStatus>;

/** One entry of the reminder ledger, as `GET /api/v1/collaboratives/{id}/reminders` lists it. */
export const ReminderEntry = z.object({
  /** the ledger key: `due:{collab}:{team}:{YYYY-MM}`, `late:{collab}:{team}:{YYYY-MM}`, `digest:{collab}:{YYYY-Www}` */
  key: z.string(),
  kind: ReminderKind,
  collaborativeId: z.string(),
  /** `null` for a digest */
  teamId: z.string().nullable(),
  /** the reporting month (`YYYY-MM`) of a due or late reminder; the ISO week (`YYYY-Www`) of a digest */
  period: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  /** the plain-text part, exactly as sent (or as it would have been sent) */
  text: z.string(),
  status: ReminderStatus,
  error: z.string().nullable(),
  /** how many times a sender claimed it (1 unless a failed send was retried) */
  attempts: z.number().int(),
  /** first recorded (ISO instant) */
  createdAt: z.string(),
  /** the latest status change (ISO instant) */
  updatedAt: z.string(),
});
export type ReminderEntry = z.infer<typeof ReminderEntry>;

/** `GET /api/v1/collaboratives/{id}/reminders` (faculty, admin): newest first. */
export const RemindersResponse = z.object({
  collaborativeId: z.string(),
  /** whether the server has SMTP configured (`false`: reminders are recorded as `would-send`) */
  smtpConfigured: z.boolean(),
  reminders: z.array(ReminderEntry),
});
export type RemindersResponse = z.infer<typeof RemindersResponse>;
