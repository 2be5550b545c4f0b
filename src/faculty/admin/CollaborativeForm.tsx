// A collaborative's settings in a form: new (with its first measures, typed or imported from a
// definition file, the JSON `npm run admin -- create-collaborative` reads) or existing (PATCH of the
// settings that changed). Checked with core's schemas before sending (CollaborativeDefinition,
// CollaborativeSettingsPatch); the server's 422 lands on the same fields.
import { useState, type ChangeEvent, type FormEvent } from "react";
import { Button, Field, Input, Select, Subtitle2, Switch, Textarea } from "@fluentui/react-components";
import { CollaborativeDefinition, CollaborativeSettingsPatch, NewTeam, RuleSet, SharingMode } from "../../core/index";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors, fieldState, readFileText, issuesToFieldErrors, withoutKey, type FieldErrors } from "./fieldErrors";
import { EMPTY_MEASURE, MeasureFields, measureInput, type MeasureDraft } from "./MeasureFields";
import { useAdminStyles } from "./styles";
import { changedSettings, draftFromRaw, EMPTY_SETTINGS, readDefinitionFile, settingsInput, settingsOf, type SettingsDraft } from "./collaborativeDraft";

export const SHARING_TEXT: Record<SharingMode, string> = { named: "named: everyone sees team names", blinded: "blinded: teams see others unnamed", aggregate: "aggregate: teams see only pooled data" };
export const RULE_SET_TEXT: Record<RuleSet, string> = { ihi: "IHI run-chart rules", anhoej: "Anhøj rules (qicharts2)", mdc: "Making Data Count (XmR)" };

function SettingsFields({ draft, onChange, errors, isNew }: { draft: SettingsDraft; onChange: (d: SettingsDraft, changed: string) => void; errors: FieldErrors; isNew: boolean }) {
  const classes = useAdminStyles();
  const set = (key: keyof SettingsDraft, value: string | boolean) => onChange({ ...draft, [key]: value }, key);
  const f = (key: string) => fieldState(errors, key);
  return (
    <div className={classes.grid}>
      {isNew ? (
        <Field label="Collaborative id" required hint="in addresses and workbooks: lowercase letters, digits, dashes" {...f("id")}>
          <Input value={draft.id} onChange={(_, d) => set("id", d.value)} spellCheck={false} placeholder="e.g. sepsis-2027" />
        </Field>
      ) : null}
      <Field label="Collaborative name" required {...f("name")}>
        <Input value={draft.name} onChange={(_, d) => set("name", d.value)} />
      </Field>
      <Field className={classes.wide} label="Aim" hint="what will improve, by how much, by when, for whom" {...f("aim")}>
        <Textarea value={draft.aim} rows={2} resize="vertical" onChange={(_, d) => set("aim", d.value)} />
      </Field>
      <Field label="Start month" required hint="YYYY-MM, e.g. 2027-01" {...f("startMonth")}>
        <Input value={draft.startMonth} onChange={(_, d) => set("startMonth", d.value)} placeholder="2027-01" />
      </Field>
      <Field label="End month" required hint="YYYY-MM, the last month reported" {...f("endMonth")}>
        <Input value={draft.endMonth} onChange={(_, d) => set("endMonth", d.value)} placeholder="2027-12" />
      </Field>
      <Field label="Due day" required hint="a month's report is due on this day of the next month (1-28)" {...f("dueDay")}>
        <Input value={draft.dueDay} inputMode="numeric" onChange={(_, d) => set("dueDay", d.value)} />
      </Field>
      <Field label="Lock after (days)" required hint="a month locks this many days after its due date; 0: never" {...f("lockAfterDays")}>
        <Input value={draft.lockAfterDays} inputMode="numeric" onChange={(_, d) => set("lockAfterDays", d.value)} />
      </Field>
      <Field label="Sharing" required {...f("sharing")}>
        <Select className={classes.select} value={draft.sharing} onChange={(_, d) => set("sharing", d.value)}>
          {SharingMode.options.map((s) => (
            <option key={s} value={s}>
              {SHARING_TEXT[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Rule set" required hint="how run charts are read everywhere" {...f("ruleSet")}>
        <Select className={classes.select} value={draft.ruleSet} onChange={(_, d) => set("ruleSet", d.value)}>
          {RuleSet.options.map((r) => (
            <option key={r} value={r}>
              {RULE_SET_TEXT[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reminders" {...f("remindersEnabled")}>
        <Switch checked={draft.remindersEnabled} label={draft.remindersEnabled ? "on" : "off"} onChange={(_, d) => set("remindersEnabled", d.checked)} />
      </Field>
      <Field label="Remind days before the due day" hint="1-27" {...f("reminderDaysBefore")}>
        <Input value={draft.reminderDaysBefore} inputMode="numeric" disabled={!draft.remindersEnabled} onChange={(_, d) => set("reminderDaysBefore", d.value)} />
      </Field>
    </div>
  );
}

/** The form for a new collaborative: settings, its first measures, or a definition file. */
export function NewCollaborativeForm({ api, onCreated }: { api: AdminApi; onCreated: (definition: CollaborativeDefinition) => void }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [settings, setSettings] = useState<SettingsDraft>(EMPTY_SETTINGS);
  const [measures, setMeasures] = useState<MeasureDraft[]>([{ ...EMPTY_MEASURE }]);
  const [teams, setTeams] = useState<NewTeam[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [fileIssues, setFileIssues] = useState<string[]>([]);
  const [fileNote, setFileNote] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [partly, setPartly] = useState<{ created: CollaborativeDefinition; text: string } | null>(null);

  const candidate = (s = settings, ms = measures) => ({ ...settingsInput(s), measures: ms.map(measureInput) });

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const read = readDefinitionFile(await readFileText(file));
    setFileIssues(read.issues);
    setMessage("");
    if (read.raw) {
      const drafts = draftFromRaw(read.raw);
      setSettings(drafts.settings);
      setMeasures(drafts.measures);
      setTeams(read.teams);
      const parsed = CollaborativeDefinition.safeParse(candidate(drafts.settings, drafts.measures));
      setErrors(parsed.success ? {} : issuesToFieldErrors(parsed.error.issues));
    }
    setFileNote(
      read.issues.length > 0
        ? `${file.name}: ${read.issues.length} problem${read.issues.length === 1 ? "" : "s"} to fix (listed below and on the fields).`
        : `${file.name} read: ${read.definition?.measures.length ?? 0} measures${read.teams.length ? `, ${read.teams.length} teams` : ""}. Check the form, then create.`,
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const parsed = CollaborativeDefinition.safeParse(candidate());
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setMessage("Not created: fix the fields marked in red.");
      return;
    }
    setErrors({});
    setBusy(true);
    let created: CollaborativeDefinition;
    try {
      created = await api.createCollaborative(parsed.data);
    } catch (error) {
      const { fields, message: text } = failureToErrors(error);
      setErrors(fields);
      setMessage(`Not created: ${text}`);
      setBusy(false);
      return;
    }
    // the file's teams, one by one: a refused team leaves the collaborative created, and says so
    const refused: string[] = [];
    for (const team of teams) {
      try {
        await api.addTeam(created.id, team);
      } catch (error) {
        refused.push(`${team.name} (${failureToErrors(error).message})`);
      }
    }
    setBusy(false);
    if (refused.length === 0) return onCreated(created);
    setPartly({ created, text: `Created ${created.name}, but not every team from the file: ${refused.join("; ")}. Add ${refused.length === 1 ? "it" : "them"} under Teams.` });
  };

  return (
    <section className={page.card} aria-labelledby="new-collaborative-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="new-collaborative-title">
          New collaborative
        </Subtitle2>
        <Field label="Or import a definition file (JSON)" hint="the file npm run admin -- create-collaborative reads; it may list teams">
          <input type="file" accept="application/json,.json" aria-label="Definition file" onChange={(e) => void importFile(e)} />
        </Field>
      </div>
      {fileNote ? (
        <p className={page.small} role="status">
          {fileNote}
        </p>
      ) : null}
      {fileIssues.length > 0 ? (
        <ul className={classes.issues} aria-label="Problems in the file">
          {fileIssues.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SettingsFields draft={settings} errors={errors} isNew onChange={(d, key) => (setSettings(d), setErrors((e) => withoutKey(e, key)))} />
        <Subtitle2 as="h3" className={classes.sub}>
          Measures
        </Subtitle2>
        {errors.measures ? (
          <p className={classes.error} role="alert">
            {`Measures: ${errors.measures}`}
          </p>
        ) : null}
        {measures.map((m, i) => (
          <div key={i} className={classes.item}>
            <div className={classes.itemHead}>
              <strong>{`Measure ${i + 1}`}</strong>
              {measures.length > 1 ? (
                <Button size="small" onClick={() => setMeasures((all) => all.filter((_, j) => j !== i))}>
                  {`Remove measure ${i + 1}`}
                </Button>
              ) : null}
            </div>
            <MeasureFields
              label={`Measure ${i + 1}`}
              prefix={`measures.${i}.`}
              draft={m}
              errors={errors}
              onChange={(d) => setMeasures((all) => all.map((x, j) => (j === i ? d : x)))}
            />
          </div>
        ))}
        <Button onClick={() => setMeasures((all) => [...all, { ...EMPTY_MEASURE }])}>Add another measure</Button>
        {teams.length > 0 ? <p className={page.small}>{`Teams from the file, added after the collaborative: ${teams.map((t) => t.name).join(", ")}.`}</p> : null}
        <div className={classes.actions}>
          <Button appearance="primary" type="submit" disabled={busy}>
            Create collaborative
          </Button>
        </div>
        <p className={classes.error} role="alert">
          {partly ? partly.text : message}
        </p>
        {partly ? (
          <Button appearance="primary" onClick={() => onCreated(partly.created)}>
            {`Open ${partly.created.name}`}
          </Button>
        ) : null}
      </form>
    </section>
  );
}

/** The settings of an existing collaborative: only what changed is sent (PATCH). */
export function SettingsForm({ api, collaborative, onSaved }: { api: AdminApi; collaborative: CollaborativeDefinition; onSaved: (definition: CollaborativeDefinition) => void }) {
  const page = usePageStyles();
  const classes = useAdminStyles();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsOf(collaborative));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    setDone("");
    const parsed = CollaborativeSettingsPatch.safeParse(changedSettings(draft, collaborative));
    if (!parsed.success) {
      const fields = issuesToFieldErrors(parsed.error.issues);
      setErrors(fields);
      setMessage(fields[""] ? `Nothing saved: ${fields[""]}.` : "Not saved: fix the fields marked in red.");
      return;
    }
    if (parsed.data.startMonth !== undefined || parsed.data.endMonth !== undefined) {
      const start = parsed.data.startMonth ?? collaborative.startMonth;
      const end = parsed.data.endMonth ?? collaborative.endMonth;
      if (start > end) {
        setErrors({ endMonth: "endMonth must not be before startMonth" });
        setMessage("Not saved: fix the fields marked in red.");
        return;
      }
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.patchCollaborative(collaborative.id, parsed.data);
      setDraft(settingsOf(saved));
      setDone(`Saved: ${Object.keys(parsed.data).join(", ")}.`);
      onSaved(saved);
    } catch (error) {
      const { fields, message: text } = failureToErrors(error);
      setErrors(fields);
      setMessage(`Not saved: ${text}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={page.card} aria-labelledby="settings-title">
      <Subtitle2 as="h2" id="settings-title">
        Settings
      </Subtitle2>
      <p className={`${page.muted} ${page.small}`}>{`Id ${collaborative.id} (fixed: addresses, workbooks and tokens use it).`}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SettingsFields draft={draft} errors={errors} isNew={false} onChange={(d, key) => (setDraft(d), setErrors((e) => withoutKey(e, key)), setDone(""))} />
        <div className={classes.actions}>
          <Button appearance="primary" type="submit" disabled={busy}>
            Save settings
          </Button>
        </div>
        <p className={classes.error} role="alert">
          {message}
        </p>
        <p className={classes.done} role="status">
          {done}
        </p>
      </form>
    </section>
  );
}

