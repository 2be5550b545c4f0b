// "Create sheet": writes a measure sheet from core's layout (measureSheetLayout): an Excel table with
// number formats set before the rows (so "2026-01" stays text), the Value formula, data validation on
// the typed columns, the operational definition as a note, a Median helper column computed by
// =QI.CENTERLINE over the Value column, and a native line chart of Value, Median and Goal.
import { columnLetters as columnName } from "../../core/sheet/address";
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

/** Where the helper column and the chart go, for a table of `columns` columns starting at A1. */
export function helperPlacement(columns: number, rows: number) {
  const medianColumn = columns + 1; // one blank column between the table and the helper
  return {
    medianColumn,
    medianHeader: `${columnName(medianColumn)}1`,
    medianBody: `${columnName(medianColumn)}2:${columnName(medianColumn)}${rows + 1}`,
    chartTopLeft: `${columnName(medianColumn + 2)}2`,
    chartBottomRight: `${columnName(medianColumn + 9)}20`,
  };
}

export async function createMeasureSheet(run: ExcelRun, supports: SupportsApi, layout: MeasureSheetLayout): Promise<{ sheetName: string }> {
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    const tables = context.workbook.tables;
    tables.load("items/name");
    await context.sync();
    const sheetName = uniqueSheetName(layout.sheetName, worksheets.items.map((s) => s.name));
    const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));
    let tableName = layout.tableName;
    for (let i = 2; tableNames.has(tableName.toLowerCase()); i++) tableName = `${layout.tableName}_${i}`;

    const sheet = worksheets.add(sheetName);
    const columns = layout.headers.length;
    const rows = Math.max(1, layout.rows.length);
    const lastColumn = columnName(columns - 1);

    // Formats first: a Month typed into a General cell would become a date.
    const body = sheet.getRange(`A2:${lastColumn}${rows + 1}`);
    body.numberFormat = Array.from({ length: rows }, () => [...layout.numberFormats]);
    sheet.getRange(`A1:${lastColumn}1`).values = [[...layout.headers]];
    const table = sheet.tables.add(`A1:${lastColumn}${rows + 1}`, true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
    if (layout.rows.length > 0) table.getDataBodyRange().formulas = layout.rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : cell))) as (string | number | boolean)[][];

    for (const rule of layout.validation) {
      const range = table.columns.getItemAt(rule.column).getDataBodyRange();
      range.dataValidation.clear();
      range.dataValidation.rule = rule.rule as Excel.DataValidationRule;
      range.dataValidation.errorAlert = rule.errorAlert as Excel.DataValidationErrorAlert;
    }

    // The operational definition, where the data lead looks first.
    if (supports("ExcelApi", "1.18")) sheet.notes.add(sheet.getRange("A1"), layout.note);

    // Median helper: one =QI.CENTERLINE over the whole Value column per row, so the chart draws a flat line.
    const valueIndex = layout.headers.indexOf("Value");
    const goalIndex = layout.headers.indexOf("Goal");
    const place = helperPlacement(columns, rows);
    if (valueIndex >= 0) {
      sheet.getRange(place.medianHeader).values = [["Median"]];
      sheet.getRange(place.medianBody).formulas = Array.from({ length: rows }, () => [`=QI.CENTERLINE(${tableName}[Value])`]);
      sheet.getRange(place.medianBody).numberFormat = Array.from({ length: rows }, () => [layout.numberFormats[valueIndex] ?? "General"]);

      const months = table.columns.getItemAt(0).getDataBodyRange();
      const chart = sheet.charts.add("Line", table.columns.getItemAt(valueIndex).getRange(), "Columns");
      chart.name = `${tableName}_chart`;
      chart.title.text = layout.sheetName;
      chart.legend.position = "Bottom";
      chart.series.getItemAt(0).setXAxisValues(months);
      const median = chart.series.add("Median");
      median.setValues(sheet.getRange(place.medianBody));
      median.setXAxisValues(months);
      median.format.line.lineStyle = "Dash";
      const hasGoal = goalIndex >= 0 && layout.rows.some((row) => typeof row[goalIndex] === "number");
      if (hasGoal) {
        const goal = chart.series.add("Goal");
        goal.setValues(table.columns.getItemAt(goalIndex).getDataBodyRange());
        goal.setXAxisValues(months);
        goal.format.line.lineStyle = "RoundDot";
      }
      chart.setPosition(place.chartTopLeft, place.chartBottomRight);
    }

    sheet.freezePanes.freezeRows(1);
    sheet.getRange(`A1:${lastColumn}1`).format.autofitColumns();
    sheet.activate();
    await context.sync();
    return { sheetName };
  });
}
