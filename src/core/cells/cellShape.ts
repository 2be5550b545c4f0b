/** The shape of a range as Excel passes it: a non-empty rectangle, or a single row or column. */

import { CoreError } from "../errors";

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
