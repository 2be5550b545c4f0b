import { teamEvidence } from "../../../src/core/index";
import { defaultQiCore, teamInputFromReadings } from "../../../src/taskpane/qiCore";

/** The evidence the pane's suggestion is scored from: core's teamEvidence of what the pane gathers. */
const evidenceFromReadings = (...args: Parameters<typeof teamInputFromReadings>) => teamEvidence(teamInputFromReadings(...args));
import { RULE_SET_EXPECTED, RULE_SET_MONTHS, RULE_SET_SERIES } from "../../fixtures/ruleSets";
import { collaborative } from "../support/fixtures";

const reading = (rows: [string, number | null, number | null, string | null][]) =>
  defaultQiCore.readMeasureSheet({
    sheetName: "Bundle",
    values: [["Month", "Numerator", "Denominator", "Annotation"], ...rows.map(([p, n, d, a]) => [p, n ?? "", d ?? "", a ?? ""])],
    measure: collaborative.measures[0]!,
  });

// The pane only gathers the points from its sheet readings; every rule is core's teamEvidence (see
// test/core/scoring.test.ts and the cross-door test test/crossDoor.test.ts).
describe("evidenceFromReadings / teamInputFromReadings", () => {
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
    expect(evidence.measures).toEqual([
      { name: "Bundle compliance", type: "process", improvementDirection: "increase", improving: false, goalMet: true, monthsAtGoal: 3 },
      // required, no sheet: in the evidence, not improving, goal not met (core's rule for a measure with no data)
      { name: "CLABSI rate", type: "outcome", improvementDirection: "decrease", improving: false, goalMet: false, monthsAtGoal: 0 },
    ]);
    expect(evidence.ruleSet).toBe("ihi");
  });

  it("counts this month's narrative as a change tested when the sheets carry no annotation", () => {
    const sheets = [{ measureId: "bundle", reading: reading([["2026-01", 50, 100, null]]) }];
    expect(evidenceFromReadings(collaborative, sheets, "2026-04").changesTested).toBe(0);
    expect(evidenceFromReadings(collaborative, sheets, "2026-04", { narrativeChanges: "  " }).changesTested).toBe(0);
    expect(evidenceFromReadings(collaborative, sheets, "2026-04", { narrativeChanges: "Checklist at insertion" }).changesTested).toBe(1);
  });

  it("gathers no points for a measure without a readable sheet; with no data at all the pane suggests nothing", () => {
    const input = teamInputFromReadings(collaborative, [], "2026-04");
    expect(input).toEqual({ definition: collaborative, points: [], reportingMonth: "2026-04", narrativeChanges: null, cycles: [] });
    expect(defaultQiCore.suggestTeamScore(input)).toBeNull();
  });
});

describe("sheetSignals: the sheet preview names the rules and the signals of the collaborative's rule set", () => {
  it("reads one sheet by each rule set (the same signals /runcharts and the faculty page show)", () => {
    const rows = RULE_SET_MONTHS.map((period, i) => [period, RULE_SET_SERIES[i]!, 100, ""]);
    const values = [["Month", "Numerator", "Denominator", "Annotation"], ...rows];
    const shown = (["ihi", "anhoej", "mdc"] as const).map((ruleSet) => {
      const definition = { ...collaborative, ruleSet, startMonth: "2025-01" };
      const reading = defaultQiCore.readMeasureSheet({ sheetName: "Bundle", values, measure: definition.measures[0]! });
      return defaultQiCore.sheetSignals(definition, { measureId: "bundle", reading }, "2026-02");
    });
    expect(shown).toEqual(["IHI rules: shift (improvement)", "Anhøj rules: too few crossings (improvement)", "Making Data Count rules: 7 points on one side (concern)"]);
    expect(RULE_SET_EXPECTED.mdc.signals).toEqual(["7 points on one side: concern"]);
  });

  it("is null for a sheet without a value up to the reporting month", () => {
    const reading = defaultQiCore.readMeasureSheet({ sheetName: "Bundle", values: [["Month", "Numerator", "Denominator"], ["2026-05", 9, 10]], measure: collaborative.measures[0]! });
    expect(defaultQiCore.sheetSignals(collaborative, { measureId: "bundle", reading }, "2026-04")).toBeNull();
  });
});
