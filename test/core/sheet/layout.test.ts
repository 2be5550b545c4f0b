import { CoreError, findMeasureSheet, measureSheetLayout, measureSheetName, readMeasureSheet, validateWorkbook } from "../../../src/core/index";
import { bundle, clabsi, collaborative, falls, los } from "./support";

describe("measureSheetLayout(measure, months)", () => {
  it("a percentage: Month | Numerator | Denominator | Value | Goal | Annotation | Chart value | Median, Value a formula blank until both counts are typed", () => {
    const layout = measureSheetLayout(bundle, ["2026-01", "2026-02"]);
    const formula = '=IF(OR([@Numerator]="",[@Denominator]=""),"",[@Numerator]/[@Denominator]*100)';
    const chart = "=IF(ISNUMBER([@Value]),[@Value],NA())";
    expect(layout).toMatchObject({
      sheetName: "Bundle compliance",
      tableName: "qi_bundle_compliance",
      headers: ["Month", "Numerator", "Denominator", "Value", "Goal", "Annotation", "Chart value", "Median"],
      valueFormula: formula,
      numberFormats: ["@", "0", "0", "0.0", "0.0", "@", "0.0", "0.0"],
      // Goal, Chart value and Median: one formula down each column, so each is a calculated column.
      rows: [
        ["2026-01", "", "", formula, "=95", "", chart, "=QI.CENTERLINE([Value])"],
        ["2026-02", "", "", formula, "=95", "", chart, "=QI.CENTERLINE([Value])"],
      ],
      chart: { x: 0, value: 6, median: 7, goal: 4 },
    });
    expect(layout.note).toBe(
      "Bundle compliance: a percentage: Numerator ÷ Denominator × 100.\nOperational definition: Central line insertions with every bundle element documented, of all insertions.\nOne row per month. Leave a cell blank when there is no data: a blank is a missing month, never 0.\nChart value and Median are worked out for the run chart: a month without data shows #N/A there, a gap in the chart.",
    );
  });

  it("validation: whole numbers >= 0, numerator <= denominator for a percentage, annotations up to 500 characters", () => {
    const { validation } = measureSheetLayout(bundle, []);
    expect(validation.map((v) => [v.header, v.column, v.rule])).toEqual([
      ["Numerator", 1, { custom: { formula: '=AND(ISNUMBER(B2),B2>=0,B2=INT(B2),OR(C2="",B2<=C2))' } }],
      ["Denominator", 2, { wholeNumber: { formula1: 0, operator: "GreaterThan" } }],
      ["Goal", 4, { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } }],
      ["Annotation", 5, { textLength: { formula1: 500, operator: "LessThanOrEqualTo" } }],
    ]);
    expect(validation[0].errorAlert).toEqual({
      title: "Numerator",
      message: "Type a whole number, 0 or more and no larger than the Denominator. Leave it blank if there is no data.",
      style: "Stop",
      showAlert: true,
    });
  });

  it("a rate multiplies by the measure's multiplier; a count's value is the count; a mean's value is typed", () => {
    const rate = measureSheetLayout(clabsi, ["2026-01"]);
    expect(rate.valueFormula).toBe('=IF(OR([@Numerator]="",[@Denominator]=""),"",[@Numerator]/[@Denominator]*1000)');
    expect(rate.numberFormats).toEqual(["@", "0", "#,##0", "0.00", "0.00", "@", "0.00", "0.00"]);
    expect(rate.note.split("\n")[0]).toBe("CLABSI rate: a rate: Numerator ÷ Denominator × 1000 (per 1,000 line-days).");
    const count = measureSheetLayout(falls, ["2026-01"]);
    expect(count.headers).toEqual(["Month", "Count", "Value", "Goal", "Annotation", "Chart value", "Median"]);
    expect(count.valueFormula).toBe('=IF([@Count]="","",[@Count])');
    expect(count.rows).toEqual([["2026-01", "", '=IF([@Count]="","",[@Count])', "", "", "=IF(ISNUMBER([@Value]),[@Value],NA())", "=QI.CENTERLINE([Value])"]]);
    expect(count.chart).toEqual({ x: 0, value: 5, median: 6, goal: null }); // no goal: no goal line
    expect(count.validation[0].rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    const mean = measureSheetLayout(los, ["2026-01"]);
    expect(mean.headers).toEqual(["Month", "Denominator", "Value", "Goal", "Annotation", "Chart value", "Median"]);
    expect(mean.valueFormula).toBe("");
    expect(mean.rows[0]!.slice(0, 5)).toEqual(["2026-01", "", "", "", ""]);
  });

  it("what Create sheet writes reads back with no issues once Excel has evaluated it (formula → \"\" until filled)", () => {
    const layout = measureSheetLayout(bundle, ["2026-01", "2026-02", "2026-03"]);
    const evaluated = (n: unknown, d: unknown) => (n === "" || d === "" ? "" : ((n as number) / (d as number)) * 100);
    const typed = [
      [17, 20],
      [19, 20],
      ["", ""],
    ];
    // As Excel evaluates it: Goal "=95" reads 95, Chart value is #N/A where Value is "" and Median is the center line.
    const values = [
      layout.headers,
      ...layout.rows.map((row, i) => {
        const value = evaluated(typed[i][0], typed[i][1]);
        return [row[0], typed[i][0], typed[i][1], value, 95, row[5], value === "" ? "#N/A" : value, 90];
      }),
    ];
    const formulas = [layout.headers, ...layout.rows.map((row, i) => [row[0], typed[i][0], typed[i][1], "=IF(OR(B2=\"\",C2=\"\"),\"\",B2/C2*100)", "=95", row[5], row[6], row[7]])];
    const reading = readMeasureSheet({ sheetName: layout.sheetName, values, formulas, measure: bundle });
    expect(reading.issues).toEqual([]);
    expect(reading.rows.map((r) => [r.period, r.value])).toEqual([
      ["2026-01", 85],
      ["2026-02", 95],
      ["2026-03", null],
    ]);
    const counts = measureSheetLayout(falls, ["2026-01"]);
    const fallsReading = readMeasureSheet({ sheetName: counts.sheetName, values: [counts.headers, ["2026-01", 3, 3, "", "", 3, 3]], measure: falls });
    expect(fallsReading.columns).toEqual({ month: 0, numerator: 1, value: 2, goal: 3, annotation: 4, median: 6 });
    expect(fallsReading.issues).toEqual([]);
    expect(validateWorkbook({ collaborative, sheets: [{ measureId: "bundle-compliance", reading }], reportingMonth: "2026-02", asOf: "2026-03-04" }).map((i) => i.code)).toEqual([
      "MISSING_REQUIRED_MEASURE",
    ]);
  });

  it("throws a CoreError for a month not written YYYY-MM", () => {
    expect(() => measureSheetLayout(bundle, ["2026-01", "Feb 2026"])).toThrow(CoreError);
    expect(() => measureSheetLayout(bundle, ["2026-13"])).toThrow(/measureSheetLayout: invalid month: 2026-13 \(use YYYY-MM\)/);
  });
});

describe("measureSheetName(measure) follows Excel's sheet-name rules", () => {
  it.each([
    ["CLABSI rate", "CLABSI rate"],
    ["Falls [with harm]: per 1,000 bed-days", "Falls with harm per 1,000"],
    ["Hand hygiene * compliance? / audit \\ ward", "Hand hygiene compliance audit"],
    ["'Quoted'", "Quoted"],
    ["Tab\there\nand line", "Tab here and line"],
    ["History", "m-id"],
    ["[]:*?/\\", "m-id"],
    ["Averyveryveryveryverylongsinglewordname", "Averyveryveryveryverylongsingle"],
    ["Percentage of patients screened for sepsis within one hour", "Percentage of patients screened"],
  ])("measureSheetName(%j) is %j", (name, expected) => {
    const sheetName = measureSheetName({ id: "m-id", name });
    expect(sheetName).toBe(expected);
    expect(sheetName.length).toBeLessThanOrEqual(31);
    expect(sheetName).not.toMatch(/[[\]:*?/\\]|^'|'$/);
  });
});

describe("findMeasureSheet(sheetNames, measure)", () => {
  it("prefers the layout's name (any case), then the measure's name or id, then a name containing it", () => {
    expect(findMeasureSheet(["Summary", "clabsi rate", "CLABSI rate (2)"], clabsi)).toBe("clabsi rate");
    expect(findMeasureSheet(["Summary", "CLABSI_rate"], clabsi)).toBe("CLABSI_rate");
    expect(findMeasureSheet(["Summary", "clabsi-rate"], clabsi)).toBe("clabsi-rate");
    expect(findMeasureSheet(["Summary", "Team A - CLABSI rate 2026"], clabsi)).toBe("Team A - CLABSI rate 2026");
    expect(findMeasureSheet(["Falls 2026", "Falls"], falls)).toBe("Falls");
  });

  it("gives null when no sheet matches", () => {
    expect(findMeasureSheet(["Summary", "CLABSI"], clabsi)).toBeNull();
    expect(findMeasureSheet([], falls)).toBeNull();
    expect(findMeasureSheet(["Windfalls"], falls)).toBeNull();
  });
});
