/**
 * Reading one measure sheet: find the series among the cells a person laid out by hand, read each
 * row, and say exactly which cell is wrong and how to fix it. The four phases live in their own
 * files (findHeaderRow, mapColumns, readRows, rowRules) and every text in sheetMessages.ts; this
 * file composes them.
 */
import { findHeaderRow } from "./findHeaderRow";
import type { HeaderColumns } from "./headers";
import { compareIssuesWithinSheet, type SheetIssue } from "./issues";
import { mapColumns } from "./mapColumns";
import { readRows } from "./readRows";
import { checkPeriods } from "./rowRules";
import { type ReadMeasureSheetInput, sheetContext } from "./sheetContext";
import { HEADER_TEXTS, ROW_TEXTS } from "./sheetMessages";

export type { CellGrid, ReadMeasureSheetInput } from "./sheetContext";

/** The series' columns as 0-based *sheet* columns (same keys as {@link HeaderColumns}). */
export type SheetColumns = HeaderColumns;

/** One row of the series as read. Every figure is `null` when its cell is blank or unreadable. */
export type MeasureSheetRow = {
  /** 0-based sheet row. */
  row: number;
  /** `YYYY-MM`, or `null` when the month cell could not be read (an issue says why). */
  period: string | null;
  numerator: number | null;
  denominator: number | null;
  /** As the Value cell shows it (a fraction formatted as % is read ×100); not filled in when blank. */
  value: number | null;
  goal: number | null;
  annotation: string | null;
};

/** What {@link readMeasureSheet} found on one sheet. */
export type MeasureSheetReading = {
  sheetName: string;
  /** Whether a series (a header row with a month column and a numbers column) was found. */
  found: boolean;
  /** 0-based sheet row of the header row, or `null` when none was found. */
  headerRow: number | null;
  /** 0-based sheet columns of the series. */
  columns: SheetColumns;
  /** 0-based sheet columns recognised as helper columns (median, limits…): never read as data. */
  helperColumns: number[];
  /** The rows holding a month or data, in sheet order; blank rows and "Total" rows are left out. */
  rows: MeasureSheetRow[];
  /** Problems, each located to a cell where possible; errors first, then by row. */
  issues: SheetIssue[];
  /** What was read from where, and what was not mapped and why, in plain words. */
  notes: string[];
};

/**
 * Find and read the series on one measure sheet, hand-built or made by "Create sheet".
 *
 * How it reads, in order:
 * 1. **Header row**: the first 50 rows are tried with `matchHeaders`; the row that names a month
 *    column and a numbers column (numerator, denominator or value), with the most columns named, is
 *    the header row. A header equal to the measure's name counts as its Value column.
 * 2. **Helper columns**: headed median/UCL/LCL/mean/SD…, or filled with formulas that give the same
 *    figure on every row (`=MEDIAN(B:B)`, `=C$2`, `=H$3+(H$2*3)`): noted, never read as data. Cells
 *    outside the table (a standard deviation typed to the right) are noted and ignored.
 * 3. **Rows**: every row under the header down to the end of the range. A row with nothing in the
 *    series' columns is skipped (a blank row is not a month); a row labelled "Total", "Average"…
 *    in the month column is skipped as a summary. **A blank cell is a missing figure, never 0.**
 * 4. **Checks**, each with its cell and a fix: unreadable, blank or duplicate months, months out of
 *    order, week numbers instead of months, text in number cells (`NOT_A_NUMBER`: "n/a", "12%",
 *    numbers stored as text, Excel errors), negative numbers, numerator > denominator (percent),
 *    denominator 0 (percent, rate), a numerator without its denominator or the reverse (or a value
 *    with neither: the data store needs both), a mean without its value or with a numerator (a mean
 *    is the typed value, n in Denominator: `NUMERATOR_NOT_USED`), a value
 *    that disagrees with numerator ÷ denominator (checked whether typed or a formula: a formula's
 *    result is trusted unless it disagrees), a percentage over 100, fractional counts, too-long
 *    annotations, and columns the measure's kind needs but the sheet lacks.
 *
 * The kind (percent, rate, count, mean) comes from `measure` when given, else from the value
 * header ("%" → percent, "Rate per 1,000 …" → rate ×1000); with neither, only kind-free checks run.
 * Checks that need the collaborative (future months, gaps, missing measures) are `validateWorkbook`'s.
 *
 * Runs in O(rows × columns).
 *
 * @param input the sheet's cells and what is known about it (see {@link ReadMeasureSheetInput})
 * @returns the reading: where the series is, its rows, issues and notes
 * @throws {CoreError} `invalid_shape` when `values` is not a 2-D array; `length_mismatch` when
 *   `formulas` or `numberFormat` has a different number of rows than `values`
 * @example
 * readMeasureSheet({ sheetName: "Falls", values: [["Month", "Falls"], ["2026-01", 4], ["2026-02", ""]] }).rows.map((r) => r.numerator); // => [4, null]
 */
export function readMeasureSheet(input: ReadMeasureSheetInput): MeasureSheetReading {
  const sheet = sheetContext(input);
  const { sheetName, issues, notes } = sheet;
  const finish = (reading: Omit<MeasureSheetReading, "sheetName" | "issues" | "notes">): MeasureSheetReading => ({
    sheetName,
    ...reading,
    issues: issues.sort(compareIssuesWithinSheet),
    notes,
  });

  // 1. The header row.
  const header = findHeaderRow(sheet, input.measure);
  if (!header.found) {
    sheet.issue("error", "NO_SERIES_FOUND", null, null, HEADER_TEXTS.noSeries(sheetName, header.why));
    notes.push(HEADER_TEXTS.noSeriesNote(header.why));
    return finish({ found: false, headerRow: null, columns: {}, helperColumns: [], rows: [] });
  }

  // 2. The columns.
  const map = mapColumns(sheet, header.r, header.match, input.measure);
  const { h, columns, helperColumns } = map;

  // 3. and 4. The rows, each checked by the row rules as it is read.
  const { rows, summaries, counts } = readRows(sheet, map, input.measure !== undefined);

  // Sheet-wide findings.
  const periodNote = columns.month === undefined ? null : checkPeriods(sheet, h, columns.month, header.match.periodUnit === "week", counts, rows.length);
  if (summaries.length > 0) notes.push(ROW_TEXTS.summaries(summaries));
  const firstData = h + 1;
  const rowsNote = ROW_TEXTS.rowsRead(rows.length, sheet.sheetRow(firstData) + 1, sheet.sheetRow(Math.max(firstData, sheet.height - 1)) + 1);
  notes.splice(1, 0, ...(periodNote === null ? [rowsNote] : [rowsNote, periodNote]));

  const sheetColumns: SheetColumns = {};
  for (const [key, c] of Object.entries(columns) as [keyof HeaderColumns, number][]) sheetColumns[key] = sheet.sheetCol(c);
  return finish({
    found: true,
    headerRow: sheet.sheetRow(h),
    columns: sheetColumns,
    helperColumns: [...helperColumns].map(sheet.sheetCol).sort((a, b) => a - b),
    rows,
  });
}
