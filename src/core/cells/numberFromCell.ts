/** Single-cell number arguments: a required number, an optional one, a count, a baseline. */

import { basicCellValue, DATA_TYPE_FIX, isNumberlessDataType } from "../cellValue";
import { CoreError } from "../errors";
import { countOf } from "../words";
import { isBlankCell, notANumber } from "./describeCell";

/**
 * A required single number argument (a goal, a baseline value).
 *
 * @throws {CoreError} invalid_value when the cell is blank or not a finite number
 * @example
 * numberFromCell(0.9, "goal"); // => 0.9
 */
export function numberFromCell(cell: unknown, name: string): number {
  const value = basicCellValue(cell);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (isBlankCell(value)) throw new CoreError("invalid_value", `${name} is empty: enter a number`);
  const fix = isNumberlessDataType(value) ? DATA_TYPE_FIX : "enter a number";
  throw new CoreError("invalid_value", `${name} is ${notANumber(value)}: ${fix}`);
}

/**
 * An optional single number argument: `undefined` when omitted or blank.
 *
 * @example
 * optionalNumberFromCell(null, "target"); // => undefined
 */
export function optionalNumberFromCell(value: unknown, name: string): number | undefined {
  return isBlankCell(value) ? undefined : numberFromCell(value, name);
}

/**
 * An optional whole-number count argument (months, a threshold count): `fallback` when omitted
 * or blank, otherwise an integer of at least `min`.
 *
 * @throws {CoreError} invalid_value for a fraction, a number below `min`, or anything not a number
 * @example
 * countFromCell(null, "months", 3); // => 3
 * countFromCell(6, "months", 3); // => 6
 */
export function countFromCell(value: unknown, name: string, fallback: number, min = 1): number {
  if (isBlankCell(value)) return fallback;
  const n = numberFromCell(value, name);
  if (!Number.isInteger(n) || n < min) {
    throw new CoreError("invalid_value", `${name} must be a whole number of at least ${min}, got ${n}`);
  }
  return n;
}

/**
 * The optional `baseline` argument of the run-chart functions: how many points, from the first,
 * the center line is taken from. Blank, omitted or 0 means "all points" (so a formula can point
 * at an empty settings cell). Blank months inside the range count towards it: it is a number of
 * months, not of values.
 *
 * @param value the argument as Excel passes it
 * @param pointCount how many points (cells) the series has
 * @returns the baseline, or `undefined` for all points
 * @throws {CoreError} invalid_value for a fraction, a negative number, or more points than the range holds
 * @example
 * baselineFromCell(null, 24); // => undefined
 * baselineFromCell(12, 24); // => 12
 */
export function baselineFromCell(cell: unknown, pointCount: number): number | undefined {
  const value = basicCellValue(cell);
  if (isBlankCell(value) || value === 0) return undefined;
  const n = numberFromCell(value, "baseline");
  if (!Number.isInteger(n) || n < 0) {
    throw new CoreError("invalid_value", `baseline must be a whole number of points (e.g. 12), got ${n}`);
  }
  if (n > pointCount) {
    throw new CoreError(
      "invalid_value",
      `baseline ${n} is more than the ${countOf(pointCount, "point")} in values: give at most ${pointCount}, or leave it empty to use all points`,
    );
  }
  return n;
}
