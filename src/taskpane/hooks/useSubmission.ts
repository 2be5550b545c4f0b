// Sending the report: the dry run ("if you submit now"), the submission through the outbox (sent,
// queued for later, or refused), and the receipt of a queued report once a retry sends it. The three
// pieces of state move together, so they are one reducer: each outcome is one action.
import { useEffect, useReducer, useState } from "react";
import type { CollaborativeDefinition, SubmissionSummary } from "../../core/index";
import type { ApiClient } from "../api/client";
import { ApiFailure } from "../api/errors";
import type { Outbox, OutboxSnapshot, SendOutcome } from "../api/outbox";
import type { ExcelHost } from "../host";
import { marksFor, serverIssues, type PaneIssue, type WorkbookCheck } from "../workbook/checkWorkbook";
import { IDLE_STEP, type StepState } from "../components/SubmitPanel";
import type { Connection } from "../components/ConnectPanel";
import { messageOf } from "./errorMessage";

export type SubmitStep = StepState & { queued: boolean; key: string | null };

export type SubmissionState = {
  dryRun: StepState;
  submit: SubmitStep;
  /** The report the last dry run checked: what Submit sends. */
  prepared: WorkbookCheck | null;
};

export type SubmissionAction =
  | { type: "dryRunStarted" }
  | { type: "dryRunUnread" }
  | { type: "dryRunAnswered"; summary: SubmissionSummary; issues: PaneIssue[]; prepared: WorkbookCheck }
  | { type: "dryRunFailed"; issues: PaneIssue[]; error: string; prepared: WorkbookCheck | null }
  | { type: "submitStarted" }
  | { type: "sent"; summary: SubmissionSummary; issues: PaneIssue[]; key: string }
  | { type: "queued"; error: string; key: string }
  | { type: "refused"; issues: PaneIssue[]; error: string; key: string }
  | { type: "notSaved"; error: string }
  | { type: "queuedSent"; summary: SubmissionSummary }
  | { type: "queuedFailed"; error: string }
  | { type: "reset" };

const IDLE_SUBMIT: SubmitStep = { ...IDLE_STEP, queued: false, key: null };
export const INITIAL_SUBMISSION: SubmissionState = { dryRun: IDLE_STEP, submit: IDLE_SUBMIT, prepared: null };

/** Once a report is sent, "If you submit now" no longer applies. */
const dryRunSpent = (dryRun: StepState): StepState => ({ ...dryRun, summary: null, issues: [] });

export function submissionReducer(state: SubmissionState, action: SubmissionAction): SubmissionState {
  switch (action.type) {
    case "dryRunStarted":
      return { ...state, dryRun: { ...IDLE_STEP, running: true }, prepared: null };
    case "dryRunUnread":
      return { ...state, dryRun: { ...IDLE_STEP, error: "Validate could not read the sheets: see the Validate tab." } };
    case "dryRunAnswered":
      return { ...state, dryRun: { running: false, summary: action.summary, issues: action.issues, error: null }, prepared: action.prepared };
    case "dryRunFailed":
      return { ...state, dryRun: { running: false, summary: null, issues: action.issues, error: action.error }, prepared: action.prepared };
    case "submitStarted":
      return { ...state, submit: { ...IDLE_SUBMIT, running: true } };
    case "sent":
      return { ...state, submit: { running: false, summary: action.summary, issues: action.issues, error: null, queued: false, key: action.key }, dryRun: dryRunSpent(state.dryRun) };
    case "queued":
      return { ...state, submit: { running: false, summary: null, issues: [], error: action.error, queued: true, key: action.key } };
    case "refused":
      return { ...state, submit: { running: false, summary: null, issues: action.issues, error: action.error, queued: false, key: action.key } };
    case "notSaved":
      return { ...state, submit: { running: false, summary: null, issues: [], error: action.error, queued: false, key: null } };
    case "queuedSent":
      return { ...state, submit: { ...state.submit, queued: false, error: null, summary: action.summary }, dryRun: dryRunSpent(state.dryRun) };
    case "queuedFailed":
      return { ...state, submit: { ...state.submit, queued: false, error: action.error } };
    case "reset":
      return INITIAL_SUBMISSION;
  }
}

export type SubmissionOptions = {
  host: ExcelHost | null;
  outbox: Outbox;
  client: ApiClient | null;
  connection: Connection | null;
  collaborative: CollaborativeDefinition | null;
  team: { id: string } | null;
  /** The workbook check the dry run starts with (useCheck). */
  runCheck(): Promise<WorkbookCheck | null>;
  /** Stable: called when a report reached the data store (the status is asked again). */
  onSent(): void;
};

export type SubmissionHook = SubmissionState & {
  outboxState: OutboxSnapshot;
  runDryRun(): Promise<void>;
  runSubmit(): Promise<void>;
  reset(): void;
};

export function useSubmission(options: SubmissionOptions): SubmissionHook {
  const { host, outbox, client, connection, collaborative, team, runCheck, onSent } = options;
  const [state, dispatch] = useReducer(submissionReducer, INITIAL_SUBMISSION);
  const [outboxState, setOutboxState] = useState<OutboxSnapshot>(() => outbox.snapshot());

  // Outbox: follow its queue, and show the receipt of a queued report once the timer or a retry sends it.
  useEffect(() => {
    setOutboxState(outbox.snapshot());
    return outbox.subscribe(setOutboxState);
  }, [outbox]);
  const finishedForQueued: SendOutcome | undefined = state.submit.queued
    ? outboxState.finished.find((o) => o.entry.idempotencyKey === state.submit.key)
    : undefined;
  useEffect(() => {
    if (!finishedForQueued) return;
    if (finishedForQueued.kind === "sent") {
      dispatch({ type: "queuedSent", summary: finishedForQueued.summary });
      onSent();
    } else if (finishedForQueued.kind === "failed") {
      dispatch({ type: "queuedFailed", error: finishedForQueued.error.message });
    }
  }, [finishedForQueued, onSent]);

  async function runDryRun(): Promise<void> {
    if (!client || !collaborative) return;
    dispatch({ type: "dryRunStarted" });
    const result = await runCheck();
    if (!result) {
      dispatch({ type: "dryRunUnread" });
      return;
    }
    try {
      const summary = await client.dryRun(collaborative.id, result.submission);
      const conflicts = serverIssues(result, summary.conflicts);
      dispatch({ type: "dryRunAnswered", summary, issues: conflicts, prepared: result });
      if (host) await host.markCells(marksFor([...result.issues, ...conflicts]));
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      const issues = failure ? serverIssues(result, failure.conflicts) : [];
      // Offline: the report can still be queued and sent when the store is back.
      dispatch({ type: "dryRunFailed", issues, error: messageOf(error), prepared: failure?.retryable ? result : null });
      if (host && issues.length > 0) await host.markCells(marksFor([...result.issues, ...issues]));
    }
  }

  async function runSubmit(): Promise<void> {
    const { prepared } = state;
    if (!prepared || !connection || !collaborative || !team) return;
    dispatch({ type: "submitStarted" });
    try {
      const outcome = await outbox.submit({
        storeUrl: connection.storeUrl,
        collaborativeId: collaborative.id,
        teamId: team.id,
        reportingMonth: prepared.reportingMonth,
        body: prepared.submission,
      });
      const key = outcome.entry.idempotencyKey;
      if (outcome.kind === "sent") {
        dispatch({ type: "sent", summary: outcome.summary, issues: serverIssues(prepared, outcome.summary.conflicts), key });
        onSent();
      } else if (outcome.kind === "queued") {
        dispatch({ type: "queued", error: outcome.error.message, key });
      } else {
        dispatch({ type: "refused", issues: serverIssues(prepared, outcome.error.conflicts), error: outcome.error.message, key });
      }
    } catch (error) {
      // Only storage can throw here (the outbox turns every network outcome into a result).
      dispatch({ type: "notSaved", error: `The report could not be saved for sending: ${messageOf(error)}` });
    }
  }

  return { ...state, outboxState, runDryRun, runSubmit, reset: () => dispatch({ type: "reset" }) };
}
