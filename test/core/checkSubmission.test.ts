// checkSubmission, pointValue, resolvePoint and the reporting calendar (src/core/submission), through
// core's public surface, plus every @example line of those files.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import * as core from "../../src/core/index";
import {
  addDays,
  addMonths,
  checkSubmission,
  dueDateOf,
  lockDateOf,
  monthRange,
  pointValue,
  resolvePoint,
  reportingMonthAsOf,
  VALUE_TOLERANCE,
  type CollaborativeDefinition,
  type PointInput,
  type SubmissionInput,
} from "../../src/core/index";
import { testExamples } from "../support/examples";
import { fixtureCollaborative } from "../support/fixtureCollaborative";

// The one fixture collaborative, with this suite's own measures (its rows and messages name them).
const collaborative: CollaborativeDefinition = fixtureCollaborative({
  id: "c",
  name: "Collaborative",
  aim: "",
  measures: [
    { id: "bundle", name: "Bundle", type: "process", kind: "percent", improvementDirection: "increase", operationalDefinition: "", required: true },
    { id: "clabsi", name: "CLABSI rate", type: "outcome", kind: "rate", multiplier: 1000, improvementDirection: "decrease", operationalDefinition: "", required: true },
    { id: "falls", name: "Falls", type: "balancing", kind: "count", improvementDirection: "decrease", operationalDefinition: "", required: false },
    { id: "los", name: "Length of stay", type: "outcome", kind: "mean", improvementDirection: "decrease", operationalDefinition: "", required: false },
  ],
});
const asOf = "2026-03-05";

function report(points: PointInput[], reportingMonth = "2026-02"): SubmissionInput {
  return { reportingMonth, points };
}
function codes(input: SubmissionInput, options: Partial<Parameters<typeof checkSubmission>[2]> = {}) {
  return checkSubmission(input, collaborative, { asOf, ...options }).map((c) => `${c.severity}:${c.code}:${c.path.join(".")}`);
}
const ok = (more: PointInput[] = []) => [
  { measureId: "bundle", period: "2026-02", numerator: 9, denominator: 10 },
  { measureId: "clabsi", period: "2026-02", numerator: 1, denominator: 800 },
  ...more,
];

describe("pointValue(measure, numerator, denominator)", () => {
  it("pointValue computes percent ×100, rate × multiplier and count; a mean is typed, never computed", () => {
    expect(pointValue({ kind: "percent" }, 1, 4)).toBe(25);
    expect(pointValue({ kind: "rate", multiplier: 1000 }, 3, 1500)).toBe(2);
    expect(pointValue({ kind: "rate" }, 3, 4)).toBe(0.75);
    expect(pointValue({ kind: "count" }, 12, null)).toBe(12);
    expect(pointValue({ kind: "mean" }, 30, 4)).toBeNull();
  });
  it("pointValue is null when a number the kind needs is missing or the denominator is 0", () => {
    expect(pointValue({ kind: "percent" }, 1, null)).toBeNull();
    expect(pointValue({ kind: "rate", multiplier: 1000 }, 1, 0)).toBeNull();
    expect(pointValue({ kind: "count" }, null, 5)).toBeNull();
    expect(pointValue({ kind: "mean" }, 30, undefined)).toBeNull();
  });
});

describe("checkSubmission(input, collaborative, { asOf, lockedPeriods })", () => {
  it("checkSubmission accepts a clean report with no conflicts", () => {
    expect(codes(report(ok()))).toEqual([]);
  });

  it("checkSubmission refuses numerator > denominator for a percent, at the numerator's path", () => {
    const conflicts = checkSubmission(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 11, denominator: 10 }])), collaborative, { asOf });
    expect(conflicts).toEqual([
      {
        path: ["points", 2, "numerator"],
        measureId: "bundle",
        period: "2026-01",
        code: "NUMERATOR_GT_DENOMINATOR",
        message: "numerator 11 is greater than denominator 10: a percentage cannot exceed 100%",
        severity: "error",
      },
    ]);
  });

  it("checkSubmission allows numerator > denominator for a rate", () => {
    expect(codes(report(ok([{ measureId: "clabsi", period: "2026-01", numerator: 5, denominator: 2 }])))).toEqual([]);
  });

  it("checkSubmission refuses a zero denominator and missing numbers for the kind", () => {
    expect(
      codes(
        report(
          ok([
            { measureId: "bundle", period: "2026-01", numerator: 0, denominator: 0 },
            { measureId: "clabsi", period: "2026-01", numerator: 2 },
            { measureId: "clabsi", period: "2025-12", denominator: 2 },
            { measureId: "falls", period: "2026-01", denominator: 2 },
            { measureId: "los", period: "2026-01", denominator: 30 },
          ]),
        ),
      ),
    ).toEqual([
      "error:DENOMINATOR_ZERO:points.2.denominator",
      "error:MISSING_DENOMINATOR:points.3.denominator",
      "error:PERIOD_OUTSIDE_COLLABORATIVE:points.4.period",
      "error:MISSING_NUMERATOR:points.5.numerator",
      "error:MISSING_VALUE:points.6.value",
    ]);
  });

  it("checkSubmission refuses a value that does not match numerator/denominator beyond 1e-6 relative", () => {
    expect(VALUE_TOLERANCE).toBe(1e-6);
    const third = (100 * 1) / 3;
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 1, denominator: 3, value: third * (1 + 5e-7) }])))).toEqual([]);
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 1, denominator: 3, value: 33.3 }])))).toEqual(["error:VALUE_MISMATCH:points.2.value"]);
    expect(codes(report(ok([{ measureId: "falls", period: "2026-01", numerator: 3, value: 4 }])))).toEqual(["error:VALUE_MISMATCH:points.2.value"]);
  });

  it("checkSubmission refuses a numerator ÷ denominator that overflows to Infinity (VALUE_NOT_FINITE on the denominator; issue 15 defect 2)", () => {
    expect(codes(report(ok([{ measureId: "clabsi", period: "2026-01", numerator: 1, denominator: 5e-324 }])))).toEqual(["error:VALUE_NOT_FINITE:points.2.denominator"]);
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 0, denominator: 5e-324 }])))).toEqual([]);
  });

  it("a mean is the value the team typed, with n as an optional denominator; a numerator (a sum) is refused, a missing value or an n of 0 too", () => {
    expect(resolvePoint({ kind: "mean" }, { measureId: "los", period: "2026-01", denominator: 40, value: 4.2 })).toEqual({ point: { numerator: null, denominator: 40, value: 4.2 }, problems: [] });
    expect(resolvePoint({ kind: "mean" }, { measureId: "los", period: "2026-01", value: 4.2 }).point).toEqual({ numerator: null, denominator: null, value: 4.2 });
    // the sum over n no longer makes a mean: the API refuses what the measure sheet refuses
    expect(codes(report(ok([{ measureId: "los", period: "2026-01", numerator: 168, denominator: 40 }])))).toEqual(["error:NUMERATOR_NOT_USED:points.2.numerator", "error:MISSING_VALUE:points.2.value"]);
    expect(codes(report(ok([{ measureId: "los", period: "2026-01", numerator: 168, denominator: 40, value: 4.2 }])))).toEqual(["error:NUMERATOR_NOT_USED:points.2.numerator"]);
    expect(codes(report(ok([{ measureId: "los", period: "2026-01", denominator: 0, value: 4.2 }])))).toEqual(["error:DENOMINATOR_ZERO:points.2.denominator"]);
  });

  it("checkSubmission takes a count's value alone as the count, and a mean's value without counts", () => {
    expect(codes(report(ok([{ measureId: "falls", period: "2026-01", value: 4 }, { measureId: "los", period: "2026-01", value: 6.5 }])))).toEqual([]);
    expect(codes(report(ok([{ measureId: "falls", period: "2026-01", value: -1 }])))).toEqual(["error:NOT_A_NUMBER:points.2.value"]);
  });

  it("checkSubmission refuses an unknown measure and every copy of a duplicated measure+month", () => {
    expect(
      codes(report(ok([{ measureId: "nope", period: "2026-02", numerator: 1 }, { measureId: "bundle", period: "2026-01", numerator: 1, denominator: 2 }, { measureId: "bundle", period: "2026-01", numerator: 2, denominator: 2 }]))),
    ).toEqual(["error:UNKNOWN_MEASURE:points.2.measureId", "error:DUPLICATE_POINT:points.3.period", "error:DUPLICATE_POINT:points.4.period"]);
  });

  it("checkSubmission counts an annotation-only point as a copy: with a point of figures for the same measure+month, both are refused", () => {
    // Found by the reliability suite's random sheets (reliability/apiProperties.ts): the two changed one
    // stored point twice in one transaction, which PostgreSQL refused (500, "ON CONFLICT DO UPDATE command
    // cannot affect row a second time") and the pane's outbox would have retried for ever.
    expect(
      codes(report(ok([{ measureId: "bundle", period: "2026-01", annotation: "new ward" }, { measureId: "bundle", period: "2026-01", numerator: 2, denominator: 2 }]))),
    ).toEqual(["error:DUPLICATE_POINT:points.2.period", "error:DUPLICATE_POINT:points.3.period"]);
    // two annotation-only copies too; a blank point with no annotation asks for nothing and is no copy
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", annotation: "a" }, { measureId: "bundle", period: "2026-01", annotation: "b" }])))).toEqual([
      "error:DUPLICATE_POINT:points.2.period",
      "error:DUPLICATE_POINT:points.3.period",
    ]);
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01" }, { measureId: "bundle", period: "2026-01", numerator: 2, denominator: 2 }])))).toEqual([]);
  });

  it("checkSubmission refuses months outside the collaborative, after the reporting month or after asOf", () => {
    expect(
      codes(report(ok([{ measureId: "bundle", period: "2025-12", numerator: 1, denominator: 2 }, { measureId: "bundle", period: "2026-03", numerator: 1, denominator: 2 }]))),
    ).toEqual(["error:PERIOD_OUTSIDE_COLLABORATIVE:points.2.period", "error:PERIOD_IN_FUTURE:points.3.period"]);
    // the reporting month itself: outside, or not started on asOf
    expect(codes(report([], "2027-01"))).toEqual(["error:PERIOD_OUTSIDE_COLLABORATIVE:reportingMonth"]);
    expect(codes(report([], "2026-04"))).toEqual(["error:PERIOD_IN_FUTURE:reportingMonth"]);
  });

  it("checkSubmission refuses a locked month's points, and the whole report when its reporting month is locked", () => {
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 1, denominator: 2 }])), { lockedPeriods: new Set(["2026-01"]) })).toEqual([
      "error:PERIOD_LOCKED:points.2.period",
    ]);
    expect(codes(report(ok()), { lockedPeriods: new Set(["2026-02"]) })).toEqual([
      "error:PERIOD_LOCKED:reportingMonth",
      "error:PERIOD_LOCKED:points.0.period",
      "error:PERIOD_LOCKED:points.1.period",
    ]);
  });

  it("checkSubmission never refuses a blank point for its month (sheets carry empty future rows)", () => {
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-06", numerator: null, denominator: null }, { measureId: "bundle", period: "2026-01" }])), { lockedPeriods: new Set(["2026-01"]) })).toEqual([]);
  });

  it("checkSubmission refuses a point that both sends numbers and retracts", () => {
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", numerator: 1, denominator: 2, retract: { reason: "wrong month" } }])))).toEqual(["error:SCHEMA:points.2.retract"]);
    expect(codes(report(ok([{ measureId: "bundle", period: "2026-01", retract: { reason: "wrong month" } }])))).toEqual([]);
  });

  it("checkSubmission warns (does not refuse) when a required measure has no value for the reporting month", () => {
    expect(codes(report([{ measureId: "bundle", period: "2026-02", numerator: 9, denominator: 10 }]))).toEqual(["warning:MISSING_REQUIRED_MEASURE:points"]);
    const [warning] = checkSubmission(report([]), collaborative, { asOf }).filter((c) => c.measureId === "clabsi");
    expect(warning).toMatchObject({ measureId: "clabsi", period: "2026-02", severity: "warning", message: "required measure CLABSI rate has no value for 2026-02" });
  });

  it("checkSubmission refuses numbers for a retired measure (MEASURE_RETIRED naming it), still takes its retraction, and never warns it missing", () => {
    const retired: CollaborativeDefinition = { ...collaborative, measures: collaborative.measures.map((m) => (m.id === "bundle" ? { ...m, retired: true } : m)) };
    const conflicts = checkSubmission(
      report([
        { measureId: "bundle", period: "2026-02", numerator: 9, denominator: 10 },
        { measureId: "bundle", period: "2026-01", retract: { reason: "typed in the wrong month" } },
        { measureId: "bundle", period: "2026-03" },
        { measureId: "clabsi", period: "2026-02", numerator: 1, denominator: 900 },
      ]),
      retired,
      { asOf },
    );
    expect(conflicts.map((c) => [c.code, c.path.join("."), c.severity])).toEqual([["MEASURE_RETIRED", "points.0.measureId", "error"]]);
    expect(conflicts[0].message).toBe("measure Bundle (bundle) is retired and takes no new data: leave its rows out (the collaborative's admin can bring it back)");
    expect(core.activeMeasures(retired).map((m) => m.id)).toEqual(["clabsi", "falls", "los"]);
  });

  it("checkSubmission is pure: the same input gives the same answer, whatever the real date", () => {
    const input = report(ok());
    expect(checkSubmission(input, collaborative, { asOf: "2026-03-05" })).toEqual(checkSubmission(input, collaborative, { asOf: "2026-03-05" }));
    expect(codes(report(ok()), { asOf: "2026-02-10" })).toEqual([]);
    expect(codes(report(ok()), { asOf: "2026-01-31" })).toEqual([
      "error:PERIOD_IN_FUTURE:reportingMonth",
      "error:PERIOD_IN_FUTURE:points.0.period",
      "error:PERIOD_IN_FUTURE:points.1.period",
    ]);
  });
});

describe("reporting calendar", () => {
  it("addMonths crosses years both ways; monthRange includes both ends", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -13)).toBe("2024-12");
    expect(monthRange("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthRange("2026-02", "2026-01")).toEqual([]);
  });
  it("dueDateOf and lockDateOf follow dueDay and lockAfterDays (0 never locks)", () => {
    expect(dueDateOf("2026-12", 28)).toBe("2027-01-28");
    expect(lockDateOf("2026-01", 15, 14)).toBe("2026-03-01");
    expect(lockDateOf("2026-01", 15, 0)).toBeNull();
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
  it("reportingMonthAsOf is the previous month, kept within the collaborative", () => {
    expect(reportingMonthAsOf("2026-01-01", "2025-06", "2026-06")).toBe("2025-12");
    expect(reportingMonthAsOf("2030-01-01", "2025-06", "2026-06")).toBe("2026-06");
  });
  it("calendar functions refuse malformed months with a message naming the function", () => {
    expect(() => addMonths("2026-13", 1)).toThrow(/addMonths: invalid month "2026-13"/);
    expect(() => monthRange("2026-01", "zzzz")).toThrow(/monthRange: invalid month/);
  });
});

describe("@example lines of src/core/submission", () => {
  const dir = join(__dirname, "../../src/core/submission");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
  testExamples(files, () => core as unknown as Record<string, unknown>);
});
