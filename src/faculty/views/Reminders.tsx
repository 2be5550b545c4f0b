// The reminder ledger: each "due", "late" and weekly digest reminder the data store's job sent, could
// not send (with the reason), or recorded as would-send because SMTP is not configured, newest first
// (GET …/reminders). Loaded when the dashboard opens; the dashboard links here (#reminders).
import { useEffect, useState } from "react";
import { Badge, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReminderEntry, RemindersResponse } from "../../core/index";
import { isoDate } from "../../web/format";
import type { FacultyApi } from "../api";
import { usePageStyles } from "../styles";

/** What each status is called on the page, and its badge colour. */
export const REMINDER_STATUS: Record<ReminderEntry["status"], { label: string; colour: "success" | "informative" | "danger" | "warning" }> = {
  sent: { label: "sent", colour: "success" },
  "would-send": { label: "would send (no SMTP)", colour: "informative" },
  failed: { label: "failed", colour: "danger" },
  sending: { label: "sending, outcome unknown", colour: "warning" },
};

const KIND: Record<ReminderEntry["kind"], string> = { due: "due soon", late: "late", digest: "weekly digest" };

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  th: { textAlign: "left", color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, padding: "4px 6px", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  td: { padding: "4px 6px", verticalAlign: "top", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  nowrap: { whiteSpace: "nowrap" },
  error: { color: tokens.colorStatusDangerForeground1, display: "block" },
});

export function Reminders({ api, collaborativeId }: { api: FacultyApi; collaborativeId: string }) {
  const page = usePageStyles();
  const classes = useStyles();
  const [answer, setAnswer] = useState<RemindersResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setError(null);
    api.reminders(collaborativeId).then(
      (a) => current && setAnswer(a),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [api, collaborativeId]);

  return (
    <section className={page.card} id="reminders" aria-labelledby="reminders-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="reminders-title">
          Reminders
        </Subtitle2>
        {answer && !answer.smtpConfigured ? <Caption1 className={page.muted}>E-mail is not configured (QI_SMTP_URL): these are the reminders that would have gone.</Caption1> : null}
      </div>
      {error ? <p role="alert">Could not load the reminders: {error}</p> : null}
      {!answer && !error ? <p className={page.muted}>Loading the reminders…</p> : null}
      {answer && answer.reminders.length === 0 ? <p className={page.muted}>No reminders yet: they start 3 days (or the collaborative's setting) before a due date.</p> : null}
      {answer && answer.reminders.length > 0 ? (
        <table className={classes.table} aria-labelledby="reminders-title">
          <thead>
            <tr>
              <th className={classes.th} scope="col">When</th>
              <th className={classes.th} scope="col">Reminder</th>
              <th className={classes.th} scope="col">To</th>
              <th className={classes.th} scope="col">Subject</th>
              <th className={classes.th} scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {answer.reminders.map((r) => (
              <tr key={r.key}>
                <td className={mergeClasses(classes.td, classes.nowrap)}>{isoDate(r.updatedAt)}</td>
                <td className={classes.td}>
                  {KIND[r.kind]} · {r.teamId ?? "faculty"} · {r.period}
                </td>
                <td className={mergeClasses(classes.td, classes.nowrap)}>{r.recipients.length > 0 ? r.recipients.join(", ") : "no one"}</td>
                <td className={classes.td} title={r.text}>
                  {r.subject}
                </td>
                <td className={classes.td}>
                  <Badge appearance="tint" color={REMINDER_STATUS[r.status].colour}>
                    {REMINDER_STATUS[r.status].label}
                  </Badge>
                  {r.attempts > 1 ? <Caption1> after {r.attempts} attempts</Caption1> : null}
                  {r.error ? <Caption1 className={classes.error}>{r.error}</Caption1> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
