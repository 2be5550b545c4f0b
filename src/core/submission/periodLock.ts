/**
 * Locking a reporting month: which months an admin may lock or reopen, what a reopen must say, and
 * whether a month is locked on a given day. The data store's route
 * (`POST …/periods/{period}/lock|reopen`) and the admin command line (`lock`, `reopen`) both ask
 * {@link checkPeriodChange}; the store only writes the event it returns. The server answers a
 * refusal with 422 `VALIDATION` (the conflicts below, one per field), the command line with the
 * same messages and exit code 1.
 */

import type { CollaborativeDefinition } from "../schema/collaborative";
import type { ConflictCode } from "../schema/summary";
import { isPeriod, PERIOD_HINT } from "../period";
import { dueDateOf, lockDateOf } from "./calendar";

/** An admin's change to a month: close it to changes, or open it again. */
export type PeriodAction = "lock" | "reopen";

/**
 * Fewest characters (after trimming) of the reason a reopen must give. Reopening lets a team change
 * figures faculty may already have read, so the audit log must say why; 3 characters refuses an
 * empty, "x" or "." reason without judging the wording.
 */
export const REOPEN_REASON_MIN_LENGTH = 3;

/** Most characters of a lock or reopen reason (a sentence for the audit log, not a document). */
export const PERIOD_REASON_MAX_LENGTH = 500;

/** A change that may be written: the month, the action and its trimmed reason (`""` for a lock without one). */
export type PeriodChange = { period: string; action: PeriodAction; reason: string };

/** Why a change is refused, naming the field to fix (the URL's `period`, or the body's `reason`). */
export type PeriodChangeProblem = { code: Extract<ConflictCode, "PERIOD_OUTSIDE_COLLABORATIVE" | "SCHEMA">; field: "period" | "reason"; message: string };

/**
 * Whether `period` lies within the collaborative's months (`startMonth` to `endMonth`, both
 * included), or the sentence that says it does not. Scoring, locking and submitting use it.
 *
 * Runs in O(1).
 *
 * @returns `null` inside; else "month … is outside the collaborative (start to end)"
 * @example
 * outsideCollaborative({ startMonth: "2026-01", endMonth: "2026-12" }, "2026-03"); // => null
 * outsideCollaborative({ startMonth: "2026-01", endMonth: "2026-12" }, "2027-01"); // => "month 2027-01 is outside the collaborative (2026-01 to 2026-12)"
 */
export function outsideCollaborative(collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth">, period: string): string | null {
  if (period >= collaborative.startMonth && period <= collaborative.endMonth) return null;
  return `month ${period} is outside the collaborative (${collaborative.startMonth} to ${collaborative.endMonth})`;
}

/**
 * Whether an admin may lock or reopen `period`, and the change to write. The rules:
 * - the month must be written `YYYY-MM` and lie within the collaborative (`PERIOD_OUTSIDE_COLLABORATIVE`
 *   otherwise: there is nothing to lock outside it). Months not reached yet may be locked in advance.
 * - a reopen needs a reason of at least {@link REOPEN_REASON_MIN_LENGTH} characters once trimmed;
 *   a lock's reason is optional. Either is at most {@link PERIOD_REASON_MAX_LENGTH} characters.
 *
 * Locking a locked month or reopening an open one is allowed: the event is recorded again (the
 * latest event wins, see {@link periodLockState}), which keeps both doors idempotent.
 *
 * Runs in O(1).
 *
 * @param collaborative its `startMonth` and `endMonth`
 * @param action `lock` or `reopen`
 * @param period the month, `YYYY-MM`
 * @param reason why (required to reopen)
 * @returns `change` to write, or `null` with every problem found
 * @example
 * checkPeriodChange({ startMonth: "2026-01", endMonth: "2026-12" }, "reopen", "2026-03", " late data from ward 4 ").change; // => { period: "2026-03", action: "reopen", reason: "late data from ward 4" }
 * checkPeriodChange({ startMonth: "2026-01", endMonth: "2026-12" }, "reopen", "2026-03").problems[0].field; // => "reason"
 * checkPeriodChange({ startMonth: "2026-01", endMonth: "2026-12" }, "lock", "2025-12").problems[0].code; // => "PERIOD_OUTSIDE_COLLABORATIVE"
 */
export function checkPeriodChange(
  collaborative: Pick<CollaborativeDefinition, "startMonth" | "endMonth">,
  action: PeriodAction,
  period: string,
  reason?: string | undefined,
): { change: PeriodChange | null; problems: PeriodChangeProblem[] } {
  const problems: PeriodChangeProblem[] = [];
  if (!isPeriod(period)) {
    problems.push({ code: "SCHEMA", field: "period", message: `${JSON.stringify(period)} is not ${PERIOD_HINT}` });
  } else {
    const outside = outsideCollaborative(collaborative, period);
    if (outside !== null) problems.push({ code: "PERIOD_OUTSIDE_COLLABORATIVE", field: "period", message: `${outside}: there is nothing to ${action} there` });
  }
  const why = (reason ?? "").trim();
  if (action === "reopen" && why.length < REOPEN_REASON_MIN_LENGTH) {
    problems.push({ code: "SCHEMA", field: "reason", message: `say why the month is reopened (at least ${REOPEN_REASON_MIN_LENGTH} characters): the audit log keeps it` });
  } else if (why.length > PERIOD_REASON_MAX_LENGTH) {
    problems.push({ code: "SCHEMA", field: "reason", message: `use at most ${PERIOD_REASON_MAX_LENGTH} characters for the reason` });
  }
  return problems.length > 0 ? { change: null, problems } : { change: { period, action, reason: why }, problems };
}

/** The latest lock or reopen an admin recorded for a month. */
export type PeriodEventInput = { action: PeriodAction; reason: string; at: string };

/** A month's lock state on a day (the contract's `PeriodState`). */
export type PeriodLockState = {
  period: string;
  dueDate: string;
  lockDate: string | null;
  locked: boolean;
  state: "open" | "auto" | "manual" | "reopened";
  reason: string | null;
  changedAt: string | null;
};

/**
 * Whether `period` is closed to changes on `asOf`: an admin's latest lock or reopen wins; without
 * one the month locks by itself on its lock date ({@link lockDateOf}: `lockAfterDays` after its due
 * date) and stays open when `lockAfterDays` is 0.
 *
 * Runs in O(1).
 *
 * @param collaborative its `dueDay` and `lockAfterDays`
 * @param period the month
 * @param event the admin's latest lock/reopen of that month, if any
 * @param asOf the day to judge by, `YYYY-MM-DD`
 * @example
 * periodLockState({ dueDay: 15, lockAfterDays: 60 }, "2026-01", undefined, "2026-04-16").state; // => "auto"
 * periodLockState({ dueDay: 15, lockAfterDays: 60 }, "2026-01", { action: "reopen", reason: "late data", at: "2026-05-01T09:00:00.000Z" }, "2026-05-02").locked; // => false
 */
export function periodLockState(
  collaborative: Pick<CollaborativeDefinition, "dueDay" | "lockAfterDays">,
  period: string,
  event: PeriodEventInput | undefined,
  asOf: string,
): PeriodLockState {
  const dueDate = dueDateOf(period, collaborative.dueDay);
  const lockDate = lockDateOf(period, collaborative.dueDay, collaborative.lockAfterDays);
  const base = { period, dueDate, lockDate };
  if (event?.action === "lock") return { ...base, locked: true, state: "manual", reason: event.reason, changedAt: event.at };
  if (event?.action === "reopen") return { ...base, locked: false, state: "reopened", reason: event.reason, changedAt: event.at };
  if (lockDate !== null && asOf >= lockDate) return { ...base, locked: true, state: "auto", reason: null, changedAt: null };
  return { ...base, locked: false, state: "open", reason: null, changedAt: null };
}
