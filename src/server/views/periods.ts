// Which months are open for changes: an admin's latest lock/reopen wins; otherwise a month locks by
// itself `lockAfterDays` after its due date (on that date and after).

import { dueDateOf, lockDateOf, monthRange, type CollaborativeDefinition, type PeriodState } from "../../core/index";
import type { PeriodEvent } from "../store/store";

/** The lock state of one month on `asOf`. */
export function periodState(collaborative: CollaborativeDefinition, period: string, event: PeriodEvent | undefined, asOf: string): PeriodState {
  const dueDate = dueDateOf(period, collaborative.dueDay);
  const lockDate = lockDateOf(period, collaborative.dueDay, collaborative.lockAfterDays);
  const base = { period, dueDate, lockDate };
  if (event?.action === "lock") return { ...base, locked: true, state: "manual", reason: event.reason, changedAt: event.at };
  if (event?.action === "reopen") return { ...base, locked: false, state: "reopened", reason: event.reason, changedAt: event.at };
  if (lockDate !== null && asOf >= lockDate) return { ...base, locked: true, state: "auto", reason: null, changedAt: null };
  return { ...base, locked: false, state: "open", reason: null, changedAt: null };
}

/** Every month of the collaborative with its lock state on `asOf`. */
export function periodStates(collaborative: CollaborativeDefinition, events: ReadonlyMap<string, PeriodEvent>, asOf: string): PeriodState[] {
  return monthRange(collaborative.startMonth, collaborative.endMonth).map((p) => periodState(collaborative, p, events.get(p), asOf));
}

/** The months closed to changes on `asOf`, for checkSubmission's `lockedPeriods`. */
export function lockedPeriods(collaborative: CollaborativeDefinition, events: ReadonlyMap<string, PeriodEvent>, asOf: string): Set<string> {
  return new Set(periodStates(collaborative, events, asOf).filter((s) => s.locked).map((s) => s.period));
}
