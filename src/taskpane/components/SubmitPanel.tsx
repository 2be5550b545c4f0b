// Submit: the month's status and the months still missing or sent late, a dry run that says what would change (with the server's conflicts on their
// cells), then the real submission with a receipt. Failures that may pass leave the report queued.
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from "@fluentui/react-components";
import type { SubmissionSummary, TeamStatus } from "../../core/index";
import type { PaneIssue } from "../workbook/checkWorkbook";
import { dateLabel, dateTimeLabel, monthLabel, plural } from "../format";
import { IssueList } from "./IssueList";
import { ReportBacklog } from "./ReportBacklog";
import { usePanelStyles } from "./styles";

/** "3 new points, 2 changed, 40 unchanged, 1 rejected", then the PDSA cycles' counts when the report carried cycles. */
export function countsText(counts: SubmissionSummary["counts"], cycles?: SubmissionSummary["cycles"]): string {
  const points = `${plural(counts.created, "new point")}, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.rejected} rejected`;
  if (cycles === undefined) return points;
  return `${points} · PDSA cycles: ${cycles.created} new, ${cycles.updated} changed, ${cycles.unchanged} unchanged, ${cycles.rejected} rejected`;
}

const STATUS_TEXT: Record<TeamStatus["status"], { label: string; colour: "success" | "danger" | "warning" | "informative" }> = {
  on_time: { label: "Received", colour: "success" },
  late: { label: "Late", colour: "danger" },
  missing: { label: "Not sent yet", colour: "warning" },
  not_due: { label: "Not due yet", colour: "informative" },
};

export interface StepState {
  running: boolean;
  summary: SubmissionSummary | null;
  /** Conflicts placed on cells (from the summary or a 422). */
  issues: readonly PaneIssue[];
  error: string | null;
}

export const IDLE_STEP: StepState = { running: false, summary: null, issues: [], error: null };

export interface SubmitPanelProps {
  reportingMonth: string;
  status: TeamStatus | null;
  statusError: string | null;
  /** The sheets have errors the pane found (sending still works; those points are refused). */
  localErrors: number;
  dryRun: StepState;
  submit: StepState & { queued: boolean };
  /** false until a dry run answered, or failed only because the store could not be reached. */
  canSubmit: boolean;
  hostAvailable: boolean;
  onDryRun(): void;
  onSubmit(): void;
  onSelect(issue: PaneIssue): void;
}

function StatusCard(props: { status: TeamStatus | null; error: string | null; reportingMonth: string }) {
  const styles = usePanelStyles();
  if (props.error) {
    return (
      <div className={styles.card}>
        <Text size={200} className={styles.muted}>
          Status unavailable: {props.error}
        </Text>
      </div>
    );
  }
  if (!props.status) {
    return (
      <div className={styles.card}>
        <Spinner size="tiny" label="Asking the data store for this month's status…" />
      </div>
    );
  }
  const { status } = props;
  const shown = STATUS_TEXT[status.status];
  return (
    <div className={styles.card} role="group" aria-label="This month's status">
      <div className={styles.actions}>
        <Text weight="semibold">{monthLabel(status.reportingMonth)} report</Text>
        <Badge appearance="tint" color={shown.colour}>
          {shown.label}
        </Badge>
      </div>
      <Text size={200}>
        Due {dateLabel(status.dueDate)}
        {status.locked ? " · locked: changes are no longer accepted" : ""}
      </Text>
      {status.latestRevision ? (
        <Text size={200} className={styles.muted}>
          Latest: revision {status.latestRevision}
          {status.receivedAt ? `, received ${dateTimeLabel(status.receivedAt)}` : ""}
        </Text>
      ) : null}
      {status.reportingMonth !== props.reportingMonth ? (
        <Text size={200} className={styles.muted}>
          You are preparing the {monthLabel(props.reportingMonth)} report.
        </Text>
      ) : null}
      {status.backlog ? <ReportBacklog backlog={status.backlog} /> : null}
    </div>
  );
}

export function SubmitPanel(props: SubmitPanelProps) {
  const styles = usePanelStyles();
  const { dryRun, submit } = props;
  const month = monthLabel(props.reportingMonth);
  const busy = dryRun.running || submit.running;

  return (
    <div className={styles.panel}>
      <StatusCard status={props.status} error={props.statusError} reportingMonth={props.reportingMonth} />
      <Text className={styles.intro}>First check what the data store would do with your sheets; nothing is saved until you submit.</Text>
      {props.localErrors > 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            Validation found {plural(props.localErrors, "error")}. You can still send: those months are refused and the rest of the report lands.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance={props.canSubmit ? "secondary" : "primary"} disabled={busy || !props.hostAvailable} onClick={props.onDryRun}>
          {dryRun.running ? "Checking…" : "Check with the data store"}
        </Button>
        {dryRun.running ? <Spinner size="tiny" aria-label="Dry run in progress" /> : null}
      </div>

      {dryRun.error ? (
        <MessageBar intent="error">
          <MessageBarBody>{dryRun.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {dryRun.summary && !dryRun.running ? (
        <MessageBar intent={dryRun.summary.counts.rejected > 0 ? "warning" : "info"}>
          <MessageBarBody>
            <MessageBarTitle>If you submit now</MessageBarTitle>
            {countsText(dryRun.summary.counts, dryRun.summary.cycles)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {dryRun.issues.length > 0 ? <IssueList issues={dryRun.issues} onSelect={props.hostAvailable ? props.onSelect : undefined} label="Conflicts from the data store" /> : null}

      <div className={styles.actions}>
        <Button appearance="primary" disabled={!props.canSubmit || busy} onClick={props.onSubmit}>
          {submit.running ? "Sending…" : `Submit ${month} report`}
        </Button>
        {submit.running ? <Spinner size="tiny" aria-label="Sending the report" /> : null}
      </div>

      {submit.summary && !submit.running ? (
        <MessageBar intent={submit.summary.status === "rejected" ? "error" : "success"}>
          <MessageBarBody>
            <MessageBarTitle>
              {submit.summary.status === "accepted"
                ? `Received: revision ${submit.summary.revision ?? "?"}`
                : submit.summary.status === "unchanged"
                  ? "Unchanged"
                  : submit.summary.status === "rejected"
                    ? "Refused"
                    : "Checked"}
            </MessageBarTitle>
            {submit.summary.status === "unchanged"
              ? "The data store already had all of this data: no new revision was needed."
              : `${countsText(submit.summary.counts, submit.summary.cycles)}${submit.summary.receivedAt ? ` · ${dateTimeLabel(submit.summary.receivedAt)}` : ""}`}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {submit.queued && !submit.running ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Saved, waiting to send</MessageBarTitle>
            The report is kept on this computer and goes out by itself as soon as the data store answers.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {submit.error && !submit.queued && !submit.running ? (
        <MessageBar intent="error">
          <MessageBarBody>{submit.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {submit.issues.length > 0 ? <IssueList issues={submit.issues} onSelect={props.hostAvailable ? props.onSelect : undefined} label="Refused by the data store" /> : null}
    </div>
  );
}
