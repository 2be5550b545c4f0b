// "Create PDSA log": writes the team's PDSA log from core's layout (pdsaLogLayout): an Excel table with
// the log's headers, number formats set before the rows ("@" keeps a label "1" as text, "yyyy-mm-dd"
// makes a typed date a date), the decision drop-down and the date checks, and the note on A1. Built
// in steps like "Create sheet" (Excel.run has no rollback): a failed step deletes the new sheet and
// the error names the step.
import { columnLetters as columnName } from "../../core/index";
import type { PdsaLogLayout } from "../host";
import { sheetSteps, uniqueSheetName, uniqueTableName } from "./createMeasureSheet";
import type { ExcelRun, SupportsApi } from "./run";


export async function createPdsaLog(run: ExcelRun, supports: SupportsApi, layout: PdsaLogLayout): Promise<{ sheetName: string }> {
  return run(async (context) => {
    const workbook = context.workbook;
    workbook.worksheets.load("items/name");
    workbook.tables.load("items/name");
    workbook.names.load("items/name");
    await context.sync();
    const sheetName = uniqueSheetName(layout.sheetName, workbook.worksheets.items.map((s) => s.name));
    const tableName = uniqueTableName(layout.tableName, [...workbook.tables.items.map((t) => t.name), ...workbook.names.items.map((n) => n.name)]);
    const step = sheetSteps(context, sheetName, "Create PDSA log");
    const lastColumn = columnName(layout.headers.length - 1);
    const rows = Math.max(1, layout.rows);
    const sheet = () => workbook.worksheets.getItem(sheetName);

    await step("add the sheet", () => void workbook.worksheets.add(sheetName));
    let table!: Excel.Table;
    await step("write the table", () => {
      const ws = sheet();
      // Formats first: a date typed into a text cell would stay text, a label "1" in a General cell a number.
      ws.getRange(`A2:${lastColumn}${rows + 1}`).numberFormat = Array.from({ length: rows }, () => [...layout.numberFormats]);
      ws.getRange(`A1:${lastColumn}1`).values = [[...layout.headers]];
      table = ws.tables.add(`A1:${lastColumn}${rows + 1}`, true);
      table.name = tableName;
      table.style = "TableStyleMedium7";
    });
    await step("add the checks and the note", () => {
      for (const rule of layout.validation) {
        const range = table.columns.getItemAt(rule.column).getDataBodyRange();
        range.dataValidation.clear();
        range.dataValidation.rule = rule.rule as Excel.DataValidationRule;
        range.dataValidation.errorAlert = rule.errorAlert as Excel.DataValidationErrorAlert;
      }
      if (supports("ExcelApi", "1.18")) sheet().notes.add(sheet().getRange("A1"), layout.note);
    });
    await step("finish the sheet", () => {
      const ws = sheet();
      ws.freezePanes.freezeRows(1);
      ws.getRange(`A1:${lastColumn}1`).format.autofitColumns();
      ws.activate();
    });
    return { sheetName };
  });
}
