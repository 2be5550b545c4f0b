// "Create sheet" over the mock workbook. Excel behaviours encoded here, each with its source:
// - Excel.run has no rollback: a failed sync leaves what earlier syncs wrote (OfficeExtension.Error
//   .traceMessages, https://learn.microsoft.com/en-us/javascript/api/office/officeextension.error), so a
//   failed step must delete the sheet it added (Excel.Worksheet.delete() in @types/office-js).
// - A table's name must not clash with another table or a defined name: Excel refuses it
//   (Excel.Table.name in @types/office-js: "the name of the table"; the clash with a defined name is
//   the failure a reviewer reported; only real Excel shows its exact error).
// - Line charts: a formula's "" is plotted as 0, only an empty cell or #N/A leaves a gap
//   (https://support.microsoft.com/en-us/office/display-empty-cells-null-n-a-values-and-hidden-worksheet-data-in-a-chart-a1ee6f0c-192f-4248-abeb-9ca49cb92274);
//   blank cells as gaps is Excel.Chart.displayBlanksAs = "NotPlotted" (ExcelApi 1.8, @types/office-js).
// - One formula down a table column is a calculated column that fills into new rows
//   (https://support.microsoft.com/en-us/office/use-calculated-columns-in-an-excel-table-873fbac6-7110-4300-8f6f-aafa2ea11ce8),
//   and a chart over table columns grows with the table
//   (https://support.microsoft.com/en-us/office/update-the-data-in-an-existing-chart-06b76016-e9e3-49fe-8dfc-ca50beeed6e8).
import { CreateSheetError, uniqueSheetName, uniqueTableName } from "../../../src/taskpane/office/createMeasureSheet";
import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { measureSheetLayout } from "../../../src/core/sheet/layout";
import { collaborative } from "../support/fixtures";
import { emptyState, mockRun, supportsUpTo, type MockState } from "./mockExcel";

function hostOver(state: MockState, version = "1.18") {
  return createExcelHost(mockRun(state), supportsUpTo(version));
}

describe("createMeasureSheet", () => {
  const bundle = collaborative.measures[0]!;
  const layout = measureSheetLayout(bundle, ["2026-01", "2026-02", "2026-03"]);

  it("writes formats before the table, the rows with their calculated columns, validation, the note and a line chart of table columns", async () => {
    const state = emptyState();
    const result = await hostOver(state).createMeasureSheet(layout);
    expect(result.sheetName).toBe("Bundle compliance");
    const log = state.log.join("\n");
    expect(state.log.indexOf("worksheets.add Bundle compliance")).toBe(0);
    expect(log).toMatch(/numberFormat Bundle compliance!A2:H4 \[\["@","0","0","0.0","0.0","@","0.0","0.0"\]/);
    expect(log).toContain("tables.add Bundle compliance!A1:H4 true");
    expect(log).toContain("table qi_bundle TableStyleMedium2");
    expect(log).toContain(`formulas Bundle compliance!TABLE_BODY ${JSON.stringify(layout.rows)}`);
    for (const rule of layout.validation) expect(log).toContain(`validation ${rule.column} ${JSON.stringify(rule.rule)}`);
    expect(state.sheets["Bundle compliance"]!.cells.A1!.note).toBe(layout.note);
    // The chart plots Chart value (column 6: #N/A for a month without data), and Median (7) and Goal (4), all table columns.
    expect(log).toContain("chart Line COLUMN_6_WITH_HEADER Columns");
    expect(log).toContain("series 0 name Value");
    expect(log).toContain("series 0 x COLUMN_0");
    expect(log).toContain("series Median values COLUMN_7");
    expect(log).toContain("series Goal values COLUMN_4");
    expect(log).toContain("chart displayBlanksAs NotPlotted");
    expect(log).toContain('chart qi_bundle_chart "Bundle compliance"');
    expect(log).toContain("chart at J2:Q20");
    expect(log).toContain("freeze 1");
    expect(state.active).toBe("Bundle compliance");
    expect(state.syncs).toBe(6); // the read, then one sync per step
  });

  it("draws no goal line for a measure without a goal, and leaves displayBlanksAs alone before ExcelApi 1.8", async () => {
    const state = emptyState();
    const noGoal = measureSheetLayout({ ...bundle, goal: undefined } as never, ["2026-01"]);
    await hostOver(state, "1.7").createMeasureSheet(noGoal);
    expect(state.log.some((l) => l.startsWith("series Goal"))).toBe(false);
    expect(state.log.some((l) => l.startsWith("chart displayBlanksAs"))).toBe(false);
  });

  it("picks a free name when the sheet exists, and a free table name when a table or defined name has it", async () => {
    const state = emptyState();
    state.sheets["bundle compliance"] = { cells: {} };
    state.names = ["QI_BUNDLE"];
    expect((await hostOver(state).createMeasureSheet(layout)).sheetName).toBe("Bundle compliance (2)");
    expect(state.log).toContain("table qi_bundle_2 TableStyleMedium2");
    expect(uniqueSheetName("A".repeat(31), ["A".repeat(31)])).toBe(`${"A".repeat(27)} (2)`);
    expect(uniqueTableName("qi_x", ["qi_x", "QI_X_2"])).toBe("qi_x_3");
  });

  it("when the table's name clashes with a defined name, removes the sheet and says which step failed", async () => {
    const state = emptyState();
    state.sheets.Summary = { cells: {} };
    state.failures["table.name"] = "InvalidArgument: The name qi_bundle is already in use";
    const failure = hostOver(state).createMeasureSheet(layout);
    await expect(failure).rejects.toThrow(CreateSheetError);
    await expect(failure).rejects.toThrow(
      'Create sheet stopped when it tried to write the table ("Bundle compliance"): InvalidArgument: The name qi_bundle is already in use. The unfinished sheet was removed, so you can try again.',
    );
    expect(Object.keys(state.sheets)).toEqual(["Summary"]);
    expect(state.writes).toContain(`${state.syncs} delete sheet Bundle compliance`);

    // The retry makes the same sheet, not "Bundle compliance (2)".
    delete state.failures["table.name"];
    await expect(hostOver(state).createMeasureSheet(layout)).resolves.toEqual({ sheetName: "Bundle compliance" });
  });

  it("when the chart fails, removes the sheet (its table goes with it) and says the chart failed", async () => {
    const state = emptyState();
    state.failures["charts.add"] = "GeneralException: The chart could not be created";
    const error = (await hostOver(state)
      .createMeasureSheet(layout)
      .catch((e: unknown) => e)) as CreateSheetError;
    expect(error).toBeInstanceOf(CreateSheetError);
    expect(error.step).toBe("draw the run chart");
    expect(error.removed).toBe(true);
    expect(error.message).toMatch(/^Create sheet stopped when it tried to draw the run chart \("Bundle compliance"\): GeneralException: The chart could not be created\. The unfinished sheet was removed/);
    expect(state.sheets["Bundle compliance"]).toBeUndefined();
  });

  it("when the sheet cannot be removed either, says so and asks the user to delete it", async () => {
    const state = emptyState();
    state.failures["charts.add"] = "GeneralException: no chart";
    state.onSync = (sync) => {
      if (sync === 5) state.failures["worksheets.delete"] = "AccessDenied: the workbook is protected"; // as the chart fails
    };
    const error = (await hostOver(state)
      .createMeasureSheet(layout)
      .catch((e: unknown) => e)) as CreateSheetError;
    expect(error.removed).toBe(false);
    expect(error.message).toContain('The unfinished sheet could not be removed: delete "Bundle compliance", then try again.');
  });
});
