/**
 * The rules a monthly report must meet, shared by the add-in (before sending) and the data store
 * (on receipt), so a team sees in Excel exactly what the server will refuse.
 */

import type { CollaborativeDefinition, MeasureDefinition } from "../schema/collaborative";
import type { PointInput, SubmissionInput } from "../schema/submission";
import type { Conflict, ConflictCode } from "../schema/summary";
import { monthOf } from "../period";
import { isRetired } from "../activeMeasures";

/**
 * Relative tolerance between a value a team sends and the value computed from its numerator and
 * denominator: `|sent - computed| <= 1e-6 · max(|sent|, |computed|)`. Loose enough for Excel's
 * 15 significant digits and any order of operations, tight enough to catch a value typed by hand
 * or rounded for display (87.5 for 87.4567 is a mismatch: send the unrounded value or none).
 */
export const VALUE_TOLERANCE = 1e-6;

/** Options of {@link checkSubmission}. */
export type CheckSubmissionOptions = {
  /** Today, `YYYY-MM-DD` (UTC). Months after this date's month are in the future. Required: core never reads the clock. */
  asOf: string;
  /** Months (`YYYY-MM`) that are closed to changes (locked by an admin or by `lockAfterDays`). Default: none. */
  lockedPeriods?: ReadonlySet<string> | undefined;
};

/** The numbers the data store keeps for a point, once checked. */
export type ResolvedPoint = { numerator: number | null; denominator: number | null; value: number | null };

/**
 * The value of a point from its numerator and denominator, by the measure's kind:
 * - `percent`: 100 · numerator / denominator
 * - `rate`: multiplier · numerator / denominator (multiplier default 1)
 * - `count`: the numerator
 * - `mean`: never computed: a mean is the value the team types (see {@link resolvePoint})
 *
 * `null` when the kind needs a number that is missing, or a denominator that is 0, and for a mean.
 *
 * Runs in O(1).
 *
 * @param measure the measure's `kind` and `multiplier`
 * @param numerator the numerator (or the count); `null`/`undefined` when missing
 * @param denominator the denominator; `null`/`undefined` when missing
 * @returns the value, or `null`
 * @example
 * pointValue({ kind: "percent" }, 45, 50); // => 90
 * pointValue({ kind: "rate", multiplier: 1000 }, 2, 1600); // => 1.25
 * pointValue({ kind: "count" }, 7, null); // => 7
 * pointValue({ kind: "mean" }, 52.5, 7); // => null
 * pointValue({ kind: "percent" }, 3, 0); // => null
 */
export function pointValue(
  measure: Pick<MeasureDefinition, "kind"> & { multiplier?: number | undefined },
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): number | null {
  const n = numerator ?? null;
  const d = denominator ?? null;
  switch (measure.kind) {
    case "count":
      return n;
    case "percent":
      return n === null || d === null || d === 0 ? null : (100 * n) / d;
    case "rate":
      return n === null || d === null || d === 0 ? null : ((measure.multiplier ?? 1) * n) / d;
    case "mean":
      return null;
  }
}

/**
 * Whether a point carries no numbers (numerator, denominator and value all missing). A blank never
 * erases a stored value; only `retract` withdraws one.
 *
 * @example
 * isBlankPoint({ measureId: "m", period: "2026-01", numerator: null }); // => true
 * isBlankPoint({ measureId: "m", period: "2026-01", value: 0 }); // => false
 */
export function isBlankPoint(point: PointInput): boolean {
  return (point.numerator ?? null) === null && (point.denominator ?? null) === null && (point.value ?? null) === null;
}

/** A point that asks for something: numbers, a non-empty annotation or a retraction. */
function carriesContent(point: PointInput): boolean {
  return !isBlankPoint(point) || (point.annotation ?? "") !== "" || point.retract !== undefined;
}

function near(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= VALUE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(10)));
}

type Found = { code: ConflictCode; field: string | null; message: string };

/**
 * The numbers to store for a non-blank point of `measure`, or the problems that stop it.
 *
 * - `percent`, `rate`: numerator and denominator are required; the denominator cannot be 0; for a
 *   percent the numerator cannot exceed the denominator; the computed value must be a finite number
 *   (`VALUE_NOT_FINITE`: a denominator such as 5e-324 makes numerator ÷ denominator overflow to
 *   Infinity, which JSON cannot carry and no run chart can place); a value, when sent, must match.
 * - `count`: the numerator is the count; a value alone is taken as the count.
 * - `mean`: the value the team typed is required; the denominator, when sent, is n (the number of
 *   cases, not 0); a numerator is refused (`NUMERATOR_NOT_USED`). One definition of a mean point for
 *   the sheet reader, this check and the store, decided for what teams have: their source systems
 *   (length-of-stay or waiting-time reports) give a month's mean and its n, rarely the sum of days,
 *   and the measure sheet has a Value and a Denominator column for a mean. A sum sent as numerator
 *   could only be checked against value × n, a second way to say the same thing.
 *
 * @example
 * resolvePoint({ kind: "percent" }, { measureId: "m", period: "2026-01", numerator: 9, denominator: 10 }).point; // => { numerator: 9, denominator: 10, value: 90 }
 * resolvePoint({ kind: "percent" }, { measureId: "m", period: "2026-01", numerator: 11, denominator: 10 }).problems[0].code; // => "NUMERATOR_GT_DENOMINATOR"
 * resolvePoint({ kind: "rate" }, { measureId: "m", period: "2026-01", numerator: 1, denominator: 5e-324 }).problems[0].code; // => "VALUE_NOT_FINITE"
 */
export function resolvePoint(
  measure: Pick<MeasureDefinition, "kind"> & { multiplier?: number | undefined },
  point: PointInput,
): { point: ResolvedPoint | null; problems: Found[] } {
  const numerator = point.numerator ?? null;
  const denominator = point.denominator ?? null;
  const sent = point.value ?? null;
  const problems: Found[] = [];
  const mismatch = (computed: number): Found => ({
    code: "VALUE_MISMATCH",
    field: "value",
    message: `value ${format(sent ?? Number.NaN)} does not match ${format(computed)} computed from numerator and denominator: send the unrounded value or leave it empty`,
  });

  switch (measure.kind) {
    case "percent":
    case "rate": {
      if (numerator === null) problems.push({ code: "MISSING_NUMERATOR", field: "numerator", message: `a ${measure.kind} needs a numerator` });
      if (denominator === null) problems.push({ code: "MISSING_DENOMINATOR", field: "denominator", message: `a ${measure.kind} needs a denominator` });
      if (numerator === null || denominator === null) break;
      if (denominator === 0) {
        problems.push({ code: "DENOMINATOR_ZERO", field: "denominator", message: "the denominator is 0: leave the month empty when there was nothing to measure" });
        break;
      }
      if (measure.kind === "percent" && numerator > denominator) {
        problems.push({
          code: "NUMERATOR_GT_DENOMINATOR",
          field: "numerator",
          message: `numerator ${format(numerator)} is greater than denominator ${format(denominator)}: a percentage cannot exceed 100%`,
        });
        break;
      }
      const value = pointValue(measure, numerator, denominator) as number;
      if (!Number.isFinite(value)) {
        problems.push({
          code: "VALUE_NOT_FINITE",
          field: "denominator",
          message: `${format(numerator)} / ${format(denominator)} is too large to store (the denominator is too close to 0): check the denominator`,
        });
        break;
      }
      if (sent !== null && !near(sent, value)) {
        problems.push(mismatch(value));
        break;
      }
      return { point: { numerator, denominator, value }, problems };
    }
    case "count": {
      const count = numerator ?? sent;
      if (count === null) {
        problems.push({ code: "MISSING_NUMERATOR", field: "numerator", message: "a count needs its number in numerator" });
        break;
      }
      if (count < 0) {
        problems.push({ code: "NOT_A_NUMBER", field: "value", message: `a count cannot be negative (got ${format(count)})` });
        break;
      }
      if (numerator !== null && sent !== null && !near(sent, numerator)) {
        problems.push(mismatch(numerator));
        break;
      }
      return { point: { numerator: count, denominator, value: count }, problems };
    }
    case "mean": {
      if (numerator !== null) {
        problems.push({ code: "NUMERATOR_NOT_USED", field: "numerator", message: "a mean has no numerator: send the month's mean as value and, if known, the number of cases as denominator" });
      }
      if (sent === null) problems.push({ code: "MISSING_VALUE", field: "value", message: "a mean needs its value: the month's mean as the team typed it" });
      if (denominator === 0) problems.push({ code: "DENOMINATOR_ZERO", field: "denominator", message: "the denominator (n) is 0: leave the month empty when there was nothing to measure" });
      if (problems.length > 0) break;
      return { point: { numerator: null, denominator, value: sent }, problems };
    }
  }
  return { point: null, problems };
}

/**
 * Check a monthly report against its collaborative and return every problem found, in the order of
 * the report (report-level problems first, then point by point, then warnings). An empty list means
 * the report will be accepted as it is.
 *
 * Errors (the point is refused; the rest of the report still lands):
 * - `UNKNOWN_MEASURE`: the measure is not in the collaborative's measure set
 * - `MEASURE_RETIRED`: numbers for a retired measure (it is no longer reported); retracting one of
 *   its stored values is still allowed, and the data store lets through a point that equals the
 *   stored value (nothing would change), as for a locked month
 * - `DUPLICATE_POINT`: the same measure and month twice in one report (every copy is refused: the
 *   server cannot know which one is right); a copy is any point that asks for something (figures, a
 *   non-empty annotation or a retraction), so an annotation-only row beside a row of figures is one
 * - `PERIOD_OUTSIDE_COLLABORATIVE`: the month is before `startMonth` or after `endMonth`
 * - `PERIOD_IN_FUTURE`: the month is after the reporting month, or after `asOf`'s month
 * - `PERIOD_LOCKED`: the month is in `lockedPeriods`
 * - `MISSING_NUMERATOR`, `MISSING_DENOMINATOR`, `MISSING_VALUE`, `DENOMINATOR_ZERO`,
 *   `NUMERATOR_GT_DENOMINATOR`, `VALUE_NOT_FINITE`, `VALUE_MISMATCH`, `NOT_A_NUMBER`: see {@link resolvePoint}
 *   ({@link VALUE_TOLERANCE} is the tolerance of `VALUE_MISMATCH`)
 * - `SCHEMA`: a point that both sends numbers and asks to be retracted
 * - `UNKNOWN_MEASURE` on a PDSA cycle (path `["cycles", i, "measureIds", j]`): the cycle names a
 *   measure not in the set; that cycle is refused, the rest of the report still lands
 *
 * A problem with `reportingMonth` itself (outside the collaborative, in the future, locked) has the
 * path `["reportingMonth"]` and refuses the whole report.
 *
 * Warning (the report still lands): `MISSING_REQUIRED_MEASURE`, a required (and not retired) measure with no number
 * for the reporting month (path `["points"]`). The data store leaves it out when it already holds a
 * value for that month.
 *
 * Blank points (no numbers, no annotation, no retraction) are never refused for their month: a sheet
 * may carry empty rows for months still to come. The data store also lets a locked month's point
 * through when it equals the stored value (nothing would change).
 *
 * Pure: reads no clock (`asOf` is passed in). Runs in O(points + measures).
 *
 * @param input the report, already parsed with the `SubmissionInput` schema
 * @param collaborative the collaborative it is sent to
 * @param options `asOf` (today, `YYYY-MM-DD`) and `lockedPeriods`
 * @returns the conflicts, errors and warnings, each with the path of the cell's field
 * @example
 * const collaborative = { id: "c", name: "C", aim: "", startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60, sharing: "named", ruleSet: "ihi",
 *   measures: [{ id: "bundle", name: "Bundle", type: "process", kind: "percent", improvementDirection: "increase", operationalDefinition: "", required: true }] };
 * checkSubmission({ reportingMonth: "2026-02", points: [{ measureId: "bundle", period: "2026-02", numerator: 9, denominator: 10 }] }, collaborative, { asOf: "2026-03-05" }); // => []
 * checkSubmission({ reportingMonth: "2026-02", points: [{ measureId: "bundle", period: "2026-02", numerator: 12, denominator: 10 }] }, collaborative, { asOf: "2026-03-05" })[0].path; // => ["points", 0, "numerator"]
 */
export function checkSubmission(
  input: SubmissionInput,
  collaborative: CollaborativeDefinition,
  options: CheckSubmissionOptions,
): Conflict[] {
  const today = monthOf(options.asOf);
  const locked = options.lockedPeriods ?? new Set<string>();
  const measures = new Map(collaborative.measures.map((m) => [m.id, m]));
  const conflicts: Conflict[] = [];
  const reporting = input.reportingMonth;

  const reportError = (code: ConflictCode, message: string) =>
    conflicts.push({ path: ["reportingMonth"], measureId: null, period: reporting, code, message, severity: "error" });
  if (reporting < collaborative.startMonth || reporting > collaborative.endMonth) {
    reportError(
      "PERIOD_OUTSIDE_COLLABORATIVE",
      `reporting month ${reporting} is outside the collaborative (${collaborative.startMonth} to ${collaborative.endMonth})`,
    );
  } else if (reporting > today) {
    reportError("PERIOD_IN_FUTURE", `reporting month ${reporting} has not started yet (today is ${options.asOf})`);
  } else if (locked.has(reporting)) {
    reportError("PERIOD_LOCKED", `reporting month ${reporting} is locked: ask the collaborative's admin to reopen it`);
  }
  const reportRefused = conflicts.length > 0;

  // Count the occurrences of each measure+month that ask for something (figures, an annotation or a
  // retraction) to find duplicates in one pass. An annotation-only copy counts: with a copy of figures
  // it would change one stored point twice in one report (PostgreSQL refused that upsert with a 500).
  const key = (p: PointInput) => `${p.measureId}\u0000${p.period}`;
  const seen = new Map<string, number>();
  for (const p of input.points) if (carriesContent(p)) seen.set(key(p), (seen.get(key(p)) ?? 0) + 1);

  const present = new Set<string>();
  input.points.forEach((point, i) => {
    const add = (code: ConflictCode, field: string | null, message: string, severity: "error" | "warning" = "error") =>
      conflicts.push({
        path: field === null ? ["points", i] : ["points", i, field],
        measureId: point.measureId,
        period: point.period,
        code,
        message,
        severity,
      });
    const measure = measures.get(point.measureId);
    if (!measure) {
      add("UNKNOWN_MEASURE", "measureId", `measure ${JSON.stringify(point.measureId)} is not in this collaborative's measure set`);
      return;
    }
    if (!carriesContent(point)) return;
    const blank = isBlankPoint(point);
    if ((seen.get(key(point)) ?? 0) > 1) {
      add("DUPLICATE_POINT", "period", `${point.measureId} ${point.period} appears more than once in this report: keep one row`);
      return;
    }
    if (point.period < collaborative.startMonth || point.period > collaborative.endMonth) {
      add(
        "PERIOD_OUTSIDE_COLLABORATIVE",
        "period",
        `month ${point.period} is outside the collaborative (${collaborative.startMonth} to ${collaborative.endMonth})`,
      );
      return;
    }
    if (point.period > reporting || point.period > today) {
      add("PERIOD_IN_FUTURE", "period", `month ${point.period} comes after the reporting month ${reporting}: send it with that month's report`);
      return;
    }
    if (locked.has(point.period)) {
      add("PERIOD_LOCKED", "period", `month ${point.period} is locked: ask the collaborative's admin to reopen it`);
      return;
    }
    if (point.retract !== undefined) {
      if (!blank) add("SCHEMA", "retract", "send either numbers or retract, not both");
      return;
    }
    if (blank) return;
    if (isRetired(measure)) {
      add("MEASURE_RETIRED", "measureId", `measure ${measure.name} (${measure.id}) is retired and takes no new data: leave its rows out (the collaborative's admin can bring it back)`);
      return;
    }
    const resolved = resolvePoint(measure, point);
    for (const problem of resolved.problems) add(problem.code, problem.field, problem.message);
    if (resolved.point && point.period === reporting) present.add(point.measureId);
  });

  // A cycle naming a measure the collaborative does not have is refused on its own (the rest lands).
  (input.cycles ?? []).forEach((cycle, i) => {
    cycle.measureIds.forEach((measureId, j) => {
      if (measures.has(measureId)) return;
      conflicts.push({
        path: ["cycles", i, "measureIds", j],
        measureId,
        period: null,
        code: "UNKNOWN_MEASURE",
        message: `cycle ${JSON.stringify(cycle.cycleId)} names measure ${JSON.stringify(measureId)}, which is not in this collaborative's measure set`,
        severity: "error",
      });
    });
  });

  if (!reportRefused) {
    for (const measure of collaborative.measures) {
      if (!measure.required || isRetired(measure) || present.has(measure.id)) continue;
      conflicts.push({
        path: ["points"],
        measureId: measure.id,
        period: reporting,
        code: "MISSING_REQUIRED_MEASURE",
        message: `required measure ${measure.name} has no value for ${reporting}`,
        severity: "warning",
      });
    }
  }
  return conflicts;
}
