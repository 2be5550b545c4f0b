// One measure's fields (core's MeasureDefinition): used by the new-collaborative form and by the
// measures tab. The form keeps what was typed as text (a draft) and turns it into the schema's input
// only when it is checked, so "12a" in the goal is refused on the goal field with what to type.
import { Checkbox, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { IMPROVEMENT_DIRECTIONS, MeasureKind, MeasureType, type MeasureDefinition } from "../../core/index";
import { fieldState, numberOrAbsent, type FieldErrors } from "./fieldErrors";
import { useAdminStyles } from "./styles";

export interface MeasureDraft {
  id: string;
  name: string;
  operationalDefinition: string;
  type: string;
  kind: string;
  unit: string;
  multiplier: string;
  improvementDirection: string;
  goal: string;
  required: boolean;
  retired: boolean;
}

export const EMPTY_MEASURE: MeasureDraft = {
  id: "",
  name: "",
  operationalDefinition: "",
  type: "process",
  kind: "percent",
  unit: "",
  multiplier: "",
  improvementDirection: "increase",
  goal: "",
  required: true,
  retired: false,
};

/** What each kind means, beside its picker (core's MeasureKind). */
export const KIND_TEXT: Record<MeasureKind, string> = {
  percent: "percent: 100 × numerator ÷ denominator",
  rate: "rate: multiplier × numerator ÷ denominator",
  count: "count: the numerator alone",
  mean: "mean: the value the team types",
};
export const TYPE_TEXT: Record<MeasureType, string> = { outcome: "outcome (the aim itself)", process: "process (the changes are done)", balancing: "balancing (what might get worse)" };
export const DIRECTION_TEXT: Record<(typeof IMPROVEMENT_DIRECTIONS)[number], string> = { increase: "higher is better", decrease: "lower is better", neutral: "neither" };

export function draftOf(m: MeasureDefinition): MeasureDraft {
  return {
    id: m.id,
    name: m.name,
    operationalDefinition: m.operationalDefinition,
    type: m.type,
    kind: m.kind,
    unit: m.unit ?? "",
    multiplier: m.multiplier === undefined ? "" : String(m.multiplier),
    improvementDirection: m.improvementDirection,
    goal: m.goal === undefined ? "" : String(m.goal),
    required: m.required,
    retired: m.retired === true,
  };
}

/** The draft as MeasureDefinition's input (not yet checked): blank optional fields left out. */
export function measureInput(d: MeasureDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: d.id.trim(),
    name: d.name,
    type: d.type,
    kind: d.kind,
    improvementDirection: d.improvementDirection,
    operationalDefinition: d.operationalDefinition,
    required: d.required,
  };
  if (d.unit.trim() !== "") out.unit = d.unit;
  const multiplier = numberOrAbsent(d.multiplier);
  if (multiplier !== undefined) out.multiplier = multiplier;
  const goal = numberOrAbsent(d.goal);
  if (goal !== undefined) out.goal = goal;
  if (d.retired) out.retired = true;
  return out;
}

/**
 * The fields of one measure. `prefix` is the measure's path in the body ("measures.0." in a new
 * collaborative, "" for one measure), so errors from either side find their field; `idLocked` when
 * the measure exists (data hang on its id).
 */
export function MeasureFields(props: { draft: MeasureDraft; onChange: (draft: MeasureDraft) => void; errors: FieldErrors; prefix: string; idLocked?: boolean; label?: string }) {
  const { draft, onChange, errors, prefix } = props;
  const classes = useAdminStyles();
  const set = (patch: Partial<MeasureDraft>) => onChange({ ...draft, ...patch });
  const f = (key: string) => fieldState(errors, `${prefix}${key}`);
  return (
    <div className={classes.grid} role="group" aria-label={props.label ?? "Measure"}>
      <Field label="Measure id" required hint="lowercase letters, digits and dashes, e.g. clabsi-rate" {...f("id")}>
        <Input value={draft.id} disabled={props.idLocked} onChange={(_, d) => set({ id: d.value })} spellCheck={false} />
      </Field>
      <Field label="Measure name" required {...f("name")}>
        <Input value={draft.name} onChange={(_, d) => set({ name: d.value })} />
      </Field>
      <Field label="Type" required {...f("type")}>
        <Select className={classes.select} value={draft.type} onChange={(_, d) => set({ type: d.value })}>
          {MeasureType.options.map((t) => (
            <option key={t} value={t}>
              {TYPE_TEXT[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Kind" required {...f("kind")}>
        <Select className={classes.select} value={draft.kind} onChange={(_, d) => set({ kind: d.value })}>
          {MeasureKind.options.map((k) => (
            <option key={k} value={k}>
              {KIND_TEXT[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Unit" hint='shown beside values, e.g. "%" or "per 1,000 line-days"' {...f("unit")}>
        <Input value={draft.unit} onChange={(_, d) => set({ unit: d.value })} />
      </Field>
      <Field label="Multiplier" hint="for a rate, e.g. 1000; blank: 1" {...f("multiplier")}>
        <Input value={draft.multiplier} inputMode="decimal" onChange={(_, d) => set({ multiplier: d.value })} />
      </Field>
      <Field label="Improvement direction" required {...f("improvementDirection")}>
        <Select className={classes.select} value={draft.improvementDirection} onChange={(_, d) => set({ improvementDirection: d.value })}>
          {IMPROVEMENT_DIRECTIONS.map((dir) => (
            <option key={dir} value={dir}>
              {DIRECTION_TEXT[dir]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Goal" hint="blank: no goal" {...f("goal")}>
        <Input value={draft.goal} inputMode="decimal" onChange={(_, d) => set({ goal: d.value })} />
      </Field>
      <Field className={classes.wide} label="Operational definition" hint="what is counted, from where, and what is left out" {...f("operationalDefinition")}>
        <Textarea value={draft.operationalDefinition} rows={2} resize="vertical" onChange={(_, d) => set({ operationalDefinition: d.value })} />
      </Field>
      <Checkbox className={classes.wide} checked={draft.required} label="Required every month" onChange={(_, d) => set({ required: d.checked === true })} />
    </div>
  );
}
