/**
 * Excel-style cell values in, typed core inputs out (and back): the one place that decides what a
 * blank cell, a text cell or a wrong-shaped range means. Pure: the custom functions, the task pane
 * and tests all go through these rules, so a range means the same thing everywhere.
 *
 * The rules, written down once (d3/Plot style):
 * - A **blank** cell is a missing month: `null`, `undefined` and `""` (what Excel passes for an empty
 *   cell, or a formula that returns "") all become `null`. A blank never becomes 0.
 * - A **number** passes unchanged (it must be finite).
 * - **Text, logical values (TRUE/FALSE) and error values are refused**, naming the point (1-based,
 *   counted from the first cell of the range) and saying how to fix it.
 * - **Text that looks like a number ("12", " 3.5 ") is refused too**, with its own message. Excel
 *   passes numbers typed into cells as numbers; a number stored as text comes from a paste or an
 *   import, and Excel itself is inconsistent about it (SUM and AVERAGE skip it, line charts plot it
 *   as 0). Accepting it silently would make our answer disagree with the team's own chart and
 *   totals; refusing it points at the cell that needs fixing, once.
 *
 * - A cell holding an Excel **data type** (`Excel.CellValue`, see src/core/cellValue.ts) is read by its
 *   basic value, the value `Range.values` gives for it: a formatted number is its number. One with no
 *   usable basic value (an entity, a linked data type such as Stocks, an image) is refused with a
 *   message that names what the cell holds.
 *
 * Known platform caveat, not yet checked in real Excel: some Excel builds have been reported to
 * pass an empty cell as 0 rather than null to custom functions (office-js issues #1951 for
 * repeating matrix arguments, #4702 for a single cell on Windows desktop, #5262 for optional
 * ranges). Nothing here can tell such a 0 from a real 0.
 */

import { basicCellValue, DATA_TYPE_FIX, describeDataType, isDataTypeCell, isNumberlessDataType } from "./cellValue";
import { IMPROVEMENT_DIRECTIONS, type ImprovementDirection } from "./direction";
import { CoreError } from "./errors";
import { countOf } from "./words";

/** A value Excel can show in a cell: a number, text or a logical. `""` shows as an empty cell. */
export type CellOutput = number | string | boolean;

/** What a missing figure becomes in a spilled result: an empty-looking cell (Excel shows `null` as 0). */
export const EMPTY_CELL = "";

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
const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Rows and columns of a range as Excel passes it (an array of rows). */
export type CellShape = { rows: number; columns: number };

/**
 * The shape of a range, checking that it is a non-empty rectangle.
 *
 * @throws {CoreError} invalid_shape when the range is empty or its rows differ in length
 * @example
 * shapeOf([[1, 2, 3]]); // => { rows: 1, columns: 3 }
 */
export function shapeOf(cells: unknown[][], name = "values"): CellShape {
  if (!Array.isArray(cells) || cells.length === 0 || !Array.isArray(cells[0]) || cells[0].length === 0) {
    throw new CoreError("invalid_shape", `${name} is empty: select the cells that hold the data`);
  }
  const columns = cells[0].length;
  for (const row of cells) {
    if (!Array.isArray(row) || row.length !== columns) {
      throw new CoreError("invalid_shape", `${name} must be a rectangular range of cells`);
    }
  }
  return { rows: cells.length, columns };
}

/**
 * The cells of a single row or a single column (a 1×1 range too), in reading order.
 *
 * @throws {CoreError} invalid_shape for an empty range or a block wider than one in both directions
 * @example
 * lineOfCells([[1], [2], [3]]); // => [1, 2, 3]
 */
export function lineOfCells(cells: unknown[][], name = "values"): unknown[] {
  const { rows, columns } = shapeOf(cells, name);
  if (rows === 1) return cells[0].slice();
  if (columns === 1) return cells.map((row) => row[0]);
  throw new CoreError(
    "invalid_shape",
    `${name} must be a single row or column, got ${columns} columns × ${rows} rows`,
  );
}

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

/** The cell described where a number was wanted: a data type also says that it has no number. */
function notANumber(value: unknown): string {
  return isNumberlessDataType(value) ? `${describeCell(value)}, which has no number` : describeCell(value);
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

/**
 * An optional text argument chosen from a list (case-insensitive, trimmed); `fallback` when blank.
 *
 * @throws {CoreError} invalid_option listing the accepted words
 * @example
 * choiceFromCell(" Anhoej ", "ruleSet", ["ihi", "anhoej"], "ihi"); // => "anhoej"
 */
export function choiceFromCell<T extends string>(cell: unknown, name: string, choices: readonly T[], fallback?: T): T {
  const value = basicCellValue(cell);
  if (isBlankCell(value) && fallback !== undefined) return fallback;
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((choice) => choice === text);
  if (found !== undefined) return found;
  const shown = isBlankCell(value) ? "nothing" : describeCell(value);
  throw new CoreError("invalid_option", `${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}; got ${shown}`);
}

/** Words accepted for each improvement direction, lowercase. */
export const DIRECTION_WORDS: Readonly<Record<ImprovementDirection, readonly string[]>> = {
  increase: ["increase", "up", "higher", "increasing", "higher is better"],
  decrease: ["decrease", "down", "lower", "decreasing", "lower is better"],
  neutral: ["neutral", "none"],
};

/**
 * Read a measure's direction of improvement from a cell: "increase" (also "up", "higher",
 * "increasing", "higher is better"), "decrease" (also "down", "lower", "decreasing",
 * "lower is better") or "neutral" (also "none"), in any case, trimmed.
 *
 * @throws {CoreError} invalid_option listing the accepted words
 * @example
 * parseDirection(" Up "); // => "increase"
 * parseDirection("LOWER"); // => "decrease"
 */
export function parseDirection(cell: unknown): ImprovementDirection {
  const text = basicCellValue(cell);
  if (typeof text === "string") {
    const word = text.trim().toLowerCase().replace(/\s+/g, " ");
    for (const direction of IMPROVEMENT_DIRECTIONS) {
      if (DIRECTION_WORDS[direction].includes(word)) return direction;
    }
  }
  const shown = isBlankCell(text) ? "nothing" : describeCell(text);
  throw new CoreError(
    "invalid_option",
    `direction must be "increase" (or "up", "higher"), "decrease" (or "down", "lower") or "neutral"; got ${shown}`,
  );
}

/**
 * Lay a list of results out like the input range: a row for a one-row input (wider than one cell),
 * a column otherwise. `null` becomes {@link EMPTY_CELL} (Excel would show `null` as 0).
 *
 * @example
 * spillLike([[1, 2, 3]], ["a", null, "c"]); // => [["a", "", "c"]]
 * spillLike([[1], [2]], ["a", "b"]); // => [["a"], ["b"]]
 */
export function spillLike(cells: unknown[][], values: readonly (CellOutput | null)[]): CellOutput[][] {
  const asRow = cells.length === 1 && Array.isArray(cells[0]) && cells[0].length > 1;
  const out = values.map((value) => (value === null ? EMPTY_CELL : value));
  return asRow ? [out] : out.map((value) => [value]);
}

/**
 * Replace `null` by {@link EMPTY_CELL} in a table of results, so missing figures show as empty cells.
 *
 * @example
 * toCells([["center line", null]]); // => [["center line", ""]]
 */
export function toCells(rows: readonly (readonly (CellOutput | null)[])[]): CellOutput[][] {
  return rows.map((row) => row.map((value) => (value === null ? EMPTY_CELL : value)));
}
