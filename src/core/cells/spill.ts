/** Results going back to Excel: missing figures as empty-looking cells, laid out like the input. */

/** A value Excel can show in a cell: a number, text or a logical. `""` shows as an empty cell. */
export type CellOutput = number | string | boolean;

/** What a missing figure becomes in a spilled result: an empty-looking cell (Excel shows `null` as 0). */
export const EMPTY_CELL = "";

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
