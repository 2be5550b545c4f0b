/**
 * Cells that hold Excel data types: what custom functions receive, and what the pane reads, when a
 * cell holds more than a plain number, text, logical or error. Pure: both doors (the `QI.*` functions
 * through src/core/cells/, the task pane through src/core/sheet/numberCell.ts and period.ts) use it.
 *
 * The facts it relies on:
 * - The functions metadata (dist/functions.json, made by custom-functions-metadata) sets
 *   `"allowCustomDataForDataTypeAny": true`, and every series parameter is of type `any`. So a cell
 *   holding a data type (a formatted number, an entity, a linked data type such as Stocks, an image…)
 *   reaches the function as an `Excel.CellValue` object, not as a plain value
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts,
 *   "Enable data types for custom functions" and "Input an entity value").
 * - Each `Excel.CellValue` has a `type` ("Double", "FormattedNumber", "Entity", "LinkedEntity"…) and a
 *   `basicValue`, "the value that would be returned by `Range.values` for a cell with this value"
 *   (@types/office-js: Excel.CellValue and its members, e.g. Excel.DoubleCellValue.basicValue,
 *   Excel.FormattedNumberCellValue.basicValue: number). So reading the basic value gives a function
 *   exactly what the pane's `Range.values` gives for the same cell.
 * - Entities, linked entities, web images and arrays have no number: their basic value is `"#VALUE!"`
 *   (Excel.EntityCellValue.basicValue: `"#VALUE!" | string`, basicType "Error"). Such a cell is refused,
 *   and the message names what the cell holds, so the data lead knows why a cell that shows a name or a
 *   card is not a number.
 */

/**
 * The part of an `Excel.CellValue` (ExcelApi 1.16) this file reads: its `type`, its `basicValue`, the
 * text it shows, and for a linked entity its service's domain (`Excel.LinkedEntityId.domainId`).
 */
export type DataTypeCell = {
  type: string;
  basicValue?: unknown;
  text?: unknown;
  id?: { domainId?: unknown };
};

/** The types whose basic value is the cell's own plain value (a number, a logical, text). */
const PLAIN_TYPES = new Set(["Double", "FormattedNumber", "Boolean", "String", "NotAvailable"]);

/** How each type without a usable basic value is named in messages. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  Entity: "entity",
  LinkedEntity: "linked data type",
  WebImage: "image",
  Array: "array",
  Reference: "reference",
  Function: "function",
};

/**
 * Whether a value is an `Excel.CellValue` object (an object with a string `type`).
 *
 * @example
 * isDataTypeCell({ type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" }); // => true
 * @example
 * isDataTypeCell(12); // => false
 */
export function isDataTypeCell(value: unknown): value is DataTypeCell {
  return value !== null && typeof value === "object" && !Array.isArray(value) && typeof (value as { type?: unknown }).type === "string";
}

/**
 * The plain value a cell holding a data type stands for: its basic value (what `Range.values` gives)
 * when that is a number, text or logical; `""` (blank) for an empty cell value; the `Excel.CellValue`
 * itself when it has no usable basic value (an entity, a linked data type, an image, an array, an
 * error), so the caller refuses it with {@link describeDataType}. Any other value is returned unchanged.
 *
 * @example
 * basicCellValue({ type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" }); // => 0.25
 * @example
 * basicCellValue({ type: "Empty", basicValue: "" }); // => ""
 * @example
 * basicCellValue(7); // => 7
 */
export function basicCellValue(value: unknown): unknown {
  if (!isDataTypeCell(value)) return value;
  if (value.type === "Empty") return "";
  const basic = value.basicValue;
  if (PLAIN_TYPES.has(value.type) && (typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean")) return basic;
  return value;
}

/**
 * Describe a data-typed cell for a message, as a person sees it: its kind, the text it shows and, for
 * a linked data type, the service domain it comes from. An error cell value is named by its error.
 *
 * @example
 * describeDataType({ type: "Entity", text: "Ward 3", basicValue: "#VALUE!" }); // => "the data type 'Ward 3' (entity)"
 * @example
 * describeDataType({ type: "LinkedEntity", text: "Microsoft Corp", id: { domainId: "Stocks" } }); // => "the data type 'Microsoft Corp' (linked data type, Stocks)"
 * @example
 * describeDataType({ type: "WebImage" }); // => "a data type (image)"
 * @example
 * describeDataType({ type: "Error", basicValue: "#DIV/0!" }); // => "the error #DIV/0!"
 */
export function describeDataType(value: DataTypeCell): string {
  if (value.type === "Error") return `the error ${typeof value.basicValue === "string" ? value.basicValue : "#VALUE!"}`;
  const kind = TYPE_WORDS[value.type] ?? `${value.type.toLowerCase()}`;
  const domain = value.type === "LinkedEntity" && typeof value.id?.domainId === "string" && value.id.domainId.trim() !== "" ? `, ${value.id.domainId.trim()}` : "";
  const text = typeof value.text === "string" && value.text.trim() !== "" ? value.text.trim() : null;
  return text === null ? `a data type (${kind}${domain})` : `the data type '${text}' (${kind}${domain})`;
}

/**
 * Whether a value is a data type with no number to read (an entity, a linked data type, an image…):
 * an `Excel.CellValue` left as is by {@link basicCellValue}, other than an error.
 *
 * @example
 * isNumberlessDataType({ type: "Entity", basicValue: "#VALUE!" }); // => true
 * @example
 * isNumberlessDataType({ type: "Double", basicValue: 3 }); // => false
 */
export function isNumberlessDataType(value: unknown): boolean {
  const plain = basicCellValue(value);
  return isDataTypeCell(plain) && plain.type !== "Error";
}

/**
 * What to do about a data-typed cell where a number is needed: a formula reads one field of a linked
 * data type into a cell of its own, which is then a plain number (`=A2.Price`, or
 * `=FIELDVALUE(A2, "Price")`: support.microsoft.com, "FIELDVALUE function",
 * https://support.microsoft.com/nl-nl/excel/functions/fieldvalue-function, which also points at the
 * "easier methods for writing formulas that reference data types", the dot syntax).
 */
export const DATA_TYPE_FIX = "enter the number itself, or a formula that takes one of its number fields (e.g. =A2.Price)";
