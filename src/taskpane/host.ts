// What the task pane needs from the workbook, as plain data. src/taskpane/office/ implements it over
// Office.js (Excel.run); tests and the headless browser test implement it over an in-memory workbook.
// Components receive an ExcelHost as a prop and never touch Office.js themselves.
import type { ChartLabel, DataTypeCell, MeasureSheetLayout, PdsaLogLayout } from "../core/index";

export type { ChartLabel, MeasureSheetLayout, PdsaLogLayout };

/**
 * A cell as Excel reports it: blanks arrive as "" (Range.values), errors as "#N/A"-style strings. A cell
 * holding a data type with no number (an entity, a linked data type…), which Range.values shows as
 * "#VALUE!", is given as its Excel.CellValue (Range.valuesAsJson) so the pane can say what it holds.
 */
export type CellValue = string | number | boolean | null | DataTypeCell;

/** A sheet's used range: values and formulas of the same shape, and where the range starts. */
export interface SheetSnapshot {
  sheetName: string;
  values: CellValue[][];
  /** Formulas where a cell has one ("=B2/C2"), else the constant, as Range.formulas gives them. */
  formulas: CellValue[][];
  /** Number formats (Range.numberFormat): tell date serials and percentages apart. */
  numberFormat: string[][];
  /** 0-based row and column of the top-left cell of `values` (the used range may not start at A1). */
  origin: { row: number; column: number };
  /** The workbook's date system (1904 in some workbooks made on a Mac): how date serials count. Absent: 1900. */
  dateSystem?: 1900 | 1904;
}

/** A cell the pane flags: filled and given a note until the problem is fixed. */
export interface CellMark {
  sheetName: string;
  /** A1 address of one cell, e.g. "C14". */
  address: string;
  severity: "error" | "warning";
  /** The issue, written for the note ("QI check: numerator 12 is larger than denominator 10"). */
  message: string;
}

/** What marking could not do, for the pane's issue list. */
export interface MarkResult {
  /** Protected sheets: Excel refuses a fill there, so their cells were left unmarked (and old marks kept). */
  skippedSheets: string[];
  /** Cells ("Sheet!B3") that refused a note (a threaded comment is there): they have the fill only. */
  notesRefused: string[];
}

/** Non-secret connection details kept in the workbook, so whoever opens it next sees where it reports. */
export interface WorkbookSettings {
  storeUrl?: string;
  collaborativeId?: string;
  teamId?: string;
  /** measureId → sheet name, for sheets whose names do not match their measure (set in the Sheets screen). */
  sheetMap?: Record<string, string>;
  /** The sheet holding the team's PDSA log, when its name does not say PDSA (set in the Sheets screen). */
  pdsaSheet?: string;
}

export interface ReadProgress {
  rowsRead: number;
  rowCount: number;
}

export interface ExcelHost {
  /** "excel" inside Excel; "test" for the in-memory host of the browser tests. */
  readonly kind: "excel" | "test";
  listSheets(): Promise<string[]>;
  /** The used range of a sheet, read in row blocks (Excel on the web caps one request at 5 MB). */
  readSheet(sheetName: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetSnapshot>;
  /**
   * Writes a new measure sheet: the layout's table (its Chart value, Median and Goal columns are
   * calculated columns, so a month added at the bottom extends every line), formats, validation and
   * note, plus a run chart of the Chart value column (#N/A, a gap, for a month without data), the
   * median and the goal. Built step by step; when a step fails the new sheet is deleted and the error
   * names the step, so a retry does not make "Name (2)". Returns the name used (a suffix is added when
   * the name is taken).
   */
  createMeasureSheet(layout: MeasureSheetLayout): Promise<{ sheetName: string }>;
  /**
   * Writes the PDSA log: an Excel table with the layout's headers, date formats on the two date
   * columns, the decision drop-down and the note. Like `createMeasureSheet`, built in steps and removed
   * when a step fails. Returns the name used (a suffix when "PDSA log" is taken).
   */
  createPdsaLog(layout: PdsaLogLayout): Promise<{ sheetName: string }>;
  /**
   * Labels the PDSA cycles on a measure sheet's run chart (the one "Create sheet" drew): data labels
   * on the points of its value series, `labels` exactly (a point labelled before and not now loses
   * its label). Returns false when the sheet has no such chart (nothing to label).
   */
  labelCycles(sheetName: string, labels: readonly ChartLabel[]): Promise<boolean>;
  /**
   * Makes `marks` the set of marked cells: marks no longer in the set are removed (original fill
   * restored, "no fill" as no fill; our note deleted), new ones are added. The marked addresses are
   * remembered in the workbook, written before any fill. Protected sheets are skipped and cells that
   * refuse a note (a threaded comment) get the fill only: both are reported.
   */
  markCells(marks: readonly CellMark[]): Promise<MarkResult>;
  clearMarks(): Promise<MarkResult>;
  /** Activates the sheet and selects the cell, so the data lead lands on it. */
  selectCell(sheetName: string, address: string): Promise<void>;
  getSettings(): Promise<WorkbookSettings>;
  saveSettings(settings: WorkbookSettings): Promise<void>;
}
