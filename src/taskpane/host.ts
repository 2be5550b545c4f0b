// What the task pane needs from the workbook, as plain data. src/taskpane/office/ implements it over
// Office.js (Excel.run); tests and the headless browser test implement it over an in-memory workbook.
// Components receive an ExcelHost as a prop and never touch Office.js themselves.
import type { DataTypeCell } from "../core/cellValue";
import type { MeasureSheetLayout } from "../core/sheet/layout";

export type { MeasureSheetLayout };

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

/** Non-secret connection details kept in the workbook, so whoever opens it next sees where it reports. */
export interface WorkbookSettings {
  storeUrl?: string;
  collaborativeId?: string;
  teamId?: string;
  /** measureId → sheet name, for sheets whose names do not match their measure (set in the Sheets screen). */
  sheetMap?: Record<string, string>;
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
   * Writes a new measure sheet: the layout's table, formats, validation and note, plus a run chart of
   * Value with its median (=QI.CENTERLINE in a helper column) and the goal. Returns the name used (a
   * suffix is added when the name is taken).
   */
  createMeasureSheet(layout: MeasureSheetLayout): Promise<{ sheetName: string }>;
  /**
   * Makes `marks` the set of marked cells: marks no longer in the set are removed (original fill
   * restored, note deleted), new ones are added. The marked addresses are remembered in the workbook.
   */
  markCells(marks: readonly CellMark[]): Promise<void>;
  clearMarks(): Promise<void>;
  /** Activates the sheet and selects the cell, so the data lead lands on it. */
  selectCell(sheetName: string, address: string): Promise<void>;
  getSettings(): Promise<WorkbookSettings>;
  saveSettings(settings: WorkbookSettings): Promise<void>;
}
