/**
 * What the measure-sheet reader and the workbook validator report: one issue per problem, with the
 * cell it sits in and a message that says, in plain words, what is wrong and how to fix it. Errors are
 * data (zod's habit): a stable `code` the task pane can switch on, a cell, and the wording.
 */
import * as z from "zod";
import { ConflictCode } from "../schema/summary";
import { a1Address } from "./address";

/**
 * Stable, greppable issue codes. Where the data store has a code for the same problem, the sheet
 * reader uses the same name (`ConflictCode`), so a problem found in Excel before sending and one
 * the server reports after sending read the same:
 * - text in a number cell → `NOT_A_NUMBER`; the same month twice → `DUPLICATE_POINT`;
 *   a month after today → `PERIOD_IN_FUTURE`; after the collaborative's end → `PERIOD_OUTSIDE_COLLABORATIVE`
 *
 * Codes only the sheet reader uses:
 * - `NO_SERIES_FOUND`: no header row with a month column and a numbers column
 * - `MISSING_COLUMN`: a column the measure's kind needs (e.g. Denominator for a percentage) is absent
 * - `PERIODS_NOT_MONTHS`: the period column holds week numbers or several dates per month
 * - `UNKNOWN_MONTH`: a month cell that cannot be read as a month (or is blank beside data)
 * - `MONTHS_OUT_OF_ORDER`: a month earlier than the row above (warning)
 * - `MONTH_GAP`: months with no data between the start and the reporting month (warning)
 * - `MONTH_NOT_OVER`: data for the month that is still running (warning)
 * - `BEFORE_COLLABORATIVE`: months before the collaborative's start: baseline kept on the sheet, not sent (warning)
 * - `NEGATIVE_NUMBER`, `VALUE_OVER_100`: impossible numbers
 * - `NOT_WHOLE_NUMBER`: a count with a fraction (warning)
 * - `ANNOTATION_TOO_LONG`: an annotation over the 500 characters the data store keeps
 * - `SUSPICIOUS_VALUE`: far outside the team's history (warning)
 * - `SAME_AS_LAST_MONTH`: every measure repeats last month's numbers (warning)
 *
 * Codes of the PDSA log reader (src/core/pdsa/readPdsaLog.ts):
 * - `NO_PDSA_LOG_FOUND`: no header row naming a change idea and a start date
 * - `MISSING_CYCLE_FIELD`: a cycle row without its label, change idea, start date, or (once ended) decision
 * - `NOT_A_DATE`: a start or end date that cannot be read as a day
 * - `END_BEFORE_START`: a cycle that ends before it starts
 * - `UNKNOWN_DECISION`: a decision that is not adopt, adapt, abandon or continue
 * - `DUPLICATE_CYCLE`: a cycle label used on two rows
 * - `NO_MEASURE_NAMED`: a cycle that names no measure, so no run chart shows it (warning)
 * - `TEXT_TOO_LONG`: a cell over the characters the data store keeps
 * - a measure name that is not one of the collaborative's is `UNKNOWN_MEASURE`, as in a report
 */
export const SheetIssueCode = z.enum([
  ...ConflictCode.options,
  "NO_SERIES_FOUND",
  "MISSING_COLUMN",
  "PERIODS_NOT_MONTHS",
  "UNKNOWN_MONTH",
  "MONTHS_OUT_OF_ORDER",
  "MONTH_GAP",
  "MONTH_NOT_OVER",
  "BEFORE_COLLABORATIVE",
  "NEGATIVE_NUMBER",
  "VALUE_OVER_100",
  "NOT_WHOLE_NUMBER",
  "ANNOTATION_TOO_LONG",
  "SUSPICIOUS_VALUE",
  "SAME_AS_LAST_MONTH",
  "NO_PDSA_LOG_FOUND",
  "MISSING_CYCLE_FIELD",
  "NOT_A_DATE",
  "END_BEFORE_START",
  "UNKNOWN_DECISION",
  "DUPLICATE_CYCLE",
  "NO_MEASURE_NAMED",
  "TEXT_TOO_LONG",
]);
export type SheetIssueCode = z.infer<typeof SheetIssueCode>;

/** One problem on a measure sheet or the PDSA log (or a missing sheet), located to a cell when there is one. */
export type SheetIssue = {
  /** `error`: the data can't be sent as it is; `warning`: worth a look, sending still works. */
  severity: "error" | "warning";
  code: SheetIssueCode;
  /** The worksheet's name; for a missing sheet, the name "Create sheet" would give it. */
  sheetName: string;
  /** The measure the sheet was matched to, when known. */
  measureId: string | null;
  /** The month the issue is about, when there is one. */
  period: string | null;
  /** A1 address of the cell to fix ("C14"); `null` for a sheet-wide issue. */
  address: string | null;
  /** 0-based sheet row and column of that cell. */
  row: number | null;
  column: number | null;
  /** Plain words for a data lead: names the cell, says what is wrong and how to fix it. */
  message: string;
};

/** Build an issue; the message is prefixed with the cell's address when there is a cell. */
export function sheetIssue(fields: {
  severity: SheetIssue["severity"];
  code: SheetIssueCode;
  sheetName: string;
  measureId?: string | null;
  period?: string | null;
  row?: number | null;
  column?: number | null;
  message: string;
}): SheetIssue {
  const row = fields.row ?? null;
  const column = fields.column ?? null;
  const address = row !== null && column !== null ? a1Address(row, column) : null;
  return {
    severity: fields.severity,
    code: fields.code,
    sheetName: fields.sheetName,
    measureId: fields.measureId ?? null,
    period: fields.period ?? null,
    address,
    row,
    column,
    message: address === null ? fields.message : `${address}: ${fields.message}`,
  };
}

/**
 * The order issues are listed in within one sheet: errors before warnings, then by row (sheet-wide
 * issues first), then by column.
 */
export function compareIssuesWithinSheet(a: SheetIssue, b: SheetIssue): number {
  if (a.severity !== b.severity) return a.severity === "error" ? -1 : 1;
  const rowA = a.row ?? -1;
  const rowB = b.row ?? -1;
  if (rowA !== rowB) return rowA - rowB;
  return (a.column ?? -1) - (b.column ?? -1);
}

/**
 * Format a number for a message the way a person would write it: at most 4 decimals, no trailing zeros.
 *
 * @example
 * formatNumber(2 / 3); // => "0.6667"
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n * 10_000) / 10_000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
