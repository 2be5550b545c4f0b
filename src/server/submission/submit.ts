// One report through core's checks and the planner into the store: what the submissions route, the
// demo seed and the tests all do, so they cannot drift apart.

import { checkSubmission, type CollaborativeDefinition } from "../../core/index";
import type { Store, SubmitOutcome, SubmitRequest } from "../store/store";
import { planSubmission } from "./plan";

export type ReportToSubmit = Pick<SubmitRequest, "teamId" | "input" | "rawBody" | "submissionId" | "receivedAt" | "actor" | "dryRun" | "idempotency"> & {
  collaborative: CollaborativeDefinition;
  /** months closed to changes on the day it is received (default: none) */
  lockedPeriods?: ReadonlySet<string> | undefined;
};

/** Check the report with core's rules as of the day it is received (`receivedAt`), then plan and store it in one transaction. */
export function submitReport(store: Store, r: ReportToSubmit): Promise<SubmitOutcome> {
  const { collaborative, input, submissionId, receivedAt, dryRun } = r;
  const conflicts = checkSubmission(input, collaborative, { asOf: receivedAt.slice(0, 10), lockedPeriods: r.lockedPeriods });
  return store.submit({
    collaborativeId: collaborative.id,
    teamId: r.teamId,
    reportingMonth: input.reportingMonth,
    input,
    rawBody: r.rawBody,
    submissionId,
    receivedAt,
    actor: r.actor,
    dryRun,
    idempotency: r.idempotency,
    plan: (state, nextRevision) => planSubmission({ input, collaborative, conflicts, submissionId, receivedAt, dryRun }, state, nextRevision),
  });
}
