/** A range of cells as a series of numbers with gaps (the rules are in ./index.ts). */

import { basicCellValue, DATA_TYPE_FIX, isNumberlessDataType } from "../cellValue";
import { CoreError } from "../errors";
import { lineOfCells } from "./cellShape";
import { isBlankCell, notANumber, NUMERIC_TEXT } from "./describeCell";

/**
 * Turn an Excel range into a series: one number or `null` (a missing month) per cell, in order.
 * Accepts one row or one column (a 1×1 range too). See the file comment for the full rules.
 *
 * Runs in O(n).
 *
 * @param cells the range as Excel passes it: an array of rows
 * @param name the argument's name in messages (default `"values"`)
 * @returns the series, `null` for each blank cell
 * @throws {CoreError} invalid_shape for a block wider than one; invalid_value for text, a logical,
 *   an error value or a non-finite number, naming the point (1-based)
 * @example
 * fromCells([[12], [null], [""], [15]]); // => [12, null, null, 15]
 * fromCells([[1, 2, 3]]); // => [1, 2, 3]
 */
export function fromCells(cells: unknown[][], name = "values"): (number | null)[] {
  const line = lineOfCells(cells, name);
  const series = new Array<number | null>(line.length);
  for (let i = 0; i < line.length; i++) {
    const value = basicCellValue(line[i]);
    if (typeof value === "number" && Number.isFinite(value)) series[i] = value;
    else if (isBlankCell(value)) series[i] = null;
    else throw new CoreError("invalid_value", `${pointName(name, i)} is ${notANumber(value)}: ${fixFor(value, name)}`);
  }
  return series;
}

/** "point 7" for the series itself, "denominators cell 7" for any other range. */
function pointName(name: string, index: number): string {
  return name === "values" ? `point ${index + 1}` : `${name} cell ${index + 1}`;
}

function fixFor(value: unknown, name: string): string {
  if (isNumberlessDataType(value)) return DATA_TYPE_FIX;
  if (typeof value === "string" && NUMERIC_TEXT.test(value)) {
    return "re-enter it as a number (Excel's charts and SUM do not treat it as one)";
  }
  if (typeof value === "number") return "enter a finite number";
  return name === "values" || name === "denominators"
    ? "enter a number, or leave the cell empty for a missing month"
    : "enter a number, or leave the cell empty";
}
