/**
 * What every phase of readMeasureSheet shares: the sheet's cells, how a grid position becomes a
 * sheet address, and the list the issues and notes are gathered in.
 */
import { CoreError } from "../errors";
import type { MeasureDefinition } from "../schema/collaborative";
import { countOf } from "../words";
import { columnLetters } from "./address";
import { type SheetIssue, type SheetIssueCode, sheetIssue } from "./issues";
import type { DateSystem } from "./period";

/** A 2-D block of cells as Excel's `range.values` / `range.formulas` / `range.numberFormat` give it. */
export type CellGrid = readonly (readonly unknown[])[];

/** What {@link readMeasureSheet} reads. */
export type ReadMeasureSheetInput = {
  sheetName: string;
  /** The used range's values (`range.values`): blank cells are `""`, formulas already evaluated. */
  values: CellGrid;
  /** The same range's `range.formulas` (same shape): "=B2/C2*100" where a cell holds a formula. */
  formulas?: CellGrid;
  /** The same range's `range.numberFormat` (same shape): tells date serials and percentages apart. */
  numberFormat?: CellGrid;
  /** 0-based sheet position of `values[0][0]`. Default `{ row: 0, column: 0 }` (A1). */
  origin?: { row: number; column: number };
  /** The measure the sheet holds, when known: its kind decides which columns are required and checked. */
  measure?: MeasureDefinition;
  /** How to read an ambiguous numeric date such as "03/04/2026" (see `parsePeriod`). Default: refuse it. */
  dateOrder?: "dmy" | "mdy";
  /** The workbook's date system, for month cells holding date serials (see `parsePeriod`). Default 1900. */
  dateSystem?: DateSystem;
};

/** The sheet as the phases see it. Rows `r` and columns `c` are 0-based positions in `values`. */
export type SheetContext = {
  input: ReadMeasureSheetInput;
  sheetName: string;
  values: CellGrid;
  height: number;
  width: number;
  formulaAt(r: number, c: number): unknown;
  formatAt(r: number, c: number): unknown;
  /** 0-based sheet row of grid row `r`. */
  sheetRow(r: number): number;
  /** 0-based sheet column of grid column `c`. */
  sheetCol(c: number): number;
  /** The column's letters on the sheet ("C"). */
  letters(c: number): string;
  /** The cell's A1 address on the sheet. */
  addr(r: number, c: number): string;
  /** Report an issue at a grid cell (`null` for the whole sheet or column). */
  issue(severity: SheetIssue["severity"], code: SheetIssueCode, r: number | null, c: number | null, message: string, period?: string | null): void;
  issues: SheetIssue[];
  notes: string[];
};

function checkGrid(reader: string, name: string, grid: unknown, height: number | null): void {
  if (!Array.isArray(grid) || grid.some((row) => !Array.isArray(row))) {
    throw new CoreError("invalid_shape", `${reader}: ${name} must be a 2-D array of cells, as range.${name} gives it`);
  }
  if (height !== null && grid.length !== height) {
    throw new CoreError("length_mismatch", `${reader}: ${name} has ${countOf(grid.length, "row")} but values has ${height}`);
  }
}

/**
 * Check the grids' shapes and build the shared context (`reader` names the caller in shape errors;
 * the PDSA log reader shares it).
 *
 * @throws {CoreError} `invalid_shape` when a grid is not 2-D; `length_mismatch` when `formulas` or
 *   `numberFormat` has a different number of rows than `values`
 */
export function sheetContext(input: ReadMeasureSheetInput, reader = "readMeasureSheet"): SheetContext {
  const { sheetName, values } = input;
  checkGrid(reader, "values", values, null);
  if (input.formulas !== undefined) checkGrid(reader, "formulas", input.formulas, values.length);
  if (input.numberFormat !== undefined) checkGrid(reader, "numberFormat", input.numberFormat, values.length);
  const origin = input.origin ?? { row: 0, column: 0 };
  const measureId = input.measure?.id ?? null;
  const sheetRow = (r: number): number => origin.row + r;
  const sheetCol = (c: number): number => origin.column + c;
  const issues: SheetIssue[] = [];
  return {
    input,
    sheetName,
    values,
    height: values.length,
    width: values.reduce((w, row) => Math.max(w, row.length), 0),
    formulaAt: (r, c) => input.formulas?.[r]?.[c],
    formatAt: (r, c) => input.numberFormat?.[r]?.[c],
    sheetRow,
    sheetCol,
    letters: (c) => columnLetters(sheetCol(c)),
    addr: (r, c) => `${columnLetters(sheetCol(c))}${sheetRow(r) + 1}`,
    issue: (severity, code, r, c, message, period = null) => {
      issues.push(
        sheetIssue({
          severity,
          code,
          sheetName,
          measureId,
          period,
          row: r === null ? null : sheetRow(r),
          column: c === null ? null : sheetCol(c),
          message,
        }),
      );
    },
    issues,
    notes: [],
  };
}
