/** Reading a single cell for messages: is it blank, and how would a spreadsheet user describe it. */

import { basicCellValue, describeDataType, isDataTypeCell, isNumberlessDataType } from "../cellValue";

/**
 * Whether a cell value is blank: `null`, `undefined` or the empty string `""` (also an empty
 * `Excel.CellValue`, `{ type: "Empty" }`).
 *
 * @example
 * isBlankCell(""); // => true
 * isBlankCell(0); // => false
 */
export function isBlankCell(value: unknown): boolean {
  const plain = basicCellValue(value);
  return plain === null || plain === undefined || plain === "";
}

/**
 * Describe a cell value the way a spreadsheet user would read it, for error messages.
 *
 * @example
 * describeCell("n/a"); // => "text 'n/a'"
 * describeCell(true); // => "the logical value TRUE"
 */
export function describeCell(cell: unknown): string {
  const value = basicCellValue(cell);
  if (isDataTypeCell(value)) return describeDataType(value);
  if (typeof value === "string") return NUMERIC_TEXT.test(value) ? `the number ${value.trim()} stored as text` : `text '${value}'`;
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  if (typeof value === "number") return Number.isNaN(value) ? "not a number (NaN)" : `the number ${value}`;
  if (value !== null && typeof value === "object") {
    const code = (value as { code?: unknown }).code;
    return typeof code === "string" ? `the error ${code}` : "an error value";
  }
  return String(value);
}

/** A plain decimal number written as text, optionally signed, with an optional exponent. */
export const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The cell described where a number was wanted: a data type also says that it has no number. */
export function notANumber(value: unknown): string {
  return isNumberlessDataType(value) ? `${describeCell(value)}, which has no number` : describeCell(value);
}
