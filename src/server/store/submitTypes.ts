// What one submission and the store exchange: the stored state a report is planned against, the
// plan the request's planner returns (the answer and the revision to write), the request itself and
// its outcome. The Store interface (store.ts) re-exports these types.

import type { Conflict, Narrative, PdsaCycle, SubmissionInput, SubmissionRejected, SubmissionSummary } from "../../core/index";
import type { Actor } from "./store";

/** The stored state a submission is planned against (read inside the submission's transaction). */
export type SubmitState = {
  /** current point per `measureId|period` of this team (retracted ones included, flagged) */
  current: ReadonlyMap<string, StoredPoint>;
  /** latest revision of this team's report for the reporting month; 0 when none */
  latestRevision: number;
  /** latest narrative / self-assessment sent for the reporting month; `null` when none */
  latestNarrative: Narrative | null;
  latestSelfAssessment: number | null;
  /** current PDSA cycle of this team per cycle key (core's `cycleKey` of its label) */
  cycles: ReadonlyMap<string, PdsaCycle>;
};

export type StoredPoint = {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  retracted: boolean;
};

/** One change to a point, written as an immutable revision row. */
export type PointChange = {
  measureId: string;
  period: string;
  /** index of the point in the submitted `points` array */
  pointIndex: number;
  change: "created" | "updated" | "retracted";
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
  retractReason: string | null;
};

/** One change to a PDSA cycle, written as an immutable revision row (a cycle is never deleted). */
export type CycleChange = {
  /** core's `cycleKey` of the label: the cycle's stable id */
  cycleKey: string;
  /** index of the cycle in the submitted `cycles` array */
  cycleIndex: number;
  change: "created" | "updated";
  cycle: PdsaCycle;
};

/** What a planner decides: the answer to send, and what (if anything) to write. */
export type SubmitPlan = {
  httpStatus: number;
  /** the body: a SubmissionSummary; for a rejected report (422) also an ApiError (SubmissionRejected) */
  summary: SubmissionSummary | SubmissionRejected;
  /** `null`: store no revision (unchanged, rejected, dry run) */
  revision: null | {
    changes: PointChange[];
    cycleChanges: CycleChange[];
    narrative: Narrative | null;
    selfAssessment: number | null;
    counts: SubmissionSummary["counts"];
    conflicts: Conflict[];
  };
  /** audit action to record; `null` records nothing */
  audit: null | { action: string; details: Record<string, unknown> };
};

export type SubmitRequest = {
  collaborativeId: string;
  teamId: string;
  reportingMonth: string;
  input: SubmissionInput;
  /** the request body exactly as received, kept with the revision */
  rawBody: string;
  submissionId: string;
  receivedAt: string;
  actor: Actor;
  dryRun: boolean;
  idempotency: null | { scope: string; key: string; requestHash: string };
  /** pure: decides from the stored state; called inside the transaction, exactly once */
  plan: (state: SubmitState, nextRevision: number) => SubmitPlan;
};

export type StoredResponse = { requestHash: string; httpStatus: number; body: string };

export type SubmitOutcome =
  | { kind: "done"; httpStatus: number; body: string }
  | { kind: "replay"; stored: StoredResponse };
