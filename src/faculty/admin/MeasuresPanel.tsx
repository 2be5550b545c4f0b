// The measure set: add, edit, reorder (up/down buttons that say which measure moves where, and keep
// the focus on the moved measure's button), retire and bring back, delete (offered only for a measure
// no team has a value for in the run charts; the server refuses a measure with data with 409, and its
// message says to retire it; shown as it says).
import { useRef, useState, type FormEvent } from "react";
import { Badge, Button, Subtitle2 } from "@fluentui/react-components";
import { MeasureDefinition, MeasureOrder, type CollaborativeDefinition } from "../../core/index";
import { usePageStyles } from "../styles";
import type { AdminApi } from "./adminApi";
import { failureToErrors, issuesToFieldErrors, type FieldErrors } from "./fieldErrors";
import { DIRECTION_TEXT, draftOf, EMPTY_MEASURE, KIND_TEXT, MeasureFields, measureInput, type MeasureDraft } from "./MeasureFields";
import { useAdminStyles } from "./styles";

/** The measure ids with the one at `index` moved by `by` (-1 up, +1 down); unchanged at an end. */
export function moved(ids: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (to < 0 || to >= ids.length) return [...ids];
  const out = [...ids];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

function summary(m: MeasureDefinition): string {
  return [m.type, KIND_TEXT[m.kind].split(":")[0], m.unit, DIRECTION_TEXT[m.improvementDirection], m.goal !== undefined ? `goal ${m.goal}` : null].filter(Boolean).join(" · ");
}

export function MeasuresPanel(props: {
  api: AdminApi;
  collaborative: CollaborativeDefinition;
  onChanged: (definition: CollaborativeDefinition) => void;
  /** measures a team has data for (Delete not offered); `null`: not known, offered and left to the server */
  withData?: ReadonlySet<string> | null;
}) {
  const { api, collaborative, onChanged, withData = null } = props;
  const page = usePageStyles();
  const classes = useAdminStyles();
  /** which measure is open in the editor: an id, "new", or none */
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<MeasureDraft>(EMPTY_MEASURE);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const measures = collaborative.measures;

  const open = (id: string | null) => {
    setEditing(id);
    setErrors({});
    setMessage("");
    setDone("");
    const m = measures.find((x) => x.id === id);
    setDraft(m ? draftOf(m) : { ...EMPTY_MEASURE });
  };

  const run = async (what: string, call: () => Promise<CollaborativeDefinition>, after?: (d: CollaborativeDefinition) => void) => {
    setMessage("");
    setDone("");
    setBusy(true);
    try {
      const definition = await call();
      onChanged(definition);
      setDone(what);
      after?.(definition);
      return true;
    } catch (error) {
      const { fields, message: text } = failureToErrors(error);
      setErrors(fields);
      setMessage(text);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = MeasureDefinition.safeParse(measureInput(draft));
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setMessage("Not saved: fix the fields marked in red.");
      return;
    }
    setErrors({});
    const isNew = editing === "new";
    if (isNew && measures.some((m) => m.id === parsed.data.id)) {
      setErrors({ id: `the collaborative already has a measure ${parsed.data.id}: choose another id` });
      return;
    }
    const ok = await run(`${isNew ? "Added" : "Saved"} ${parsed.data.name}.`, () => (isNew ? api.addMeasure(collaborative.id, parsed.data) : api.putMeasure(collaborative.id, parsed.data)));
    if (ok) setEditing(null);
  };

  const move = (index: number, by: -1 | 1) => {
    const m = measures[index]!;
    const order = MeasureOrder.parse({ measureIds: moved(measures.map((x) => x.id), index, by) });
    void run(`Moved ${m.name} ${by < 0 ? "up" : "down"} to position ${index + by + 1}.`, () => api.orderMeasures(collaborative.id, order), (d) => {
      // keep the focus on the same button of the moved measure, or its other one at an end
      const at = d.measures.findIndex((x) => x.id === m.id);
      const key = by < 0 && at > 0 ? `up:${m.id}` : by > 0 && at < d.measures.length - 1 ? `down:${m.id}` : by < 0 ? `down:${m.id}` : `up:${m.id}`;
      requestAnimationFrame(() => buttons.current.get(key)?.focus());
    });
  };

  const setRetired = (m: MeasureDefinition, retired: boolean) => {
    const { retired: _was, ...rest } = m;
    const body = MeasureDefinition.parse(retired ? { ...rest, retired: true } : rest);
    void run(retired ? `Retired ${m.name}: no longer reported; its data stay.` : `${m.name} is reported again.`, () => api.putMeasure(collaborative.id, body));
  };

  const remove = (m: MeasureDefinition) => void run(`Deleted ${m.name}.`, () => api.deleteMeasure(collaborative.id, m.id));

  const editor = (
    <form onSubmit={(e) => void save(e)} noValidate aria-label={editing === "new" ? "New measure" : "Edit measure"} className={classes.item}>
      <MeasureFields draft={draft} onChange={(d) => setDraft(d)} errors={errors} prefix="" idLocked={editing !== "new"} label={editing === "new" ? "New measure" : `Edit ${draft.name}`} />
      <div className={classes.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {editing === "new" ? "Add measure" : "Save measure"}
        </Button>
        <Button onClick={() => setEditing(null)}>Cancel</Button>
      </div>
    </form>
  );

  return (
    <section className={page.card} aria-labelledby="measures-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="measures-title">
          Measures
        </Subtitle2>
        <Button appearance="primary" onClick={() => open("new")} disabled={editing === "new"}>
          New measure
        </Button>
      </div>
      <p className={`${page.muted} ${page.small}`}>In the order sheets, the task pane and the faculty page show them. A measure with data is never deleted: retire it and it is no longer reported, its data stay.</p>
      {editing === "new" ? editor : null}
      <ol className={classes.list} aria-label="Measure set">
        {measures.map((m, i) => (
          <li key={m.id} className={`${classes.item} ${m.retired ? classes.retired : ""}`} aria-label={m.name}>
            <div className={classes.itemHead}>
              <div>
                <strong>{m.name}</strong> <span className={`${page.muted} ${classes.mono}`}>{m.id}</span> {m.retired ? <Badge appearance="tint" color="subtle">retired</Badge> : null}
                <div className={`${page.small} ${page.muted}`}>{`${summary(m)}${withData?.has(m.id) ? " · has data: retire it rather than delete" : ""}`}</div>
              </div>
              <div className={classes.actions}>
                <Button size="small" aria-label={`Move ${m.name} up`} disabled={busy || i === 0} ref={(el) => void buttons.current.set(`up:${m.id}`, el)} onClick={() => move(i, -1)}>
                  ↑ Up
                </Button>
                <Button size="small" aria-label={`Move ${m.name} down`} disabled={busy || i === measures.length - 1} ref={(el) => void buttons.current.set(`down:${m.id}`, el)} onClick={() => move(i, 1)}>
                  ↓ Down
                </Button>
                <Button size="small" aria-label={`Edit ${m.name}`} onClick={() => open(m.id)}>
                  Edit
                </Button>
                <Button size="small" aria-label={`${m.retired ? "Bring back" : "Retire"} ${m.name}`} disabled={busy} onClick={() => setRetired(m, !m.retired)}>
                  {m.retired ? "Bring back" : "Retire"}
                </Button>
                {withData?.has(m.id) ? null : (
                  <Button size="small" aria-label={`Delete ${m.name}`} disabled={busy || measures.length === 1} onClick={() => remove(m)}>
                    Delete
                  </Button>
                )}
              </div>
            </div>
            {editing === m.id ? editor : null}
          </li>
        ))}
      </ol>
      <p className={classes.error} role="alert">
        {message}
      </p>
      <p className={classes.done} role="status">
        {done}
      </p>
    </section>
  );
}
