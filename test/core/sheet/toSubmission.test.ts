import { Conflict, CoreError, SubmissionInput, toSubmission } from "../../../src/core/index";
import { bundle, falls, read } from "./support";

const bundleReading = read(
  [
    ["Bundle compliance — Team A", "", "", "", ""],
    ["Month", "Numerator", "Denominator", "%", "Change tested"],
    ["2026-01", 18, 20, 90, "Checklist"],
    ["2026-02", "", "", "", ""],
    ["", "", "", "", ""],
    ["2026-03", 19, 20, "", ""],
    ["2026-04", "", "", "", "New dressing kit"],
    ["2026-05", 20, 20, 100, ""],
  ],
  { measure: bundle, sheetName: "Bundle", origin: { row: 2, column: 1 } },
);
const fallsReading = read(
  [
    ["Month", "Falls"],
    ["2026-03", 2],
    ["2026-04", 0],
  ],
  { measure: falls, sheetName: "Falls" },
);
const sheets = [
  { measureId: bundle.id, reading: bundleReading },
  { measureId: falls.id, reading: fallsReading },
];

describe("toSubmission(input)", () => {
  it("sends every non-blank row up to and including the reporting month, blank cells left out (never 0), the value only when the counts don't give it", () => {
    const { submission } = toSubmission({ sheets, reportingMonth: "2026-04" });
    expect(submission).toEqual({
      reportingMonth: "2026-04",
      points: [
        { measureId: "bundle-compliance", period: "2026-01", numerator: 18, denominator: 20, annotation: "Checklist" },
        { measureId: "bundle-compliance", period: "2026-03", numerator: 19, denominator: 20 },
        { measureId: "bundle-compliance", period: "2026-04", annotation: "New dressing kit" },
        { measureId: "falls", period: "2026-03", numerator: 2 },
        { measureId: "falls", period: "2026-04", numerator: 0 },
      ],
    });
    expect(SubmissionInput.safeParse(submission).success).toBe(true);
  });

  it("passes the narrative, self-assessment and client through, and skips sheets whose series was not found", () => {
    const narrative = { changesTested: "Checklist", lessons: "", barriers: "", helpWanted: "" };
    const lost = { measureId: "clabsi-rate", reading: read([["no data"]], { sheetName: "CLABSI" }) };
    const { submission } = toSubmission({
      sheets: [...sheets, lost],
      reportingMonth: "2026-01",
      narrative,
      selfAssessment: 2.5,
      client: { name: "excel-taskpane", version: "0.1.0" },
    });
    expect(submission).toEqual({
      reportingMonth: "2026-01",
      points: [{ measureId: "bundle-compliance", period: "2026-01", numerator: 18, denominator: 20, annotation: "Checklist" }],
      narrative,
      selfAssessment: 2.5,
      client: { name: "excel-taskpane", version: "0.1.0" },
    });
    expect(SubmissionInput.safeParse(submission).success).toBe(true);
  });

  it("sends a value the counts can't give (a mean, a value-only row), and leaves out months before startMonth", () => {
    const mean = read([["Month", "Denominator", "Value"], ["2025-12", 40, 4.1], ["2026-01", 42, 4.4], ["2026-02", "", 3.9]], { sheetName: "LOS" });
    const { submission } = toSubmission({ sheets: [{ measureId: "los", reading: mean }], reportingMonth: "2026-02", startMonth: "2026-01" });
    expect(submission.points).toEqual([
      { measureId: "los", period: "2026-01", denominator: 42, value: 4.4 },
      { measureId: "los", period: "2026-02", value: 3.9 },
    ]);
    expect(() => toSubmission({ sheets: [], reportingMonth: "2026-02", startMonth: "Jan" })).toThrow(/toSubmission: invalid startMonth: Jan/);
  });

  it("locate(path) maps a server conflict path back to its cell (round trip through the submission)", () => {
    const { submission, locate } = toSubmission({ sheets, reportingMonth: "2026-05" });
    // the server reports conflicts by path into the submitted JSON, e.g. a numerator it refuses
    const conflictPaths = submission.points.map((_, i) => ["points", i, "numerator"] as const);
    expect(conflictPaths.map((path) => locate(path)?.address)).toEqual(["C5", "C8", "C9", "C10", "B2", "B3"]);
    expect(locate(["points", 4, "numerator"])).toEqual({ sheetName: "Falls", address: "B2", row: 1, column: 1 });
    expect(locate(["points", 0, "denominator"])).toEqual({ sheetName: "Bundle", address: "D5", row: 4, column: 3 });
    expect(locate(["points", 0, "value"])?.address).toBe("E5");
    expect(locate(["points", 2, "annotation"])?.address).toBe("F9");
  });

  it("locate(conflict.path) places a conflict as the data store sends it (the Conflict schema) on its cell", () => {
    const { locate } = toSubmission({ sheets, reportingMonth: "2026-05" });
    const conflict = Conflict.parse({
      path: ["points", 1, "denominator"],
      measureId: "bundle-compliance",
      period: "2026-03",
      code: "DENOMINATOR_ZERO",
      message: "the denominator is 0",
    });
    expect(locate(conflict.path)).toEqual({ sheetName: "Bundle", address: "D8", row: 7, column: 3 });
  });

  it("locate(path) gives the month cell for a whole point, its period or a field the sheet has no column for", () => {
    const { locate } = toSubmission({ sheets, reportingMonth: "2026-05" });
    expect(locate(["points", 1])?.address).toBe("B8");
    expect(locate(["points", 1, "period"])?.address).toBe("B8");
    expect(locate(["points", 1, "measureId"])?.address).toBe("B8");
    expect(locate(["points", 4, "denominator"])?.address).toBe("A2");
    expect(locate(["points", "4", "numerator"])?.address).toBe("B2");
  });

  it("locate(path) gives null for paths outside the points or past their end", () => {
    const { locate } = toSubmission({ sheets, reportingMonth: "2026-05" });
    expect(locate(["points", 99, "numerator"])).toBeNull();
    expect(locate(["points", -1])).toBeNull();
    expect(locate(["narrative", "lessons"])).toBeNull();
    expect(locate(["reportingMonth"])).toBeNull();
    expect(locate([])).toBeNull();
  });

  it("throws a CoreError for a reporting month not written YYYY-MM", () => {
    expect(() => toSubmission({ sheets, reportingMonth: "2026-4" })).toThrow(CoreError);
    expect(() => toSubmission({ sheets, reportingMonth: "2026-4" })).toThrow(/toSubmission: invalid reportingMonth: 2026-4/);
  });
});
