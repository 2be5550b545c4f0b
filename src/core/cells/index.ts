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
// One concept per file; re-exports only.
export { isBlankCell, describeCell } from "./describeCell";
export { shapeOf, lineOfCells, type CellShape } from "./cellShape";
export { fromCells } from "./fromCells";
export { booleansFromCells, textsFromCells, numbersFromCells } from "./linesFromCells";
export { numberFromCell, optionalNumberFromCell, countFromCell, baselineFromCell } from "./numberFromCell";
export { choiceFromCell, DIRECTION_WORDS, parseDirection } from "./choiceFromCell";
export { EMPTY_CELL, spillLike, toCells, type CellOutput } from "./spill";
