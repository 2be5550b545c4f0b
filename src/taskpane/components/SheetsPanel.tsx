// Measure sheets: the collaborative's measure set, which sheet holds each measure, "Create sheet", and
// the mapping of hand-built sheets whose names do not match, with what the reader noticed in them;
// and the team's PDSA log ("Create PDSA log", or a log kept by hand).
import { useId, useState } from "react";
import { Badge, Button, Label, MessageBar, MessageBarBody, Select, Spinner, Text } from "@fluentui/react-components";
import { activeMeasures, type CollaborativeDefinition, type MeasureDefinition } from "../../core/index";
import { usePanelStyles } from "./styles";

export interface SheetChoice {
  sheetName: string;
  /** true when the user picked it; false when it was found by name. */
  chosen: boolean;
}

export interface SheetPreview {
  found: boolean;
  rowCount: number;
  notes: readonly string[];
  /** the run chart's signals under the collaborative's rule set, naming the rules (e.g. "IHI rules: shift (improvement)"); null without data */
  signals?: string | null;
}

/** What the reader made of the PDSA log. */
export interface PdsaPreview {
  found: boolean;
  cycleCount: number;
  notes: readonly string[];
}

export interface SheetsPanelProps {
  collaborative: CollaborativeDefinition;
  sheetNames: readonly string[];
  hostAvailable: boolean;
  sheetFor(measure: MeasureDefinition): SheetChoice | null;
  /** What the reader made of each measure's sheet, by measure id (after a mapping or a validation). */
  previews: Readonly<Record<string, SheetPreview>>;
  /** null: find the sheet by name again. */
  onMap(measureId: string, sheetName: string | null): Promise<void>;
  onCreate(measure: MeasureDefinition): Promise<void>;
  onRefresh(): Promise<void>;
  /** The PDSA log's sheet (chosen or found by name), what was read from it, and its actions. */
  pdsaSheet?: SheetChoice | null;
  pdsaPreview?: PdsaPreview | null;
  onMapPdsa?(sheetName: string | null): Promise<void>;
  onCreatePdsa?(): Promise<void>;
}

const TYPE_COLOUR = { outcome: "brand", process: "informative", balancing: "warning" } as const;
const TYPE_LABEL = { outcome: "Outcome", process: "Process", balancing: "Balancing" } as const;


/**
 * A card's one action at a time ("create" the sheet, or "map" an existing one): which is running, and
 * the message of the last one that failed (shown on the card, cleared when the next starts).
 */
function useCardAction() {
  const [busy, setBusy] = useState<"create" | "map" | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(kind: "create" | "map", work: (() => Promise<void>) | undefined): Promise<void> {
    if (!work) return;
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  }
  return { busy, error, run };
}

export function kindLabel(measure: MeasureDefinition): string {
  switch (measure.kind) {
    case "percent":
      return "Percentage";
    case "rate":
      return measure.unit ? `Rate ${measure.unit}` : `Rate per ${(measure.multiplier ?? 1).toLocaleString("en-US")}`;
    case "count":
      return "Count";
    case "mean":
      return measure.unit ? `Mean (${measure.unit})` : "Mean";
  }
}

export function directionLabel(measure: MeasureDefinition): string {
  if (measure.improvementDirection === "increase") return "Higher is better";
  if (measure.improvementDirection === "decrease") return "Lower is better";
  return "No better direction";
}

export function goalLabel(measure: MeasureDefinition): string | null {
  if (measure.goal === undefined) return null;
  if (measure.kind === "percent") return `Goal ${measure.goal}%`;
  return `Goal ${measure.goal}${measure.unit && measure.kind !== "rate" ? ` ${measure.unit}` : ""}`;
}

function MeasureCard(props: { measure: MeasureDefinition } & Omit<SheetsPanelProps, "collaborative" | "onRefresh">) {
  const styles = usePanelStyles();
  const { measure } = props;
  const choice = props.sheetFor(measure);
  const preview = props.previews[measure.id];
  const { busy, error, run } = useCardAction();
  const headingId = useId();
  const selectId = useId();
  const goal = goalLabel(measure);

  return (
    <li className={styles.card} aria-labelledby={headingId}>
      <Text id={headingId} weight="semibold">
        {measure.name}
      </Text>
      <div className={styles.badges}>
        <Badge appearance="tint" color={TYPE_COLOUR[measure.type]}>
          {TYPE_LABEL[measure.type]}
        </Badge>
        <Badge appearance="outline" color="informative">
          {kindLabel(measure)}
        </Badge>
        <Badge appearance="outline" color="informative">
          {directionLabel(measure)}
        </Badge>
        {goal ? (
          <Badge appearance="outline" color="success">
            {goal}
          </Badge>
        ) : null}
        {measure.required ? null : (
          <Badge appearance="outline" color="subtle">
            Optional
          </Badge>
        )}
      </div>
      <div className={styles.actions}>
        <Label size="small" htmlFor={selectId}>
          Sheet
        </Label>
        <Select
          id={selectId}
          size="small"
          className={styles.grow}
          aria-label={`Sheet for ${measure.name}`}
          disabled={!props.hostAvailable || busy !== null || props.sheetNames.length === 0}
          value={choice?.sheetName ?? ""}
          onChange={(_, data) => void run("map", () => props.onMap(measure.id, data.value === "" ? null : data.value))}
        >
          <option value="">{choice ? "Find by name" : "No sheet yet"}</option>
          {props.sheetNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
        {busy === "map" ? <Spinner size="tiny" aria-label="Reading the sheet" /> : null}
      </div>
      {choice || preview ? (
        <Text size={200} className={styles.muted}>
          {[
            choice ? (choice.chosen ? "Chosen by you" : "Found by its name") : null,
            preview ? (preview.found ? `${preview.rowCount} months read` : "no data table found") : null,
            preview?.signals ?? null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      ) : null}
      {preview && preview.notes.length > 0 ? (
        <ul className={styles.notes} aria-label={`What the reader noticed on ${choice?.sheetName ?? measure.name}`}>
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {choice ? null : (
        <div className={styles.actions}>
          <Button size="small" appearance="primary" disabled={!props.hostAvailable || busy !== null} onClick={() => void run("create", () => props.onCreate(measure))}>
            {busy === "create" ? "Creating…" : "Create sheet"}
          </Button>
          <Text size={200} className={styles.muted}>
            A table for every month, with checks and a run chart.
          </Text>
        </div>
      )}
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </li>
  );
}

/** The PDSA log's card: which sheet holds it, what was read, and "Create PDSA log" when there is none. */
function PdsaCard(props: SheetsPanelProps) {
  const styles = usePanelStyles();
  const choice = props.pdsaSheet ?? null;
  const preview = props.pdsaPreview ?? null;
  const { busy, error, run } = useCardAction();
  const headingId = useId();
  const selectId = useId();

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <Text id={headingId} weight="semibold">
        PDSA log
      </Text>
      <Text size={200} className={styles.muted}>
        One row per PDSA cycle: its change idea, the measures it aims to move, its dates and decision. Validate sends the cycles with the report, and they show on the run charts.
      </Text>
      <div className={styles.actions}>
        <Label size="small" htmlFor={selectId}>
          Sheet
        </Label>
        <Select
          id={selectId}
          size="small"
          className={styles.grow}
          aria-label="Sheet for the PDSA log"
          disabled={!props.hostAvailable || busy !== null || props.sheetNames.length === 0}
          value={choice?.sheetName ?? ""}
          onChange={(_, data) => void run("map", () => props.onMapPdsa?.(data.value === "" ? null : data.value) ?? Promise.resolve())}
        >
          <option value="">{choice ? "Find by name" : "No PDSA log yet"}</option>
          {props.sheetNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
        {busy === "map" ? <Spinner size="tiny" aria-label="Reading the PDSA log" /> : null}
      </div>
      {choice || preview ? (
        <Text size={200} className={styles.muted}>
          {[choice ? (choice.chosen ? "Chosen by you" : "Found by its name") : null, preview ? (preview.found ? `${preview.cycleCount} ${preview.cycleCount === 1 ? "cycle" : "cycles"} read` : "no PDSA log found on it") : null]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      ) : null}
      {preview && preview.notes.length > 0 ? (
        <ul className={styles.notes} aria-label="What the reader noticed in the PDSA log">
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {choice ? null : (
        <div className={styles.actions}>
          <Button size="small" appearance="primary" disabled={!props.hostAvailable || busy !== null || !props.onCreatePdsa} onClick={() => void run("create", props.onCreatePdsa)}>
            {busy === "create" ? "Creating…" : "Create PDSA log"}
          </Button>
          <Text size={200} className={styles.muted}>
            A table with a drop-down for each decision.
          </Text>
        </div>
      )}
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}

export function SheetsPanel(props: SheetsPanelProps) {
  const styles = usePanelStyles();
  // a retired measure gets no sheet (core's activeMeasures): it takes no new data
  const measures = activeMeasures(props.collaborative);
  const missing = measures.filter((m) => props.sheetFor(m) === null).length;
  return (
    <div className={styles.panel}>
      <Text className={styles.intro}>
        Each measure lives on its own sheet. Create the missing ones, or point a measure at a sheet you built yourself.
      </Text>
      <div className={styles.actions}>
        <Text size={200}>
          {missing === 0 ? "Every measure has a sheet." : `${missing} of ${measures.length} measures have no sheet yet.`}
        </Text>
        <Button size="small" appearance="subtle" disabled={!props.hostAvailable} onClick={() => void props.onRefresh()}>
          Refresh
        </Button>
      </div>
      <ul className={styles.cards} aria-label="Measures">
        {measures.map((measure) => (
          <MeasureCard key={measure.id} measure={measure} {...props} />
        ))}
      </ul>
      <PdsaCard {...props} />
    </div>
  );
}
