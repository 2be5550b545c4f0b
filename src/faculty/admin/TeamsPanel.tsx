// The teams: add one (with its join month and the contacts reminders go to), rename it, set its join
// month (completeness counts a team from the month it joined), edit contacts, deactivate or
// reactivate it (a team that left keeps its data), and opt it out of reminders. Checked with core's
// NewTeam, TeamPatch and TeamContacts before sending; the server's 422 lands on the same fields.
import { useEffect, useState, type FormEvent } from "react";
import { Badge, Button, Field, Input, Subtitle2, Switch } from "@fluentui/react-components";
import { NewTeam, TeamContacts, TeamPatch, type AdminTeam, type CollaborativeDefinition } from "../../core/index";
import { shortMonth } from "../../web/format";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors, fieldState, issuesToFieldErrors, withoutKey, type FieldErrors } from "./fieldErrors";
import { useAdminStyles } from "./styles";

export interface ContactDraft {
  name: string;
  email: string;
  role: string;
}

interface TeamDraft {
  id: string;
  name: string;
  organisation: string;
  joinMonth: string;
  active: boolean;
  remindersOptOut: boolean;
  contacts: ContactDraft[];
}

const EMPTY_TEAM: TeamDraft = { id: "", name: "", organisation: "", joinMonth: "", active: true, remindersOptOut: false, contacts: [] };

function draftOf(t: AdminTeam): TeamDraft {
  return {
    id: t.id,
    name: t.name,
    organisation: t.organisation,
    joinMonth: t.joinMonthSet ? t.joinMonth : "",
    active: t.active,
    remindersOptOut: t.remindersOptOut,
    contacts: t.contacts.map((c) => ({ name: c.name, email: c.email, role: c.role })),
  };
}

/** Contact rows: name, e-mail, role, each row removable; errors keyed "contacts.<i>.<field>". */
export function ContactRows({ contacts, onChange, errors, team }: { contacts: ContactDraft[]; onChange: (c: ContactDraft[]) => void; errors: FieldErrors; team: string }) {
  const classes = useAdminStyles();
  const page = usePageStyles();
  const set = (i: number, patch: Partial<ContactDraft>) => onChange(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div role="group" aria-label={`Contacts of ${team}`} className={classes.wide}>
      <Subtitle2 as="h4" className={classes.sub}>
        Contacts (reminders go to them)
      </Subtitle2>
      {contacts.length === 0 ? <p className={`${page.small} ${page.muted}`}>No contacts: this team gets no reminders until one is added.</p> : null}
      {contacts.map((c, i) => (
        <div key={i} className={classes.contactRow}>
          <Field label={`Contact ${i + 1} name`} required {...fieldState(errors, `contacts.${i}.name`)}>
            <Input value={c.name} onChange={(_, d) => set(i, { name: d.value })} />
          </Field>
          <Field label={`Contact ${i + 1} e-mail`} required {...fieldState(errors, `contacts.${i}.email`)}>
            <Input type="email" value={c.email} onChange={(_, d) => set(i, { email: d.value })} />
          </Field>
          <Field label={`Contact ${i + 1} role`} hint="e.g. data lead" {...fieldState(errors, `contacts.${i}.role`)}>
            <Input value={c.role} onChange={(_, d) => set(i, { role: d.value })} />
          </Field>
          <Button aria-label={`Remove contact ${i + 1}`} onClick={() => onChange(contacts.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <Button size="small" onClick={() => onChange([...contacts, { name: "", email: "", role: "" }])}>
        Add contact
      </Button>
    </div>
  );
}

function TeamForm(props: { draft: TeamDraft; setDraft: (d: TeamDraft) => void; errors: FieldErrors; setErrors: (f: (e: FieldErrors) => FieldErrors) => void; isNew: boolean; collaborative: CollaborativeDefinition }) {
  const { draft, setDraft, errors, setErrors, isNew, collaborative } = props;
  const classes = useAdminStyles();
  const set = (key: keyof TeamDraft, value: string | boolean) => {
    setDraft({ ...draft, [key]: value });
    setErrors((e) => withoutKey(e, key));
  };
  return (
    <div className={classes.grid}>
      {isNew ? (
        <Field label="Team id" required hint="lowercase letters, digits and dashes, e.g. riverside" {...fieldState(errors, "id")}>
          <Input value={draft.id} onChange={(_, d) => set("id", d.value)} spellCheck={false} />
        </Field>
      ) : null}
      <Field label="Team name" required {...fieldState(errors, "name")}>
        <Input value={draft.name} onChange={(_, d) => set("name", d.value)} />
      </Field>
      <Field label="Organisation" {...fieldState(errors, "organisation")}>
        <Input value={draft.organisation} onChange={(_, d) => set("organisation", d.value)} />
      </Field>
      <Field label="Join month" hint={`YYYY-MM; blank: from the start (${collaborative.startMonth})`} {...fieldState(errors, "joinMonth")}>
        <Input value={draft.joinMonth} onChange={(_, d) => set("joinMonth", d.value)} placeholder={collaborative.startMonth} />
      </Field>
      {!isNew ? (
        <>
          <Field label="Taking part">
            <Switch checked={draft.active} label={draft.active ? "active" : "left the collaborative"} onChange={(_, d) => set("active", d.checked)} />
          </Field>
          <Field label="Reminders for this team">
            <Switch checked={!draft.remindersOptOut} label={draft.remindersOptOut ? "opted out" : "sent"} onChange={(_, d) => set("remindersOptOut", !d.checked)} />
          </Field>
        </>
      ) : null}
      <ContactRows team={draft.name || "the new team"} contacts={draft.contacts} errors={errors} onChange={(contacts) => (setDraft({ ...draft, contacts }), setErrors(() => ({})))} />
    </div>
  );
}

export function TeamsPanel({ api, collaborative, onChanged }: { api: AdminApi; collaborative: CollaborativeDefinition; onChanged?: (teams: AdminTeam[]) => void }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [teams, setTeams] = useState<AdminTeam[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<TeamDraft>(EMPTY_TEAM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.teams(collaborative.id).then(
      (list) => current && setTeams(list.teams),
      (error: unknown) => current && setMessage(`Could not load the teams: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [api, collaborative.id]);

  const replace = (team: AdminTeam) =>
    setTeams((all) => {
      const next = all?.some((t) => t.id === team.id) ? all.map((t) => (t.id === team.id ? team : t)) : [...(all ?? []), team];
      onChanged?.(next);
      return next;
    });

  const open = (id: string | null) => {
    setEditing(id);
    setErrors({});
    setMessage("");
    setDone("");
    const t = teams?.find((x) => x.id === id);
    setDraft(t ? draftOf(t) : { ...EMPTY_TEAM, contacts: [] });
  };

  const fail = (error: unknown, what: string) => {
    const { fields, message: text } = failureToErrors(error);
    setErrors(fields);
    setMessage(`${what}: ${text}`);
  };

  const contactsInput = (d: TeamDraft) => d.contacts.map((c) => ({ name: c.name, email: c.email.trim(), role: c.role }));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    setDone("");
    const parsed = NewTeam.safeParse({ id: draft.id.trim(), name: draft.name, organisation: draft.organisation, ...(draft.joinMonth.trim() ? { joinMonth: draft.joinMonth.trim() } : {}), contacts: contactsInput(draft) });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setMessage("Not added: fix the fields marked in red.");
      return;
    }
    if (teams?.some((t) => t.id === parsed.data.id)) {
      setErrors({ id: `there is already a team ${parsed.data.id}: choose another id` });
      return;
    }
    setBusy(true);
    try {
      const team = await api.addTeam(collaborative.id, parsed.data);
      replace(team);
      setDone(`Added ${team.name}.`);
      setEditing(null);
    } catch (error) {
      fail(error, "Not added");
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent, team: AdminTeam) => {
    event.preventDefault();
    setMessage("");
    setDone("");
    const before = draftOf(team);
    const patch: Record<string, unknown> = {};
    if (draft.name !== before.name) patch.name = draft.name;
    if (draft.organisation !== before.organisation) patch.organisation = draft.organisation;
    if (draft.joinMonth.trim() !== before.joinMonth) patch.joinMonth = draft.joinMonth.trim() === "" ? null : draft.joinMonth.trim();
    if (draft.active !== before.active) patch.active = draft.active;
    if (draft.remindersOptOut !== before.remindersOptOut) patch.remindersOptOut = draft.remindersOptOut;
    const contactsChanged = JSON.stringify(contactsInput(draft)) !== JSON.stringify(contactsInput(before));
    const parsedPatch = Object.keys(patch).length > 0 ? TeamPatch.safeParse(patch) : null;
    const parsedContacts = contactsChanged ? TeamContacts.safeParse({ contacts: contactsInput(draft) }) : null;
    const fields = { ...(parsedPatch && !parsedPatch.success ? issuesToFieldErrors(parsedPatch.error.issues) : {}), ...(parsedContacts && !parsedContacts.success ? issuesToFieldErrors(parsedContacts.error.issues) : {}) };
    if (Object.keys(fields).length > 0) {
      setErrors(fields);
      setMessage("Not saved: fix the fields marked in red.");
      return;
    }
    if (!parsedPatch && !parsedContacts) {
      setMessage("Nothing to save: change a field first.");
      return;
    }
    setBusy(true);
    try {
      let saved = team;
      if (parsedPatch?.success) saved = await api.patchTeam(collaborative.id, team.id, parsedPatch.data);
      if (parsedContacts?.success) saved = await api.putContacts(collaborative.id, team.id, parsedContacts.data);
      replace(saved);
      setDone(`Saved ${saved.name}.`);
      setEditing(null);
    } catch (error) {
      fail(error, "Not saved");
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (team: AdminTeam, active: boolean) => {
    setMessage("");
    setDone("");
    setBusy(true);
    try {
      const saved = await api.patchTeam(collaborative.id, team.id, TeamPatch.parse({ active }));
      replace(saved);
      setDone(active ? `${saved.name} takes part again.` : `${saved.name} deactivated: no longer expected to report or reminded; its data stay.`);
    } catch (error) {
      fail(error, "Not changed");
    } finally {
      setBusy(false);
    }
  };

  const buttons = (
    <div className={classes.actions}>
      <Button appearance="primary" type="submit" disabled={busy}>
        {editing === "new" ? "Add team" : "Save team"}
      </Button>
      <Button onClick={() => setEditing(null)}>Cancel</Button>
    </div>
  );

  return (
    <section className={page.card} aria-labelledby="teams-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="teams-title">
          Teams
        </Subtitle2>
        <Button appearance="primary" onClick={() => open("new")} disabled={editing === "new"}>
          New team
        </Button>
      </div>
      <p className={`${page.muted} ${page.small}`}>A team is counted from its join month. A team that leaves is deactivated, not deleted: its data stay.</p>
      {editing === "new" ? (
        <form className={classes.item} aria-label="New team" noValidate onSubmit={(e) => void add(e)}>
          <TeamForm draft={draft} setDraft={setDraft} errors={errors} setErrors={setErrors} isNew collaborative={collaborative} />
          {buttons}
        </form>
      ) : null}
      {teams === null ? <p className={page.muted}>Loading the teams…</p> : null}
      {teams?.length === 0 ? <p className={page.muted}>No teams yet: add the first one.</p> : null}
      <ul className={classes.list} aria-label="Teams">
        {(teams ?? []).map((t) => (
          <li key={t.id} className={`${classes.item} ${t.active ? "" : classes.retired}`} aria-label={t.name}>
            <div className={classes.itemHead}>
              <div>
                <strong>{t.name}</strong> <span className={`${page.muted} ${classes.mono}`}>{t.id}</span>{" "}
                {t.active ? null : (
                  <Badge appearance="tint" color="subtle">
                    inactive
                  </Badge>
                )}{" "}
                {t.remindersOptOut ? (
                  <Badge appearance="tint" color="warning">
                    no reminders
                  </Badge>
                ) : null}
                <div className={`${page.small} ${page.muted}`}>
                  {[t.organisation, `joins ${shortMonth(t.joinMonth)}${t.joinMonthSet ? "" : " (the start)"}`, `${t.contacts.length} contact${t.contacts.length === 1 ? "" : "s"}`].filter(Boolean).join(" · ")}
                </div>
              </div>
              <div className={classes.actions}>
                <Button size="small" aria-label={`Edit ${t.name}`} onClick={() => open(t.id)}>
                  Edit
                </Button>
                <Button size="small" aria-label={`${t.active ? "Deactivate" : "Reactivate"} ${t.name}`} disabled={busy} onClick={() => void setActive(t, !t.active)}>
                  {t.active ? "Deactivate" : "Reactivate"}
                </Button>
              </div>
            </div>
            {editing === t.id ? (
              <form aria-label={`Edit ${t.name}`} noValidate onSubmit={(e) => void save(e, t)}>
                <TeamForm draft={draft} setDraft={setDraft} errors={errors} setErrors={setErrors} isNew={false} collaborative={collaborative} />
                {buttons}
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      <p className={classes.error} role="alert">
        {message}
      </p>
      <p className={classes.done} role="status">
        {done}
      </p>
    </section>
  );
}
