import { evidenceFromReadings, defaultQiCore } from "../../../src/taskpane/qiCore";
import { collaborative } from "../support/fixtures";

const reading = (rows: [string, number | null, number | null, string | null][]) =>
  defaultQiCore.readMeasureSheet({
    sheetName: "Bundle",
    values: [["Month", "Numerator", "Denominator", "Annotation"], ...rows.map(([p, n, d, a]) => [p, n ?? "", d ?? "", a ?? ""])],
    measure: collaborative.measures[0]!,
  });

describe("evidenceFromReadings", () => {
  it("works values out from the counts when a sheet has no Value column, and counts distinct annotations as changes tested", () => {
    const sheets = [
      {
        measureId: "bundle",
        reading: reading([
          ["2026-01", 50, 100, null],
          ["2026-02", 96, 100, "Checklist at insertion"],
          ["2026-03", 97, 100, "checklist at insertion"],
          ["2026-04", 98, 100, "Audit feedback"],
          ["2026-05", 99, 100, "Too late: after the reporting month"],
        ]),
      },
    ];
    const evidence = evidenceFromReadings(collaborative, sheets, "2026-04");
    expect(evidence.baselineReported).toBe(true);
    expect(evidence.changesTested).toBe(2);
    expect(evidence.measures).toEqual([{ name: "Bundle compliance", type: "process", improving: false, goalMet: true, monthsAtGoal: 3 }]);
  });

  it("counts this month's narrative as a change tested when the sheets carry no annotation", () => {
    const sheets = [{ measureId: "bundle", reading: reading([["2026-01", 50, 100, null]]) }];
    expect(evidenceFromReadings(collaborative, sheets, "2026-04").changesTested).toBe(0);
    expect(evidenceFromReadings(collaborative, sheets, "2026-04", { changesInNarrative: true }).changesTested).toBe(1);
  });

  it("leaves out measures without a readable sheet", () => {
    expect(evidenceFromReadings(collaborative, [], "2026-04")).toEqual({ teamFormed: true, aimSet: true, baselineReported: false, changesTested: 0, measures: [] });
  });
});
