// "Create sheet": writes a measure sheet from core's layout (measureSheetLayout): an Excel table with
// number formats set before the rows (so "2026-01" stays text), the Value formula, the calculated
// columns the run chart draws from (Chart value, Median, Goal), data validation on the typed columns,
// the operational definition as a note, and a native line chart bound to the table's columns.
//
// Excel.run has no rollback, so the sheet is built in steps, one sync each (sheet, table, checks,
// chart, finish). When a step fails, the new sheet is deleted (its table and chart go with it) and the
// error names the step: a retry then makes the same sheet again, not "Name (2)".
import { columnLetters as columnName } from "../../core/index";
import type { MeasureSheetLayout } from "../host";
import type { ExcelRun, SupportsApi } from "./run";

const MAX_SHEET_NAME = 31;

/** The layout's name, or "Name (2)", "Name (3)"… when taken (Excel compares sheet names ignoring case). */
export function uniqueSheetName(wanted: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; i < 1000; i++) {
    const suffix = ` (${i})`;
    const name = wanted.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
  throw new Error(`Could not find a free sheet name for "${wanted}"`);
}

/**
 * The layout's table name, or "name_2", "name_3"… when a table or a defined name already uses it
 * (a table's name shares one namespace with the workbook's defined names, compared ignoring case).
 */
export function uniqueTableName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  let name = wanted;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${wanted}_${i}`;
  return name;
}

/** Where the chart goes, for a table of `columns` columns starting at A1: one blank column to its right. */
export function chartPlacement(columns: number) {
  return { topLeft: `${columnName(columns + 1)}2`, bottomRight: `${columnName(columns + 8)}20` };
}

/** The steps of "Create sheet", as the error message names them. */
export type CreateStep = "add the sheet" | "write the table" | "add the checks and the note" | "draw the run chart" | "finish the sheet";

/** Why "Create sheet" failed: the step, Excel's reason, and whether the unfinished sheet was removed. */
export class CreateSheetError extends Error {
  override name = "CreateSheetError";
  constructor(
    readonly step: CreateStep,
    readonly sheetName: string,
    readonly reason: string,
    readonly removed: boolean,
    /** the button's name in the message: "Create sheet" or "Create PDSA log" */
    action = "Create sheet",
  ) {
    super(
      removed
        ? `${action} stopped when it tried to ${step} ("${sheetName}"): ${reason}. The unfinished sheet was removed, so you can try again.`
        : step === "add the sheet"
          ? `${action} could not add the sheet "${sheetName}": ${reason}.`
          : `${action} stopped when it tried to ${step} ("${sheetName}"): ${reason}. The unfinished sheet could not be removed: delete "${sheetName}", then try again.`,
    );
  }
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, "");

/**
 * The steps of a "Create …" button, each written and synced on its own: when one fails, the sheet the
 * earlier steps built is deleted (so the workbook is as it was) and a CreateSheetError says which step
 * failed, Excel's reason, and whether the removal worked. Office.js has no transactions: each sync
 * applies what was queued (docs/DESIGN.md "Excel behaviours we rely on").
 */
export function sheetSteps(context: Excel.RequestContext, sheetName: string, action = "Create sheet"): (name: CreateStep, write: () => void) => Promise<void> {
  let built = false; // whether a sheet exists to remove
  return async (name, write) => {
    try {
      write();
      await context.sync();
      built = true;
    } catch (error) {
      let removed = false;
      if (built) {
        try {
          context.workbook.worksheets.getItem(sheetName).delete();
          await context.sync();
          removed = true;
        } catch {
          // The message then asks the user to delete it.
        }
      }
      throw new CreateSheetError(name, sheetName, reasonOf(error), removed, action);
    }
  };
}

export async function createMeasureSheet(run: ExcelRun, supports: SupportsApi, layout: MeasureSheetLayout): Promise<{ sheetName: string }> {
  return run(async (context) => {
    const workbook = context.workbook;
    const worksheets = workbook.worksheets;
    worksheets.load("items/name");
    workbook.tables.load("items/name");
    workbook.names.load("items/name");
    await context.sync();
    const sheetName = uniqueSheetName(layout.sheetName, worksheets.items.map((s) => s.name));
    const tableName = uniqueTableName(layout.tableName, [...workbook.tables.items.map((t) => t.name), ...workbook.names.items.map((n) => n.name)]);

    const step = sheetSteps(context, sheetName);

    const columns = layout.headers.length;
    const rows = Math.max(1, layout.rows.length);
    const lastColumn = columnName(columns - 1);
    const sheet = () => workbook.worksheets.getItem(sheetName);

    await step("add the sheet", () => void worksheets.add(sheetName));

    let table!: Excel.Table;
    await step("write the table", () => {
      const ws = sheet();
      // Formats first: a Month typed into a General cell would become a date.
      ws.getRange(`A2:${lastColumn}${rows + 1}`).numberFormat = Array.from({ length: rows }, () => [...layout.numberFormats]);
      ws.getRange(`A1:${lastColumn}1`).values = [[...layout.headers]];
      table = ws.tables.add(`A1:${lastColumn}${rows + 1}`, true);
      table.name = tableName;
      table.style = "TableStyleMedium2";
      // The same formula on every row of a column makes it a calculated column, which Excel fills into
      // a row added to the table (https://support.microsoft.com/en-us/office/use-calculated-columns-in-an-excel-table-873fbac6-7110-4300-8f6f-aafa2ea11ce8).
      if (layout.rows.length > 0) table.getDataBodyRange().formulas = layout.rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : cell))) as (string | number | boolean)[][];
    });

    await step("add the checks and the note", () => {
      for (const rule of layout.validation) {
        const range = table.columns.getItemAt(rule.column).getDataBodyRange();
        range.dataValidation.clear();
        range.dataValidation.rule = rule.rule as Excel.DataValidationRule;
        range.dataValidation.errorAlert = rule.errorAlert as Excel.DataValidationErrorAlert;
      }
      // The operational definition, where the data lead looks first.
      if (supports("ExcelApi", "1.18")) sheet().notes.add(sheet().getRange("A1"), layout.note);
    });

    await step("draw the run chart", () => {
      // Every series is a whole table column, so a month added at the bottom of the table extends every
      // line (https://support.microsoft.com/en-us/office/update-the-data-in-an-existing-chart-06b76016-e9e3-49fe-8dfc-ca50beeed6e8).
      const column = (index: number) => table.columns.getItemAt(index).getDataBodyRange();
      const months = column(layout.chart.x);
      const chart = sheet().charts.add("Line", table.columns.getItemAt(layout.chart.value).getRange(), "Columns");
      chart.name = `${tableName}_chart`;
      chart.title.text = layout.sheetName;
      chart.legend.position = "Bottom";
      // #N/A in Chart value is a gap, as is an empty cell with "NotPlotted" (Excel.Chart.displayBlanksAs, ExcelApi 1.8).
      if (supports("ExcelApi", "1.8")) chart.displayBlanksAs = "NotPlotted";
      const value = chart.series.getItemAt(0);
      value.name = "Value";
      value.setXAxisValues(months);
      const median = chart.series.add("Median");
      median.setValues(column(layout.chart.median));
      median.setXAxisValues(months);
      median.format.line.lineStyle = "Dash";
      if (layout.chart.goal !== null) {
        const goal = chart.series.add("Goal");
        goal.setValues(column(layout.chart.goal));
        goal.setXAxisValues(months);
        goal.format.line.lineStyle = "RoundDot";
      }
      const place = chartPlacement(columns);
      chart.setPosition(place.topLeft, place.bottomRight);
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
