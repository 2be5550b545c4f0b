// Which months are open for changes on a day, for every month of the collaborative. The rule itself
// (an admin's latest lock/reopen wins, else the month locks `lockAfterDays` after its due date) is
// core's `periodLockState`.

import { monthRange, periodLockState, type CollaborativeDefinition, type PeriodState } from "../../core/index";
import type { PeriodEvent } from "../store/store";

/** Every month of the collaborative with its lock state on `asOf`. */
export function periodStates(collaborative: CollaborativeDefinition, events: ReadonlyMap<string, PeriodEvent>, asOf: string): PeriodState[] {
  return monthRange(collaborative.startMonth, collaborative.endMonth).map((p) => periodLockState(collaborative, p, events.get(p), asOf));
}

/** The months closed to changes on `asOf`, for checkSubmission's `lockedPeriods`. */
export function lockedPeriods(collaborative: CollaborativeDefinition, events: ReadonlyMap<string, PeriodEvent>, asOf: string): Set<string> {
  return new Set(periodStates(collaborative, events, asOf).filter((s) => s.locked).map((s) => s.period));
}
