// Validate: read every measure sheet, list what to fix (cell by cell), mark the bad cells in Excel.
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text } from "@fluentui/react-components";
import type { CheckProgress, PaneIssue, WorkbookCheck } from "../workbook/checkWorkbook";
import { dateTimeLabel, monthLabel, plural } from "../format";
import { IssueList } from "./IssueList";
import { usePanelStyles } from "./styles";

export interface ValidatePanelProps {
  reportingMonth: string;
  hostAvailable: boolean;
  /** Measures with a sheet / all measures. */
  sheetCount: number;
  measureCount: number;
  running: boolean;
  progress: CheckProgress | null;
  check: WorkbookCheck | null;
  error: string | null;
  onValidate(): void;
  onSelect(issue: PaneIssue): void;
  onNext?(): void;
}

export function progressValue(progress: CheckProgress | null): number | undefined {
  if (!progress || progress.total === 0) return undefined;
  const within = progress.rowCount && progress.rowsRead !== undefined ? Math.min(1, progress.rowsRead / progress.rowCount) : 0;
  return Math.min(1, (progress.index + within) / progress.total);
}

/** No value while nothing is known yet: the bar then shows an indeterminate animation. */
function progressProps(progress: CheckProgress | null): { value?: number } {
  const value = progressValue(progress);
  return value === undefined ? {} : { value };
}

export function ValidatePanel(props: ValidatePanelProps) {
  const styles = usePanelStyles();
  const { check } = props;
  const errors = check?.issues.filter((i) => i.severity === "error").length ?? 0;
  const warnings = (check?.issues.length ?? 0) - errors;
  const sheetsWithErrors = new Set(check?.issues.filter((i) => i.severity === "error").map((i) => i.sheetName ?? "")).size;

  return (
    <div className={styles.panel}>
      <Text className={styles.intro}>
        Checks every measure sheet for the {monthLabel(props.reportingMonth)} report. Select an issue to go to its cell; marked cells clear when you validate again after fixing them.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!props.hostAvailable || props.running || props.sheetCount === 0} onClick={props.onValidate}>
          {props.running ? "Validating…" : check ? "Validate again" : "Validate sheets"}
        </Button>
        <Text size={200} className={styles.muted}>
          {props.sheetCount} of {props.measureCount} measures have a sheet
        </Text>
      </div>
      {props.running ? (
        <Field
          validationState="none"
          validationMessage={
            props.progress ? `Reading ${props.progress.sheetName} (${props.progress.index + 1} of ${props.progress.total})…` : "Reading the workbook…"
          }
        >
          <ProgressBar thickness="large" {...progressProps(props.progress)} aria-label="Reading measure sheets" />
        </Field>
      ) : null}
      {props.error ? (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Could not read the workbook</MessageBarTitle>
            {props.error}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {check && !props.running ? (
        <>
          <MessageBar intent={errors > 0 ? "error" : warnings > 0 ? "warning" : "success"}>
            <MessageBarBody>
              <MessageBarTitle>
                {errors > 0
                  ? `${plural(errors, "error")} to fix${sheetsWithErrors > 1 ? ` on ${sheetsWithErrors} sheets` : ""}`
                  : warnings > 0
                    ? `Ready to submit, with ${plural(warnings, "warning")}`
                    : "All sheets are ready to submit"}
              </MessageBarTitle>
              {errors > 0 ? `Fix them in Excel, then validate again.${warnings > 0 ? ` ${plural(warnings, "warning")} to look at too.` : ""}` : `${plural(check.submission.points.length, "month")} of data read from ${plural(check.sheets.length, "sheet")}.`}
            </MessageBarBody>
          </MessageBar>
          {check.issues.length > 0 ? <IssueList issues={check.issues} onSelect={props.hostAvailable ? props.onSelect : undefined} label="Issues found" /> : null}
          <Text size={200} className={styles.muted}>
            Checked {dateTimeLabel(check.checkedAt)}
          </Text>
          {errors === 0 && props.onNext ? (
            <div className={styles.actions}>
              <Button appearance="primary" onClick={props.onNext}>
                Next: write the report
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
