// Decides what one submission does against the stored state: which points are created, updated,
// unchanged or rejected, whether a new revision is stored, and the answer to send. Pure: the store
// calls it inside its transaction, after reading the state, so the decision and the writes agree.

import {
  cycleKey,
  isBlankPoint,
  resolvePoint,
  type CollaborativeDefinition,
  type Conflict,
  type Narrative,
  type PdsaCycle,
  type SubmissionInput,
  type SubmissionRejected,
} from "../../core/index";
import { pointKey, type CycleChange, type PointChange, type StoredPoint, type SubmitPlan, type SubmitState } from "../store/store";

export type PlanInput = {
  input: SubmissionInput;
  collaborative: CollaborativeDefinition;
  /** from checkSubmission */
  conflicts: readonly Conflict[];
  submissionId: string;
  receivedAt: string;
  dryRun: boolean;
};

function sameNumber(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)));
}

function sameNarrative(a: Narrative, b: Narrative | null): boolean {
  return b !== null && a.changesTested === b.changesTested && a.lessons === b.lessons && a.barriers === b.barriers && a.helpWanted === b.helpWanted;
}

/**
 * Plan a submission. Rules:
 * - a point with an error conflict is rejected; the others still land;
 * - a locked month's point that would change nothing (equal to the stored value, or blank) is not a
 *   conflict: sending the whole sheet every month must not flood the team with PERIOD_LOCKED;
 * - likewise a locked reporting month refuses the report only when the report would change
 *   something (a point, the narrative or the self-assessment): re-sending it as it is stored is
 *   `unchanged`, with no PERIOD_LOCKED conflict;
 * - a blank point changes nothing (counted unchanged), except that its annotation, when given,
 *   updates the annotation of a stored value;
 * - a missing `annotation` keeps the stored one; `""` clears it;
 * - `retract` withdraws a stored value (updated); retracting nothing is unchanged;
 * - PDSA cycles (`cycles`) are planned like points, keyed by their label (core's `cycleKey`): a
 *   cycle equal to the stored one is unchanged, a new label is created, any changed field is
 *   updated; a cycle with an error conflict (a measure outside the set) is rejected on its own;
 *   a cycle left out of the report is kept as stored (cycles are never deleted);
 * - MISSING_REQUIRED_MEASURE warnings are dropped when a value is already stored for that month;
 * - status: `rejected` (422, a SubmissionSummary that is also an ApiError: code
 *   SUBMISSION_REJECTED and a message) when there are points and every one is refused (and no cycle
 *   lands), or only cycles and every one is refused, or the
 *   reporting month itself is refused; otherwise `accepted` (201, a new revision) when any point, cycle, the narrative or
 *   the self-assessment differs from what is stored; otherwise `unchanged` (200). A dry run
 *   computes the same counts and answers `dry_run` (200) without writing.
 */
export function planSubmission(plan: PlanInput, state: SubmitState, nextRevision: number): SubmitPlan {
  const { input, collaborative } = plan;
  const measures = new Map(collaborative.measures.map((m) => [m.id, m]));
  const byPoint = new Map<number, Conflict[]>();
  const byCycle = new Map<number, Conflict[]>();
  const reportLevel: Conflict[] = [];
  const warnings: Conflict[] = [];
  for (const conflict of plan.conflicts) {
    if (conflict.path[0] === "cycles" && typeof conflict.path[1] === "number") {
      const list = byCycle.get(conflict.path[1]) ?? [];
      list.push(conflict);
      byCycle.set(conflict.path[1], list);
    } else if (conflict.path[0] === "points" && typeof conflict.path[1] === "number") {
      const list = byPoint.get(conflict.path[1]) ?? [];
      list.push(conflict);
      byPoint.set(conflict.path[1], list);
    } else if (conflict.severity === "warning") {
      warnings.push(conflict);
    } else {
      reportLevel.push(conflict);
    }
  }

  // A locked reporting month refuses the report only if it would change something (decided below,
  // once the points are planned); any other problem with the reporting month refuses it outright.
  const onlyLocked = reportLevel.length > 0 && reportLevel.every((c) => c.code === "PERIOD_LOCKED");
  const refusedOutright = reportLevel.length > 0 && !onlyLocked;
  let counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let changes: PointChange[] = [];
  const kept: Conflict[] = [];

  input.points.forEach((point, i) => {
    const stored: StoredPoint | undefined = state.current.get(pointKey(point.measureId, point.period));
    const live = stored !== undefined && !stored.retracted ? stored : undefined;
    const measure = measures.get(point.measureId);
    let errors = (byPoint.get(i) ?? []).filter((c) => c.severity === "error");
    const pointWarnings = (byPoint.get(i) ?? []).filter((c) => c.severity !== "error");

    // A locked month, or a retired measure, only refuses points that would change it.
    if (errors.length > 0 && errors.every((c) => c.code === "PERIOD_LOCKED" || c.code === "MEASURE_RETIRED") && measure) {
      const invalid = !isBlankPoint(point) && point.retract === undefined && resolvePoint(measure, point).point === null;
      if (!invalid && describeChange(point, live, measure) === null) errors = [];
    }
    kept.push(...errors, ...pointWarnings);
    if (refusedOutright || errors.length > 0) {
      counts.rejected++;
      return;
    }
    if (!measure) {
      counts.rejected++;
      return;
    }
    const change = describeChange(point, live, measure);
    if (change === null) {
      counts.unchanged++;
      return;
    }
    changes.push({ ...change, measureId: point.measureId, period: point.period, pointIndex: i });
    if (change.change === "created") counts.created++;
    else counts.updated++;
  });

  // PDSA cycles: each is created, updated (any field differs from the current cycle of the same
  // label), unchanged, or rejected on its own (a cycle naming an unknown measure).
  const cycles = input.cycles ?? [];
  let cycleCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let cycleChanges: CycleChange[] = [];
  cycles.forEach((cycle, i) => {
    const errors = (byCycle.get(i) ?? []).filter((c) => c.severity === "error");
    kept.push(...(byCycle.get(i) ?? []));
    if (refusedOutright || errors.length > 0) {
      cycleCounts.rejected++;
      return;
    }
    const key = cycleKey(cycle.cycleId);
    const stored = state.cycles.get(key);
    if (stored !== undefined && sameCycle(cycle, stored)) {
      cycleCounts.unchanged++;
      return;
    }
    cycleChanges.push({ cycleKey: key, cycleIndex: i, change: stored === undefined ? "created" : "updated", cycle });
    if (stored === undefined) cycleCounts.created++;
    else cycleCounts.updated++;
  });

  const narrativeChanged = input.narrative !== undefined && !sameNarrative(input.narrative, state.latestNarrative);
  const selfChanged = input.selfAssessment !== undefined && input.selfAssessment !== state.latestSelfAssessment;
  const reportRefused = refusedOutright || (onlyLocked && (changes.length > 0 || cycleChanges.length > 0 || narrativeChanged || selfChanged));
  if (reportRefused) {
    // Nothing of a refused report lands: every point and cycle counts as rejected.
    kept.unshift(...reportLevel);
    counts = { created: 0, updated: 0, unchanged: 0, rejected: input.points.length };
    cycleCounts = { created: 0, updated: 0, unchanged: 0, rejected: cycles.length };
    changes = [];
    cycleChanges = [];
  }

  for (const warning of warnings) {
    if (warning.code === "MISSING_REQUIRED_MEASURE" && warning.measureId !== null && warning.period !== null) {
      const stored = state.current.get(pointKey(warning.measureId, warning.period));
      const arriving = changes.some((c) => c.measureId === warning.measureId && c.period === warning.period && c.change !== "retracted");
      if ((stored && !stored.retracted) || arriving) continue;
    }
    kept.push(warning);
  }
  kept.sort((a, b) => conflictOrder(a) - conflictOrder(b));

  // Every point refused is a refused report, as before cycles existed, unless a cycle lands; a report
  // of cycles only is refused when every cycle is.
  const pointsRefused = input.points.length > 0 && counts.rejected === input.points.length && cycleChanges.length === 0;
  const cyclesRefused = input.points.length === 0 && cycles.length > 0 && cycleCounts.rejected === cycles.length;
  const allRefused = reportRefused || pointsRefused || cyclesRefused;

  const base = { counts, ...(input.cycles !== undefined ? { cycles: cycleCounts } : {}), conflicts: kept };
  if (plan.dryRun) {
    return { httpStatus: 200, summary: { status: "dry_run", ...base, revision: null, submissionId: null, receivedAt: null }, revision: null, audit: null };
  }
  if (allRefused) {
    const summary: SubmissionRejected = {
      code: "SUBMISSION_REJECTED",
      message: rejectionMessage(input, reportLevel, reportRefused, counts.rejected + cycleCounts.rejected),
      status: "rejected",
      ...base,
      revision: null,
      submissionId: null,
      receivedAt: null,
    };
    return {
      httpStatus: 422,
      summary,
      revision: null,
      audit: { action: "submission.rejected", details: { reportingMonth: input.reportingMonth, counts, ...(input.cycles !== undefined ? { cycles: cycleCounts } : {}), codes: uniqueCodes(kept) } },
    };
  }
  if (changes.length === 0 && cycleChanges.length === 0 && !narrativeChanged && !selfChanged) {
    return { httpStatus: 200, summary: { status: "unchanged", ...base, revision: null, submissionId: null, receivedAt: null }, revision: null, audit: null };
  }
  return {
    httpStatus: 201,
    summary: { status: "accepted", ...base, revision: nextRevision, submissionId: plan.submissionId, receivedAt: plan.receivedAt },
    revision: {
      changes,
      cycleChanges,
      narrative: input.narrative ?? null,
      selfAssessment: input.selfAssessment ?? null,
      counts,
      conflicts: kept,
    },
    audit: {
      action: "submission.accepted",
      details: { submissionId: plan.submissionId, reportingMonth: input.reportingMonth, revision: nextRevision, counts, ...(input.cycles !== undefined ? { cycles: cycleCounts } : {}) },
    },
  };
}

/** Whether a cycle as sent equals the stored one, field by field (the label too: a retyped label is an update). */
function sameCycle(a: PdsaCycle, b: PdsaCycle): boolean {
  return (
    a.cycleId === b.cycleId &&
    a.changeIdea === b.changeIdea &&
    a.measureIds.length === b.measureIds.length &&
    a.measureIds.every((id, i) => id === b.measureIds[i]) &&
    a.prediction === b.prediction &&
    a.startDate === b.startDate &&
    a.endDate === b.endDate &&
    a.whatHappened === b.whatHappened &&
    a.decision === b.decision
  );
}

type Change = Omit<PointChange, "measureId" | "period" | "pointIndex">;

/** What storing `point` over `live` (the current, non-retracted value) would change; `null` for nothing. */
function describeChange(
  point: SubmissionInput["points"][number],
  live: StoredPoint | undefined,
  measure: CollaborativeDefinition["measures"][number],
): Change | null {
  if (point.retract !== undefined) {
    if (!live) return null;
    return { change: "retracted", numerator: null, denominator: null, value: null, annotation: live.annotation, retractReason: point.retract.reason };
  }
  if (isBlankPoint(point)) {
    // A blank keeps the stored numbers; only its annotation may say something new.
    if (!live || point.annotation === undefined || point.annotation === (live.annotation ?? "")) return null;
    return { change: "updated", numerator: live.numerator, denominator: live.denominator, value: live.value, annotation: point.annotation, retractReason: null };
  }
  const resolved = resolvePoint(measure, point).point;
  if (!resolved) return null;
  const annotation = point.annotation !== undefined ? point.annotation : (live?.annotation ?? null);
  if (
    live &&
    sameNumber(live.numerator, resolved.numerator) &&
    sameNumber(live.denominator, resolved.denominator) &&
    sameNumber(live.value, resolved.value) &&
    (annotation ?? "") === (live.annotation ?? "")
  ) {
    return null;
  }
  return { change: live ? "updated" : "created", ...resolved, annotation, retractReason: null };
}

/** The one sentence of a rejected report's answer (its ApiError `message`, shown by the task pane above the issues); the conflicts say the rest. */
function rejectionMessage(input: SubmissionInput, reportLevel: readonly Conflict[], reportRefused: boolean, rejected: number): string {
  if (reportRefused && reportLevel[0]) return `nothing was stored: ${reportLevel[0].message}`;
  const rows = rejected === 1 ? "the report's 1 row was" : `all ${rejected} rows of the report were`;
  return `nothing was stored for ${input.reportingMonth}: ${rows} refused; each problem is listed with where it is`;
}

function conflictOrder(c: Conflict): number {
  if (c.path[0] === "reportingMonth") return -1;
  if (c.path[0] === "points" && typeof c.path[1] === "number") return c.path[1];
  return Number.MAX_SAFE_INTEGER;
}

function uniqueCodes(conflicts: readonly Conflict[]): string[] {
  return [...new Set(conflicts.filter((c) => c.severity === "error").map((c) => c.code))];
}
