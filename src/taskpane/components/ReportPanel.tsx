// Report: the reporting month, the month's narrative and the team's self-assessment on the IHI scale,
// beside the score the data suggest. Everything typed is saved as it is typed (storage/drafts.ts).
import { useId } from "react";
import { Button, Field, Radio, RadioGroup, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Narrative } from "../../core/index";
import type { AssessmentLevel, AssessmentSuggestion } from "../qiCore";
import type { ReportDraft } from "../storage/drafts";
import { monthLabel } from "../format";
import { usePanelStyles } from "./styles";

type NarrativeField = "changesTested" | "lessons" | "barriers" | "helpWanted";

/** The narrative's limits, read from the shared schema so the pane and the server never disagree. */
export function narrativeLimit(field: NarrativeField): number {
  return Narrative.shape[field].unwrap().maxLength ?? 4000;
}

const FIELDS: readonly { field: NarrativeField; label: string; hint: string }[] = [
  { field: "changesTested", label: "Changes tested", hint: "The PDSA cycles you ran this month and what you changed." },
  { field: "lessons", label: "Lessons learned", hint: "What the tests and the data taught you." },
  { field: "barriers", label: "Barriers", hint: "What got in the way." },
  { field: "helpWanted", label: "Help wanted", hint: "What you would like from faculty or other teams." },
];

const useStyles = makeStyles({
  level: { display: "flex", flexDirection: "column" },
  levelDescription: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  suggestion: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface ReportPanelProps {
  months: readonly string[];
  reportingMonth: string;
  /** The month the data store says is due, when known. */
  dueMonth: string | null;
  onMonthChange(month: string): void;
  draft: ReportDraft;
  onDraftChange(draft: ReportDraft): void;
  scale: readonly AssessmentLevel[];
  /** null until the sheets have been validated. */
  suggestion: AssessmentSuggestion | null;
}

function formatScore(score: number): string {
  return score.toFixed(1);
}

export function ReportPanel(props: ReportPanelProps) {
  const styles = usePanelStyles();
  const own = useStyles();
  const scaleLabelId = useId();
  const { draft } = props;
  const months = props.months.includes(props.reportingMonth) ? props.months : [...props.months, props.reportingMonth].sort();

  return (
    <div className={styles.panel}>
      <Field
        label="Reporting month"
        hint={props.dueMonth ? `${monthLabel(props.dueMonth)} is the month due now.` : null}
      >
        <Select value={props.reportingMonth} onChange={(_, data) => props.onMonthChange(data.value)}>
          {[...months].reverse().map((month) => (
            <option key={month} value={month}>
              {monthLabel(month)}
              {month === props.dueMonth ? " (due)" : ""}
            </option>
          ))}
        </Select>
      </Field>

      <h2 className={own.heading}>This month's story</h2>
      <Text size={200} className={styles.muted}>
        Faculty read it beside your run charts. Saved on this computer as you type.
      </Text>
      {FIELDS.map(({ field, label, hint }) => {
        const limit = narrativeLimit(field);
        const length = draft[field].trim().length;
        const over = length > limit;
        return (
          <Field
            key={field}
            label={label}
            hint={over ? null : `${hint} ${length} / ${limit} characters.`}
            validationState={over ? "error" : "none"}
            validationMessage={over ? `${length} / ${limit} characters: shorten it by ${length - limit} to send it.` : null}
          >
            <Textarea resize="vertical" value={draft[field]} onChange={(_, data) => props.onDraftChange({ ...draft, [field]: data.value })} />
          </Field>
        );
      })}

      <h2 className={own.heading} id={scaleLabelId}>
        Self-assessment (IHI scale)
      </h2>
      {props.suggestion ? (
        <div className={own.suggestion} role="group" aria-label="Suggested score">
          <Text weight="semibold">
            Your data suggest {formatScore(props.suggestion.score)}: {props.suggestion.label}
          </Text>
          <ul className={own.reasons}>
            {props.suggestion.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button size="small" onClick={() => props.onDraftChange({ ...draft, selfAssessment: props.suggestion?.score ?? null })}>
              Use {formatScore(props.suggestion.score)}
            </Button>
          </div>
        </div>
      ) : (
        <Text size={200} className={styles.muted}>
          Validate your sheets to see the score your data suggest.
        </Text>
      )}
      <RadioGroup
        aria-labelledby={scaleLabelId}
        value={draft.selfAssessment === null ? "" : String(draft.selfAssessment)}
        onChange={(_, data) => props.onDraftChange({ ...draft, selfAssessment: data.value === "" ? null : Number(data.value) })}
      >
        <Radio value="" label="No self-assessment this month" />
        {props.scale.map((level) => (
          <Radio
            key={level.score}
            value={String(level.score)}
            label={
              <span className={own.level}>
                <span>
                  <strong>{formatScore(level.score)}</strong> {level.label}
                </span>
                <span className={own.levelDescription}>{level.description}</span>
              </span>
            }
          />
        ))}
      </RadioGroup>
    </div>
  );
}
