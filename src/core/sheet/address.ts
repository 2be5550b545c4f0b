import { CoreError } from "../errors";

/** Excel's last column (XFD) and last row, 0-based: a worksheet has 16,384 columns and 1,048,576 rows. */
export const MAX_SHEET_COLUMN = 16383;
export const MAX_SHEET_ROW = 1048575;

/**
 * The letters Excel gives a 0-based column: 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
 * Excel's column names are bijective base 26 (there is no zero digit), so each step divides by 26
 * after taking one off.
 *
 * Runs in O(log₂₆ column).
 *
 * @param column 0-based column index, 0 to 16383
 * @returns the column letters
 * @throws {CoreError} `invalid_value` when `column` is not an integer in range
 * @example
 * columnLetters(27); // => "AB"
 */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column > MAX_SHEET_COLUMN) {
    throw new CoreError("invalid_value", `invalid column: ${column} (use a 0-based index from 0 to ${MAX_SHEET_COLUMN})`);
  }
  let letters = "";
  let n = column + 1;
  while (n > 0) {
    const digit = (n - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The A1-style address of a cell from its 0-based row and column, as Excel shows it in the Name Box.
 * Issue messages name cells this way so that a data lead can find them.
 *
 * @param row 0-based row index (0 is Excel row 1)
 * @param column 0-based column index (0 is column A)
 * @returns e.g. "C14"
 * @throws {CoreError} `invalid_value` when either index is not an integer in range
 * @example
 * a1Address(13, 2); // => "C14"
 * @example
 * a1Address(0, 26); // => "AA1"
 */
export function a1Address(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 0 || row > MAX_SHEET_ROW) {
    throw new CoreError("invalid_value", `invalid row: ${row} (use a 0-based index from 0 to ${MAX_SHEET_ROW})`);
  }
  return `${columnLetters(column)}${row + 1}`;
}

/**
 * The 0-based row and column of an A1-style address: the inverse of {@link a1Address}. Dollar signs
 * (absolute references) are ignored; lowercase is accepted. Returns `null` for anything that is not
 * a single cell inside Excel's grid.
 *
 * @example
 * parseA1("$C$14"); // => { row: 13, column: 2 }
 */
export function parseA1(address: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (match === null) return null;
  let column = 0;
  for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  column -= 1;
  const row = Number(match[2]) - 1;
  if (column > MAX_SHEET_COLUMN || row < 0 || row > MAX_SHEET_ROW) return null;
  return { row, column };
}
