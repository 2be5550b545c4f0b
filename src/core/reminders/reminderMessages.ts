/**
 * Every reminder's words, in one place: the subject, the plain-text part (what the ledger keeps and
 * the faculty app lists) and an HTML part with the same words. The reminder job, the dry run and the
 * tests all take the texts from here.
 */

import type { WeeklyDigest } from "./weeklyDigest";

/** An e-mail: subject, plain text, and the same words as HTML. */
export type ReminderMessage = { subject: string; text: string; html: string };

/** What a due or late reminder says. */
export type TeamReminderContent = {
  kind: "due" | "late";
  collaborativeName: string;
  teamName: string;
  /** `YYYY-MM` */
  month: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  /** `YYYY-MM-DD`: the day the reminder is written */
  today: string;
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A month for people: "October 2026".
 *
 * @example
 * monthName("2026-10"); // => "October 2026"
 */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** A date for people: "15 November 2026". */
function dayName(day: string): string {
  return `${Number(day.slice(8, 10))} ${monthName(day.slice(0, 7))}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** Paragraphs (blank-line separated; lines starting "- " become a list) as HTML. */
function toHtml(text: string): string {
  return text
    .split("\n\n")
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => l.startsWith("- "))) return `<ul>${lines.map((l) => `<li>${escapeHtml(l.slice(2))}</li>`).join("")}</ul>`;
      return `<p>${lines.map(escapeHtml).join("<br>")}</p>`;
    })
    .join("\n");
}

const SIGN_OFF = "You receive this because you are a contact of your team in the collaborative. Your collaborative's faculty can stop these reminders for your team.";

/**
 * The "due in N days" or "late" e-mail to a team's contacts.
 *
 * @example
 * teamReminderMessage({ kind: "due", collaborativeName: "Sepsis", teamName: "Alpha", month: "2026-10", dueDate: "2026-11-15", today: "2026-11-12" }).subject; // => "Sepsis: the October 2026 report of Alpha is due in 3 days (15 November 2026)"
 * teamReminderMessage({ kind: "late", collaborativeName: "Sepsis", teamName: "Alpha", month: "2026-10", dueDate: "2026-11-15", today: "2026-11-16" }).subject; // => "Sepsis: the October 2026 report of Alpha is late (it was due 15 November 2026)"
 */
export function teamReminderMessage(c: TeamReminderContent): ReminderMessage {
  const month = monthName(c.month);
  const due = dayName(c.dueDate);
  const days = daysBetween(c.today, c.dueDate);
  const when = days <= 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
  const subject =
    c.kind === "due" ? `${c.collaborativeName}: the ${month} report of ${c.teamName} is due ${when} (${due})` : `${c.collaborativeName}: the ${month} report of ${c.teamName} is late (it was due ${due})`;
  const text = [
    `Hello ${c.teamName} team,`,
    c.kind === "due"
      ? `Your data for ${month} are due ${when}, on ${due}, and the data store has not received them yet.`
      : `Your data for ${month} were due on ${due}, and the data store has not received them. Please send them as soon as you can: the month stays open until it is locked.`,
    "To report: open your measure sheet in Excel, open the QI Collaborative add-in, and choose Submit. The Submit tab lists every month still missing.",
    c.kind === "due" ? "If you have already sent this month's data, thank you: this reminder crossed with your report." : "If something stops you reporting, reply to your collaborative's faculty: they can help.",
    SIGN_OFF,
  ].join("\n\n");
  return { subject, text, html: toHtml(text) };
}

/**
 * The weekly digest e-mail to faculty.
 *
 * @example
 * weeklyDigestMessage("Sepsis", { key: "digest:sepsis:2026-W42", collaborativeId: "sepsis", week: "2026-W42", reportingMonth: "2026-09", notReported: [], newSignals: [], movedScores: [], snapshot: { week: "2026-W42", signals: {}, scores: {} } }).subject; // => "Sepsis: weekly digest 2026-W42 (every team has reported)"
 */
export function weeklyDigestMessage(collaborativeName: string, digest: WeeklyDigest): ReminderMessage {
  const missing = digest.notReported.length;
  const subject = `${collaborativeName}: weekly digest ${digest.week} (${missing === 0 ? "every team has reported" : `${missing} ${missing === 1 ? "team has" : "teams have"} not reported`})`;
  const score = (s: number | null) => (s === null ? "none" : String(s));
  const sections = [
    `Weekly digest of ${collaborativeName}, week ${digest.week}; signals and suggested scores read up to ${monthName(digest.reportingMonth)}.`,
    "Not reported (due date passed, month still open):",
    missing === 0 ? "- every team has reported" : digest.notReported.map((t) => `- ${t.teamName}: ${t.months.map(monthName).join(", ")}`).join("\n"),
    "New signals since the last digest:",
    digest.newSignals.length === 0
      ? "- none"
      : digest.newSignals.map((s) => `- ${s.teamName}, ${s.measureName}: ${s.rule}${s.since ? ` from ${monthName(s.since)}` : ""} (${s.meaning})`).join("\n"),
    "Suggested scores that moved since the last digest:",
    digest.movedScores.length === 0 ? "- none" : digest.movedScores.map((m) => `- ${m.teamName}: ${score(m.from)} to ${score(m.to)}`).join("\n"),
    "The suggested score is the data store's suggestion from the data; faculty decide the score. The faculty app has the details.",
  ];
  const text = sections.join("\n\n");
  return { subject, text, html: toHtml(text) };
}
