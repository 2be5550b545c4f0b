/**
 * Turning read measure sheets into the month's submission, and a server conflict's path back into
 * the cell it is about.
 */
import { CoreError } from "../errors";
import { Period } from "../schema/common";
import type { Narrative, PointInput, SubmissionInput } from "../schema/submission";
import { a1Address } from "./address";
import type { MeasureSheetReading } from "./readMeasureSheet";

/** What {@link toSubmission} assembles. */
export type ToSubmissionInput = {
  sheets: readonly { measureId: string; reading: MeasureSheetReading }[];
  /** The month being reported, `YYYY-MM`: rows after it are not sent. */
  reportingMonth: string;
  /**
   * The collaborative's first month, `YYYY-MM`: rows before it (baseline) are not sent, since the
   * data store refuses months outside the collaborative. Default: no lower bound.
   */
  startMonth?: string;
  narrative?: Narrative;
  selfAssessment?: number;
  client?: { name: string; version: string };
};

/** A cell on a measure sheet. */
export type CellLocation = { sheetName: string; address: string; row: number; column: number };

/** The result of {@link toSubmission}. */
export type SheetSubmission = {
  submission: SubmissionInput;
  /**
   * The cell a path into `submission` is about: `["points", 12, "numerator"]` → the numerator cell
   * of the row point 12 came from. A path to a whole point, its `period` or `measureId` gives the
   * month cell, as does a field whose column the sheet lacks; `null` for paths outside `points`.
   */
  locate(path: readonly (string | number)[]): CellLocation | null;
};

const FIELDS = ["numerator", "denominator", "value", "annotation"] as const;

/**
 * The submission for a reporting month from the read sheets: every row that has a readable month up
 * to and including the reporting month (and from `startMonth` on, when given) and holds a figure or
 * an annotation, as one point each, in sheet and row order. Blank cells are left out of a point (a
 * blank is not reported, never 0), so a row with a month but no figures is not sent at all.
 *
 * The Value cell is sent only when the row lacks a numerator or a denominator: with both, the data
 * store works the value out itself (`pointValue`) and refuses one that differs by more than 1e-6
 * relative (`VALUE_TOLERANCE`), so a value rounded for display (33.3 for 33.33…), which
 * `readMeasureSheet` accepts, would be refused for nothing.
 *
 * Rows are otherwise sent as read, problems included: the server's conflicts come back with paths
 * that {@link SheetSubmission.locate} maps to cells. Sheets whose series was not found send nothing.
 *
 * Runs in O(rows).
 *
 * @throws {CoreError} `invalid_option` when `reportingMonth` is not `YYYY-MM`
 * @example
 * toSubmission({ sheets: [{ measureId: "falls", reading: { sheetName: "Falls", found: true, headerRow: 0, columns: { month: 0, numerator: 1 }, helperColumns: [], rows: [{ row: 1, period: "2026-01", numerator: 4, denominator: null, value: null, goal: null, annotation: null }], issues: [], notes: [] } }], reportingMonth: "2026-01" }).locate(["points", 0, "numerator"]); // => { sheetName: "Falls", address: "B2", row: 1, column: 1 }
 */
export function toSubmission(input: ToSubmissionInput): SheetSubmission {
  const { reportingMonth } = input;
  if (!Period.safeParse(reportingMonth).success) {
    throw new CoreError("invalid_option", `toSubmission: invalid reportingMonth: ${reportingMonth} (use YYYY-MM)`);
  }
  const { startMonth } = input;
  if (startMonth !== undefined && !Period.safeParse(startMonth).success) {
    throw new CoreError("invalid_option", `toSubmission: invalid startMonth: ${startMonth} (use YYYY-MM)`);
  }
  const points: PointInput[] = [];
  const origins: { reading: MeasureSheetReading; row: number }[] = [];
  for (const { measureId, reading } of input.sheets) {
    if (!reading.found) continue;
    for (const row of reading.rows) {
      if (row.period === null || row.period > reportingMonth || (startMonth !== undefined && row.period < startMonth)) continue;
      const point: PointInput = { measureId, period: row.period };
      if (row.numerator !== null) point.numerator = row.numerator;
      if (row.denominator !== null) point.denominator = row.denominator;
      if (row.value !== null && (row.numerator === null || row.denominator === null)) point.value = row.value;
      if (row.annotation !== null) point.annotation = row.annotation;
      if (point.numerator === undefined && point.denominator === undefined && point.value === undefined && point.annotation === undefined) continue;
      points.push(point);
      origins.push({ reading, row: row.row });
    }
  }
  const submission: SubmissionInput = { reportingMonth, points };
  if (input.narrative !== undefined) submission.narrative = input.narrative;
  if (input.selfAssessment !== undefined) submission.selfAssessment = input.selfAssessment;
  if (input.client !== undefined) submission.client = input.client;

  const locate = (path: readonly (string | number)[]): CellLocation | null => {
    if (path[0] !== "points") return null;
    const index = typeof path[1] === "number" ? path[1] : typeof path[1] === "string" && /^\d+$/.test(path[1]) ? Number(path[1]) : -1;
    const origin = origins[index];
    if (origin === undefined) return null;
    const { columns, sheetName } = origin.reading;
    const field = path[2];
    const fieldColumn = (FIELDS as readonly unknown[]).includes(field) ? columns[field as (typeof FIELDS)[number]] : undefined;
    const column = fieldColumn ?? columns.month ?? columns.numerator ?? columns.value ?? columns.denominator;
    if (column === undefined) return null;
    return { sheetName, address: a1Address(origin.row, column), row: origin.row, column };
  };
  return { submission, locate };
}
