/** One row or column of cells read as logical values, texts or numbers, naming the row on bad input. */

import { basicCellValue, DATA_TYPE_FIX, isNumberlessDataType } from "../cellValue";
import { CoreError } from "../errors";
import { lineOfCells } from "./cellShape";
import { describeCell, isBlankCell, notANumber } from "./describeCell";

/**
 * Logical values of a single row or column: TRUE/FALSE, or `null` for a blank cell. The numbers 1
 * and 0 are read as TRUE and FALSE (what `--(A1>5)` gives).
 *
 * @throws {CoreError} invalid_shape / invalid_value naming the row
 * @example
 * booleansFromCells([[true], [null], [0]], "improving"); // => [true, null, false]
 */
export function booleansFromCells(cells: unknown[][], name: string): (boolean | null)[] {
  return lineOfCells(cells, name).map((cell, i) => {
    const value = basicCellValue(cell);
    if (typeof value === "boolean") return value;
    if (value === 1 || value === 0) return value === 1;
    if (isBlankCell(value)) return null;
    throw new CoreError("invalid_value", `${name} row ${i + 1} is ${describeCell(value)}: enter TRUE or FALSE`);
  });
}

/**
 * Text of a single row or column, trimmed; `null` for a blank (or all-space) cell.
 *
 * @throws {CoreError} invalid_shape / invalid_value naming the row
 * @example
 * textsFromCells([[" Outcome "], [""]], "measureTypes"); // => ["Outcome", null]
 */
export function textsFromCells(cells: unknown[][], name: string): (string | null)[] {
  return lineOfCells(cells, name).map((cell, i) => {
    const value = basicCellValue(cell);
    if (isBlankCell(value)) return null;
    if (typeof value !== "string") {
      throw new CoreError("invalid_value", `${name} row ${i + 1} is ${describeCell(value)}: enter text`);
    }
    const text = value.trim();
    return text === "" ? null : text;
  });
}

/**
 * Numbers of a single row or column where blanks mean "not given" (not a missing month): like
 * {@link fromCells} but messages say "row".
 *
 * @example
 * numbersFromCells([[6], [null]], "monthsAtGoal"); // => [6, null]
 */
export function numbersFromCells(cells: unknown[][], name: string): (number | null)[] {
  return lineOfCells(cells, name).map((cell, i) => {
    const value = basicCellValue(cell);
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (isBlankCell(value)) return null;
    const fix = isNumberlessDataType(value) ? DATA_TYPE_FIX : "enter a number or leave it empty";
    throw new CoreError("invalid_value", `${name} row ${i + 1} is ${notANumber(value)}: ${fix}`);
  });
}
