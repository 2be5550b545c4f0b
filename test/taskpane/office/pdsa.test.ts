// "Create PDSA log" and the cycle labels on a run chart, over the mock workbook. Excel behaviours
// encoded here, each with its source:
// - Excel.run has no rollback: a failed step must delete the sheet it added, as "Create sheet" does
//   (https://learn.microsoft.com/en-us/javascript/api/office/officeextension.error).
// - A list validation offers its source as an in-cell drop-down (Excel.ListDataValidation.source and
//   .inCellDropDown, ExcelApi 1.8, https://learn.microsoft.com/en-us/javascript/api/excel/excel.listdatavalidation).
// - A chart point carries its own data label (Excel.ChartPoint.hasDataLabel, .dataLabel, ExcelApi 1.7;
//   Excel.ChartDataLabel.text, ExcelApi 1.8: https://learn.microsoft.com/en-us/javascript/api/excel/excel.chartpoint,
//   https://learn.microsoft.com/en-us/javascript/api/excel/excel.chartdatalabel), and a series' points
//   are counted with ChartPointsCollection.count (ExcelApi 1.1).
import { pdsaLogLayout } from "../../../src/core/index";
import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { collaborative } from "../support/fixtures";
import { emptyState, mockRun, supportsUpTo, type MockState } from "./mockExcel";

const hostOver = (state: MockState, version = "1.18") => createExcelHost(mockRun(state), supportsUpTo(version));

describe("createPdsaLog", () => {
  const layout = pdsaLogLayout(collaborative.measures);

  it("writes formats before the table, the headers, the decision drop-down and date checks, and the note", async () => {
    const state = emptyState();
    expect(await hostOver(state).createPdsaLog(layout)).toEqual({ sheetName: "PDSA log" });
    const log = state.log.join("\n");
    expect(state.log.indexOf("worksheets.add PDSA log")).toBe(0);
    expect(log).toContain('numberFormat PDSA log!A2:H2 [["@","@","@","@","yyyy-mm-dd","yyyy-mm-dd","@","@"]]');
    expect(log).toContain('values PDSA log!A1:H1 [["Cycle","Change idea","Measures it aims to move","Prediction","Start date","End date","What happened","Decision"]]');
    expect(log).toContain("tables.add PDSA log!A1:H2 true");
    expect(log).toContain("table PdsaLog TableStyleMedium7");
    expect(log).toContain('validation 7 {"list":{"inCellDropDown":true,"source":"adopt,adapt,abandon,continue"}}');
    expect(log).toContain('validation 4 {"date":{"formula1":"2000-01-01","operator":"GreaterThanOrEqualTo"}}');
    expect(state.sheets["PDSA log"]!.cells.A1!.note).toBe(layout.note);
    expect(state.active).toBe("PDSA log");
  });

  it("takes the next free name, and removes the sheet when a step fails, naming the step", async () => {
    const state = emptyState();
    state.sheets["PDSA log"] = { cells: {} };
    state.failures["tables.add"] = "InvalidArgument: the range overlaps a table";
    await expect(hostOver(state).createPdsaLog(layout)).rejects.toThrow(
      'Create PDSA log stopped when it tried to write the table ("PDSA log (2)"): InvalidArgument: the range overlaps a table. The unfinished sheet was removed, so you can try again.',
    );
    expect(Object.keys(state.sheets)).toEqual(["PDSA log"]);
  });
});

describe("labelCycles", () => {
  const withChart = (labels: Record<number, string> = {}): MockState => {
    const state = emptyState();
    state.sheets["Bundle compliance"] = { cells: {}, charts: [{ name: "qi_bundle_chart", points: 4, labels }] };
    return state;
  };

  it("puts each label on its point and takes off labels no longer wanted", async () => {
    const state = withChart({ 0: "C9 start" });
    expect(await hostOver(state).labelCycles("Bundle compliance", [{ point: 1, text: "C1 start" }, { point: 3, text: "C1 end: adopt" }])).toBe(true);
    expect(state.sheets["Bundle compliance"]!.charts![0]!.labels).toEqual({ 1: "C1 start", 3: "C1 end: adopt" });
    expect(state.writes.filter((w) => /label/.test(w)).map((w) => w.replace(/^\d+ /, ""))).toEqual([
      "unlabel Bundle compliance!qi_bundle_chart 0",
      "label Bundle compliance!qi_bundle_chart 1 C1 start",
      "label Bundle compliance!qi_bundle_chart 3 C1 end: adopt",
    ]);
    expect(state.syncs).toBe(3); // the charts, the point count, the labels
  });

  it("leaves a chart the team drew by hand alone, and says so", async () => {
    const state = emptyState();
    state.sheets["Falls"] = { cells: {}, charts: [{ name: "Chart 1", points: 4, labels: { 2: "their own label" } }] };
    expect(await hostOver(state).labelCycles("Falls", [{ point: 1, text: "C1 start" }])).toBe(false);
    expect(state.sheets["Falls"]!.charts![0]!.labels).toEqual({ 2: "their own label" });
  });
});
