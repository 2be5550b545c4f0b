// The audit log of the collaborative: newest first, filtered by who (the token id, or "cli") and what
// (the action), a page at a time ("Older" fetches the page before the last entry shown).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Button, Field, Input, Subtitle2 } from "@fluentui/react-components";
import type { AuditEntryView, CollaborativeDefinition } from "../../core/index";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors } from "./fieldErrors";
import { useAdminStyles } from "./styles";

export const AUDIT_PAGE = 50;

/**
 * An entry's details in one line, empty values left out: "reason: late data · measureId: abx".
 *
 * @example
 * detailsText({ period: "2026-09", reason: "" }); // => "period: 2026-09"
 */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== "" && v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function AuditPanel({ api, collaborative }: { api: AdminApi; collaborative: CollaborativeDefinition }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const [filter, setFilter] = useState({ actor: "", action: "" });
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (before: number | undefined) => {
      setBusy(true);
      setMessage("");
      try {
        const list = await api.audit({ collaborativeId: collaborative.id, actor: filter.actor.trim() || undefined, action: filter.action.trim() || undefined, before, limit: AUDIT_PAGE });
        setEntries((shown) => (before === undefined ? list.entries : [...(shown ?? []), ...list.entries]));
        setNext(list.nextBefore);
      } catch (error) {
        setMessage(`Could not read the audit log: ${failureToErrors(error).message}`);
      } finally {
        setBusy(false);
      }
    },
    [api, collaborative.id, filter],
  );

  useEffect(() => {
    void fetchPage(undefined);
  }, [fetchPage]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ actor, action });
  };

  return (
    <section className={page.card} aria-labelledby="audit-title">
      <Subtitle2 as="h2" id="audit-title">
        Audit log
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>Every change to this collaborative, newest first: who (the token, or the admin command line) did what, when.</p>
      <form aria-label="Filter the audit log" onSubmit={apply}>
        <div className={classes.grid}>
          <Field label="Who" hint='a token id or "cli"; or click a name in the log'>
            <Input value={actor} onChange={(_, d) => setActor(d.value)} spellCheck={false} />
          </Field>
          <Field label="What" hint="an action, e.g. period.lock">
            <Input value={action} onChange={(_, d) => setAction(d.value)} spellCheck={false} />
          </Field>
        </div>
        <div className={classes.actions}>
          <Button type="submit" appearance="primary">
            Filter
          </Button>
          <Button onClick={() => (setActor(""), setAction(""), setFilter({ actor: "", action: "" }))}>Show all</Button>
        </div>
      </form>
      <p className={classes.error} role="alert">
        {message}
      </p>
      {entries && entries.length === 0 ? <p className={page.muted}>No entries{filter.actor || filter.action ? " match the filter" : ""}.</p> : null}
      {entries && entries.length > 0 ? (
        <div className={classes.scroll}>
          <table className={classes.table} aria-label="Audit log">
            <thead>
              <tr>
                {["When (UTC)", "Who", "What", "Team", "Details"].map((h) => (
                  <th key={h} className={classes.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className={classes.td}>{e.at.replace("T", " ").slice(0, 16)}</td>
                  <td className={classes.td}>
                    <Button size="small" appearance="transparent" title={`Show only what ${e.actorLabel} did`} onClick={() => (setActor(e.actor), setFilter((f) => ({ ...f, actor: e.actor })))}>
                      {e.actorLabel}
                    </Button>
                  </td>
                  <td className={`${classes.td} ${classes.mono}`}>{e.action}</td>
                  <td className={classes.td}>{e.teamId ?? ""}</td>
                  <td className={`${classes.td} ${page.small}`}>{detailsText(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next !== null ? (
        <div className={classes.actions}>
          <Button disabled={busy} onClick={() => void fetchPage(next)}>
            Older
          </Button>
        </div>
      ) : null}
    </section>
  );
}
