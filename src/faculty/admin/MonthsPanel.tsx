// Months: each month's due date, lock date and state (GET …/periods); lock a month now, or reopen a
// locked one with a reason (core's checkPeriodChange, the rule the server and the CLI apply; the
// audit log keeps the reason).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Button, Field, Subtitle2, Textarea } from "@fluentui/react-components";
import { checkPeriodChange, type CollaborativeDefinition, type PeriodState } from "../../core/index";
import { shortMonth } from "../../web/format";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors, fieldState, type FieldErrors } from "./fieldErrors";
import { useAdminStyles } from "./styles";

const STATE_TEXT: Record<PeriodState["state"], string> = { open: "open", auto: "locked (by its lock date)", manual: "locked by an admin", reopened: "reopened" };

export function MonthsPanel({ api, collaborative }: { api: AdminApi; collaborative: CollaborativeDefinition }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [periods, setPeriods] = useState<PeriodState[] | null>(null);
  const [reopening, setReopening] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => setPeriods((await api.periods(collaborative.id)).periods), [api, collaborative.id]);
  useEffect(() => {
    load().catch((error: unknown) => setMessage(`Could not load the months: ${error instanceof Error ? error.message : String(error)}`));
  }, [load]);

  const change = async (period: string, action: "lock" | "reopen", why: string) => {
    setMessage("");
    setDone("");
    const { change: ok, problems } = checkPeriodChange(collaborative, action, period, why);
    if (!ok) {
      setErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.changePeriod(collaborative.id, period, action, ok.reason ? { reason: ok.reason } : {});
      await load();
      setDone(action === "lock" ? `${shortMonth(period)} is locked: reports for it are refused until it is reopened.` : `${shortMonth(period)} is reopened.`);
      setReopening(null);
      setReason("");
    } catch (error) {
      const { fields, message: text } = failureToErrors(error);
      setErrors(fields);
      setMessage(`${action === "lock" ? "Not locked" : "Not reopened"}: ${text}`);
    } finally {
      setBusy(false);
    }
  };

  const reopen = (event: FormEvent, period: string) => {
    event.preventDefault();
    void change(period, "reopen", reason);
  };

  return (
    <section className={page.card} aria-labelledby="months-title">
      <Subtitle2 as="h2" id="months-title">
        Months
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>
        {collaborative.lockAfterDays > 0
          ? `A month locks by itself ${collaborative.lockAfterDays} days after its due date; lock one sooner here, or reopen one for late data (with the reason).`
          : "Months never lock by themselves in this collaborative; lock one here, or reopen one for late data (with the reason)."}
      </p>
      {periods === null ? <p className={page.muted}>Loading the months…</p> : null}
      {periods ? (
        <div className={classes.scroll}>
          <table className={classes.table} aria-label="Months">
            <thead>
              <tr>
                {["Month", "Due", "Locks on", "State", "Reason", ""].map((h) => (
                  <th key={h} className={classes.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.period} aria-label={shortMonth(p.period)}>
                  <th className={classes.td} scope="row">
                    {shortMonth(p.period)}
                  </th>
                  <td className={classes.td}>{p.dueDate}</td>
                  <td className={classes.td}>{p.lockDate ?? "never"}</td>
                  <td className={classes.td}>{STATE_TEXT[p.state]}</td>
                  <td className={classes.td}>{p.reason ?? ""}</td>
                  <td className={classes.td}>
                    {p.locked ? (
                      reopening === p.period ? (
                        <form aria-label={`Reopen ${shortMonth(p.period)}`} noValidate onSubmit={(e) => reopen(e, p.period)}>
                          <Field label={`Why reopen ${shortMonth(p.period)}?`} required {...fieldState(errors, "reason")}>
                            <Textarea value={reason} rows={2} onChange={(_, d) => setReason(d.value)} placeholder="e.g. late data from ward 4" />
                          </Field>
                          <div className={classes.actions}>
                            <Button size="small" appearance="primary" type="submit" disabled={busy}>
                              Reopen
                            </Button>
                            <Button size="small" onClick={() => (setReopening(null), setErrors({}))}>
                              Cancel
                            </Button>
                          </div>
                        </form>
                      ) : (
                        <Button size="small" aria-label={`Reopen ${shortMonth(p.period)}`} onClick={() => (setReopening(p.period), setReason(""), setErrors({}))}>
                          Reopen…
                        </Button>
                      )
                    ) : (
                      <Button size="small" aria-label={`Lock ${shortMonth(p.period)}`} disabled={busy} onClick={() => void change(p.period, "lock", "")}>
                        Lock
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className={classes.error} role="alert">
        {message}
      </p>
      <p className={classes.done} role="status">
        {done}
      </p>
    </section>
  );
}
