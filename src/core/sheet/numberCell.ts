/**
 * One number cell of a measure sheet, read the way a data lead means it, and the formulas beside
 * the data told apart from the data. Shared by the reader's per-cell checks.
 *
 * The rules:
 * - blank (`""`, `null`, `undefined`, only spaces) is a missing figure, never 0
 * - a finite number is itself; with a percent number format ("0%", "0.0%") a value or goal is shown
 *   ×100 by Excel, so it is read ×100 (0.12 shown as "12%" is 12)
 * - everything else is refused with a reason: Excel error values ("#DIV/0!"), placeholders ("n/a",
 *   "-", "TBD"), percentages typed as text ("12%"), decimal commas ("1,5"), numbers stored as text
 *   ("12": Excel's own SUM and charts skip them, as src/core/cells/index.ts explains), other text, TRUE/FALSE
 * - a cell holding an Excel data type (an `Excel.CellValue`, when the adapter read it through
 *   `Range.valuesAsJson`) is read by its basic value; one with no number (an entity, a linked data type,
 *   an image) is refused as `data_type`, naming what it holds (see src/core/cellValue.ts)
 */
import { basicCellValue, describeDataType, isDataTypeCell } from "../cellValue";

/** The outcome of reading one number cell. */
export type NumberCell =
  | { kind: "blank" }
  | { kind: "number"; value: number }
  | { kind: "bad"; reason: BadNumberReason; text: string };

export type BadNumberReason =
  | "excel_error"
  | "placeholder"
  | "percent_text"
  | "decimal_comma"
  | "number_as_text"
  | "text"
  | "logical"
  | "not_finite"
  | "data_type";

const EXCEL_ERRORS = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;
const PLACEHOLDERS = new Set([
  "n/a", "na", "n.a.", "nd", "n/d", "none", "nil", "-", "--", "—", "–", ".", "?", "??", "x", "tbd", "tbc",
  "missing", "not reported", "no data", "not available", "pending", "unknown", "blank", "null",
]);

/**
 * Whether a cell is blank: `""`, `null`, `undefined`, or text of only spaces.
 *
 * @example
 * isBlank("  "); // => true
 */
export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Whether an Excel number format shows numbers as percentages (a `%` outside quotes). */
export function isPercentFormat(format: unknown): boolean {
  return typeof format === "string" && format.replace(/"[^"]*"/g, "").replace(/\\./g, "").includes("%");
}

/**
 * Read one number cell.
 *
 * @example
 * readNumberCell("n/a"); // => { kind: "bad", reason: "placeholder", text: "n/a" }
 * @example
 * readNumberCell(0.25, { percentFormat: true }); // => { kind: "number", value: 25 }
 * @example
 * readNumberCell({ type: "Entity", text: "Ward 3", basicValue: "#VALUE!" }); // => { kind: "bad", reason: "data_type", text: "the data type 'Ward 3' (entity)" }
 *
 * @param raw a value from `range.values` (or an `Excel.CellValue` from `range.valuesAsJson`)
 * @param options `percentFormat`: the cell's number format shows a percentage, so scale ×100
 */
export function readNumberCell(raw: unknown, options: { percentFormat?: boolean } = {}): NumberCell {
  const cell = basicCellValue(raw);
  if (isDataTypeCell(cell)) {
    if (cell.type === "Error") return { kind: "bad", reason: "excel_error", text: typeof cell.basicValue === "string" ? cell.basicValue : "#VALUE!" };
    return { kind: "bad", reason: "data_type", text: describeDataType(cell) };
  }
  if (isBlank(cell)) return { kind: "blank" };
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return { kind: "bad", reason: "not_finite", text: String(cell) };
    return { kind: "number", value: options.percentFormat === true ? cell * 100 : cell };
  }
  if (typeof cell === "boolean") return { kind: "bad", reason: "logical", text: cell ? "TRUE" : "FALSE" };
  const text = String(cell).trim();
  const lower = text.toLowerCase();
  if (EXCEL_ERRORS.test(text)) return { kind: "bad", reason: "excel_error", text: text.toUpperCase() };
  if (PLACEHOLDERS.has(lower)) return { kind: "bad", reason: "placeholder", text };
  if (/^[-+]?\d+(\.\d+)?\s*%$/.test(text)) return { kind: "bad", reason: "percent_text", text };
  if (/^[-+]?\d+,\d{1,2}$/.test(text) || /^[-+]?\d+,\d{4,}$/.test(text)) return { kind: "bad", reason: "decimal_comma", text };
  if (/^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(text)) return { kind: "bad", reason: "number_as_text", text };
  return { kind: "bad", reason: "text", text };
}

/** A formula with its quoted strings removed, without the leading "=". */
function formulaBody(formula: string): string {
  return formula.replace(/^=/, "").replace(/"[^"]*"/g, '""');
}

/** Aggregate statistics: a column of these is a center line or a limit, not data. */
const AGGREGATE = /\b(MEDIAN|AVERAGE|AVERAGEA|AVERAGEIFS?|STDEVA?|STDEVPA?|STDEV\.[SP]|VARA?|VARPA?|VAR\.[SP]|PERCENTILE(\.(INC|EXC))?|QUARTILE(\.(INC|EXC))?|MODE(\.(SNGL|MULT))?|AVEDEV|TRIMMEAN)\s*\(/i;
const REFERENCE = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\dA-Za-z_(!])/g;

/**
 * The cell references of a formula: whether each row is absolute (`$`) and the 0-based row.
 *
 * @example
 * formulaReferences("=B14/$C$14"); // => [{ absoluteRow: false, row: 13 }, { absoluteRow: true, row: 13 }]
 */
export function formulaReferences(formula: string): { absoluteRow: boolean; row: number }[] {
  const refs: { absoluteRow: boolean; row: number }[] = [];
  for (const match of formulaBody(formula).matchAll(REFERENCE)) {
    refs.push({ absoluteRow: match[3] === "$", row: Number(match[4]) - 1 });
  }
  return refs;
}

/**
 * Whether a formula computes a helper figure (the same for every row: a median, a mean, a limit, a
 * standard deviation) rather than a data point: it calls an aggregate statistic (`=MEDIAN(B:B)`,
 * `=STDEV(B2:B53)`), or every cell it refers to has an absolute row (`=C$2`, `=H$3+(H$2*3)`), which
 * is how hand-built sheets extend a center line down a column.
 *
 * @example
 * isHelperFormula("=MEDIAN(B:B)"); // => true
 * @example
 * isHelperFormula("=H$3+(H$2* 3 )"); // => true
 * @example
 * isHelperFormula("=B2/C2*100"); // => false
 */
export function isHelperFormula(formula: unknown): boolean {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  const body = formulaBody(formula);
  if (AGGREGATE.test(body)) return true;
  const refs = formulaReferences(formula);
  return refs.length > 0 && refs.every((r) => r.absoluteRow);
}

/** Whether a `range.formulas` entry is a formula (text starting with "="). */
export function isFormula(formula: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && formula.length > 1;
}
