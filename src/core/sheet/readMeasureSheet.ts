/**
 * Reading one measure sheet: find the series among the cells a person laid out by hand, read each
 * row, and say exactly which cell is wrong and how to fix it.
 */
import { CoreError } from "../errors";
import type { MeasureDefinition } from "../schema/collaborative";
import { countOf } from "../words";
import { columnLetters } from "./address";
import { type HeaderColumns, type HeaderMatch, matchHeaders, normalizeHeader } from "./headers";
import { compareIssuesWithinSheet, formatNumber, type SheetIssue, type SheetIssueCode, sheetIssue } from "./issues";
import {
  type BadNumberReason,
  formulaReferences,
  isBlank,
  isFormula,
  isHelperFormula,
  isPercentFormat,
  readNumberCell,
} from "./numberCell";
import { parsePeriod, type DateSystem } from "./period";
import { computedValue, kindOfHeader, kindOfMeasure, type SeriesKind, valueAgrees } from "./value";

/** A 2-D block of cells as Excel's `range.values` / `range.formulas` / `range.numberFormat` give it. */
export type CellGrid = readonly (readonly unknown[])[];

/** What {@link readMeasureSheet} reads. */
export type ReadMeasureSheetInput = {
  sheetName: string;
  /** The used range's values (`range.values`): blank cells are `""`, formulas already evaluated. */
  values: CellGrid;
  /** The same range's `range.formulas` (same shape): "=B2/C2*100" where a cell holds a formula. */
  formulas?: CellGrid;
  /** The same range's `range.numberFormat` (same shape): tells date serials and percentages apart. */
  numberFormat?: CellGrid;
  /** 0-based sheet position of `values[0][0]`. Default `{ row: 0, column: 0 }` (A1). */
  origin?: { row: number; column: number };
  /** The measure the sheet holds, when known: its kind decides which columns are required and checked. */
  measure?: MeasureDefinition;
  /** How to read an ambiguous numeric date such as "03/04/2026" (see `parsePeriod`). Default: refuse it. */
  dateOrder?: "dmy" | "mdy";
  /** The workbook's date system, for month cells holding date serials (see `parsePeriod`). Default 1900. */
  dateSystem?: DateSystem;
};

/** The series' columns as 0-based *sheet* columns (same keys as {@link HeaderColumns}). */
export type SheetColumns = HeaderColumns;

/** One row of the series as read. Every figure is `null` when its cell is blank or unreadable. */
export type MeasureSheetRow = {
  /** 0-based sheet row. */
  row: number;
  /** `YYYY-MM`, or `null` when the month cell could not be read (an issue says why). */
  period: string | null;
  numerator: number | null;
  denominator: number | null;
  /** As the Value cell shows it (a fraction formatted as % is read ×100); not filled in when blank. */
  value: number | null;
  goal: number | null;
  annotation: string | null;
};

/** What {@link readMeasureSheet} found on one sheet. */
export type MeasureSheetReading = {
  sheetName: string;
  /** Whether a series (a header row with a month column and a numbers column) was found. */
  found: boolean;
  /** 0-based sheet row of the header row, or `null` when none was found. */
  headerRow: number | null;
  /** 0-based sheet columns of the series. */
  columns: SheetColumns;
  /** 0-based sheet columns recognised as helper columns (median, limits…): never read as data. */
  helperColumns: number[];
  /** The rows holding a month or data, in sheet order; blank rows and "Total" rows are left out. */
  rows: MeasureSheetRow[];
  /** Problems, each located to a cell where possible; errors first, then by row. */
  issues: SheetIssue[];
  /** What was read from where, and what was not mapped and why, in plain words. */
  notes: string[];
};

/** How far down a sheet the header row is looked for. */
const HEADER_SEARCH_ROWS = 50;
/** Labels of summary rows under a table, which are not months. */
const SUMMARY_LABELS = new Set(["total", "totals", "sum", "grand total", "average", "avg", "mean", "median", "overall", "ytd", "year to date"]);
const DATA_KEYS = ["numerator", "denominator", "value", "goal"] as const;
const ROLE_WORDS: Record<keyof HeaderColumns, string> = {
  month: "month",
  numerator: "numerator",
  denominator: "denominator",
  value: "value",
  goal: "goal",
  annotation: "annotation",
  median: "median (helper)",
};
const KIND_WORDS: Record<string, string> = { percent: "percentage", rate: "rate", count: "count", mean: "mean" };

function quote(cell: unknown): string {
  const text = String(cell).trim().replace(/\s+/g, " ");
  return `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`;
}

function checkGrid(name: string, grid: unknown, height: number | null): void {
  if (!Array.isArray(grid) || grid.some((row) => !Array.isArray(row))) {
    throw new CoreError("invalid_shape", `readMeasureSheet: ${name} must be a 2-D array of cells, as range.${name} gives it`);
  }
  if (height !== null && grid.length !== height) {
    throw new CoreError("length_mismatch", `readMeasureSheet: ${name} has ${countOf(grid.length, "row")} but values has ${height}`);
  }
}

/**
 * Find and read the series on one measure sheet, hand-built or made by "Create sheet".
 *
 * How it reads, in order:
 * 1. **Header row**: the first 50 rows are tried with `matchHeaders`; the row that names a month
 *    column and a numbers column (numerator, denominator or value), with the most columns named, is
 *    the header row. A header equal to the measure's name counts as its Value column.
 * 2. **Helper columns**: headed median/UCL/LCL/mean/SD…, or filled with formulas that give the same
 *    figure on every row (`=MEDIAN(B:B)`, `=C$2`, `=H$3+(H$2*3)`): noted, never read as data. Cells
 *    outside the table (a standard deviation typed to the right) are noted and ignored.
 * 3. **Rows**: every row under the header down to the end of the range. A row with nothing in the
 *    series' columns is skipped (a blank row is not a month); a row labelled "Total", "Average"…
 *    in the month column is skipped as a summary. **A blank cell is a missing figure, never 0.**
 * 4. **Checks**, each with its cell and a fix: unreadable, blank or duplicate months, months out of
 *    order, week numbers instead of months, text in number cells (`NOT_A_NUMBER`: "n/a", "12%",
 *    numbers stored as text, Excel errors), negative numbers, numerator > denominator (percent),
 *    denominator 0 (percent, rate), a numerator without its denominator or the reverse (or a value
 *    with neither: the data store needs both), a mean without its value or with a numerator (a mean
 *    is the typed value, n in Denominator: `NUMERATOR_NOT_USED`), a value
 *    that disagrees with numerator ÷ denominator (checked whether typed or a formula: a formula's
 *    result is trusted unless it disagrees), a percentage over 100, fractional counts, too-long
 *    annotations, and columns the measure's kind needs but the sheet lacks.
 *
 * The kind (percent, rate, count, mean) comes from `measure` when given, else from the value
 * header ("%" → percent, "Rate per 1,000 …" → rate ×1000); with neither, only kind-free checks run.
 * Checks that need the collaborative (future months, gaps, missing measures) are `validateWorkbook`'s.
 *
 * Runs in O(rows × columns).
 *
 * @param input the sheet's cells and what is known about it (see {@link ReadMeasureSheetInput})
 * @returns the reading: where the series is, its rows, issues and notes
 * @throws {CoreError} `invalid_shape` when `values` is not a 2-D array; `length_mismatch` when
 *   `formulas` or `numberFormat` has a different number of rows than `values`
 * @example
 * readMeasureSheet({ sheetName: "Falls", values: [["Month", "Falls"], ["2026-01", 4], ["2026-02", ""]] }).rows.map((r) => r.numerator); // => [4, null]
 */
export function readMeasureSheet(input: ReadMeasureSheetInput): MeasureSheetReading {
  const { sheetName, values, measure } = input;
  checkGrid("values", values, null);
  if (input.formulas !== undefined) checkGrid("formulas", input.formulas, values.length);
  if (input.numberFormat !== undefined) checkGrid("numberFormat", input.numberFormat, values.length);
  const origin = input.origin ?? { row: 0, column: 0 };
  const measureId = measure?.id ?? null;
  const height = values.length;
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  const cell = (r: number, c: number | undefined): unknown => (c === undefined ? "" : values[r]?.[c]);
  const formulaAt = (r: number, c: number): unknown => input.formulas?.[r]?.[c];
  const formatAt = (r: number, c: number): unknown => input.numberFormat?.[r]?.[c];
  const sheetRow = (r: number): number => origin.row + r;
  const sheetCol = (c: number): number => origin.column + c;
  const addr = (r: number, c: number): string => `${columnLetters(sheetCol(c))}${sheetRow(r) + 1}`;

  const issues: SheetIssue[] = [];
  const notes: string[] = [];
  const issue = (
    severity: SheetIssue["severity"],
    code: SheetIssueCode,
    r: number | null,
    c: number | null,
    message: string,
    period: string | null = null,
  ): void => {
    issues.push(
      sheetIssue({
        severity,
        code,
        sheetName,
        measureId,
        period,
        row: r === null ? null : sheetRow(r),
        column: c === null ? null : sheetCol(c),
        message,
      }),
    );
  };
  const finish = (reading: Omit<MeasureSheetReading, "sheetName" | "issues" | "notes">): MeasureSheetReading => ({
    sheetName,
    ...reading,
    issues: issues.sort(compareIssuesWithinSheet),
    notes,
  });

  // 1. The header row.
  const measureHeaders = measure === undefined ? [] : [normalizeHeader(measure.name), normalizeHeader(measure.id)];
  const matchRow = (r: number): HeaderMatch => {
    const match = matchHeaders(values[r]);
    if (match.columns.value === undefined && measureHeaders.length > 0) {
      const at = values[r].findIndex((h, c) => !Object.values(match.columns).includes(c) && measureHeaders.includes(normalizeHeader(h)));
      if (at >= 0) {
        match.columns.value = at;
        match.unmatched = match.unmatched.filter((text) => text !== String(values[r][at]).trim());
      }
    }
    return match;
  };
  let header: { r: number; match: HeaderMatch; score: number } | null = null;
  let partial: { r: number; match: HeaderMatch } | null = null;
  for (let r = 0; r < Math.min(height, HEADER_SEARCH_ROWS); r += 1) {
    const match = matchRow(r);
    const { columns } = match;
    const hasData = columns.numerator !== undefined || columns.denominator !== undefined || columns.value !== undefined;
    if (columns.month === undefined || !hasData) {
      if (partial === null && (columns.month !== undefined || hasData)) partial = { r, match };
      continue;
    }
    const score = Object.keys(columns).filter((k) => k !== "median").length;
    if (header === null || score > header.score) header = { r, match, score };
  }

  if (header === null) {
    const why =
      height === 0 || width === 0
        ? "the sheet is empty"
        : partial === null
          ? height === 1
            ? "the only row does not name a month column and a numbers column"
            : `no row in the first ${Math.min(height, HEADER_SEARCH_ROWS)} rows names a month column and a numbers column`
          : partial.match.columns.month === undefined
            ? `row ${sheetRow(partial.r) + 1} names ${describeColumns(partial.match.columns, partial.r)} but no month column`
            : `row ${sheetRow(partial.r) + 1} names a month column (${addr(partial.r, partial.match.columns.month)}) but no Numerator, Denominator or Value column`;
    issue(
      "error",
      "NO_SERIES_FOUND",
      null,
      null,
      `No measure data found on sheet "${sheetName}": ${why}. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.`,
    );
    notes.push(`No series found: ${why}.`);
    return finish({ found: false, headerRow: null, columns: {}, helperColumns: [], rows: [] });
  }

  const h = header.r;
  const match = header.match;
  const columns: HeaderColumns = { ...match.columns };
  const firstData = h + 1;
  const headerText = (c: number): string => quote(values[h][c]);
  const helperColumns = new Set<number>(match.helpers.map((x) => x.column));
  const helperNotes: string[] = match.helpers.map((x) => `${columnLetters(sheetCol(x.column))} (${headerText(x.column)})`);

  // 2. Helper columns told apart by their formulas.
  const columnIsHelper = (c: number): { helper: boolean; example: string | null } => {
    let helpers = 0;
    let filled = 0;
    let example: string | null = null;
    for (let r = firstData; r < height; r += 1) {
      if (isBlank(values[r][c]) && !isFormula(formulaAt(r, c))) continue;
      filled += 1;
      const f = formulaAt(r, c);
      if (isHelperFormula(f)) {
        helpers += 1;
        example ??= String(f);
      }
    }
    return { helper: helpers > 0 && helpers * 2 >= filled, example };
  };
  for (const key of DATA_KEYS) {
    const c = columns[key];
    if (c === undefined) continue;
    const { helper, example } = columnIsHelper(c);
    if (!helper) continue;
    delete columns[key];
    helperColumns.add(c);
    helperNotes.push(`${columnLetters(sheetCol(c))} (${headerText(c)}, formulas like ${example ?? ""})`);
  }
  const mapped = new Set<number>(Object.entries(columns).filter(([k]) => k !== "median").map(([, c]) => c));
  const unreadHeaders: string[] = [];
  for (let c = 0; c < width; c += 1) {
    if (mapped.has(c) || helperColumns.has(c) || isBlank(values[h][c])) continue;
    const { helper, example } = columnIsHelper(c);
    if (helper) {
      helperColumns.add(c);
      helperNotes.push(`${columnLetters(sheetCol(c))} (${headerText(c)}, formulas like ${example ?? ""})`);
    } else {
      unreadHeaders.push(`${columnLetters(sheetCol(c))} (${headerText(c)})`);
    }
  }

  const series: SeriesKind =
    measure !== undefined ? kindOfMeasure(measure) : columns.value !== undefined ? kindOfHeader(values[h][columns.value]) : { kind: null, multiplier: null };
  const kindWord = series.kind === null ? "value" : KIND_WORDS[series.kind];

  // The columns found, and what is missing for this measure's kind.
  const sheetColumns: SheetColumns = {};
  for (const [key, c] of Object.entries(columns) as [keyof HeaderColumns, number][]) sheetColumns[key] = sheetCol(c);
  notes.push(`Series found under the header row ${sheetRow(h) + 1}: ${describeColumns(columns, h)}.`);
  const lastHeader = values[h].reduce<number>((last, text, c) => (isBlank(text) ? last : c), 0);
  const missingColumn = (name: string, why: string): void => {
    issue("error", "MISSING_COLUMN", h, lastHeader + 1, `there is no ${name} column on this sheet — add a column headed "${name}" here (${why})`);
    notes.push(`No ${name} column, which this measure needs (${why}).`);
  };
  if (measure !== undefined) {
    const formula = series.kind === "percent" ? "numerator ÷ denominator × 100" : `numerator ÷ denominator × ${formatNumber(series.multiplier ?? 1)}`;
    if (series.kind === "percent" || series.kind === "rate") {
      if (columns.numerator === undefined) missingColumn("Numerator", `"${measure.name}" is a ${kindWord}: ${formula}`);
      if (columns.denominator === undefined) missingColumn("Denominator", `"${measure.name}" is a ${kindWord}: ${formula}`);
    } else if (series.kind === "count" && columns.numerator === undefined && columns.value === undefined) {
      missingColumn("Numerator", `"${measure.name}" is a count: type the count of each month there`);
    } else if (series.kind === "mean" && columns.value === undefined) {
      missingColumn("Value", `"${measure.name}" is a mean: type each month's mean there`);
    }
  } else if (columns.numerator === undefined && columns.denominator === undefined) {
    notes.push(`There is no Numerator or Denominator column, so only the values in ${columnLetters(sheetCol(columns.value ?? 0))} are read.`);
  }
  if (helperNotes.length > 0) {
    notes.push(`Helper columns ${helperNotes.join(", ")} are worked out from the data (a center line, limits or spread): they are not data and were not read.`);
  }
  if (unreadHeaders.length > 0) {
    notes.push(`Column${unreadHeaders.length > 1 ? "s" : ""} ${unreadHeaders.join(", ")} ${unreadHeaders.length > 1 ? "are" : "is"} not one this add-in reads: ignored.`);
  }
  const above: string[] = [];
  for (let r = 0; r < h; r += 1) {
    const c = values[r].findIndex((x) => !isBlank(x));
    if (c >= 0) above.push(`${addr(r, c)} ${quote(values[r][c])}`);
  }
  if (above.length > 0) notes.push(`Cells above the header row (${above.slice(0, 3).join(", ")}${above.length > 3 ? ", …" : ""}) were not read.`);
  const outside: { r: number; c: number }[] = [];
  for (let r = firstData; r < height; r += 1) {
    for (let c = 0; c < width; c += 1) {
      if (!mapped.has(c) && !helperColumns.has(c) && isBlank(values[h][c]) && !isBlank(values[r][c])) outside.push({ r, c });
    }
  }
  if (outside.length > 0) {
    const top = outside.reduce((m, x) => Math.min(m, x.r), Infinity);
    const bottom = outside.reduce((m, x) => Math.max(m, x.r), -Infinity);
    const left = outside.reduce((m, x) => Math.min(m, x.c), Infinity);
    const right = outside.reduce((m, x) => Math.max(m, x.c), -Infinity);
    const range = top === bottom && left === right ? addr(top, left) : `${addr(top, left)}:${addr(bottom, right)}`;
    const labels = outside.filter((x) => typeof values[x.r][x.c] === "string").slice(0, 3).map((x) => quote(values[x.r][x.c]));
    notes.push(`Cells outside the table (${range}${labels.length > 0 ? `: ${labels.join(", ")}` : ""}) were ignored.`);
  }

  // 3. The rows.
  const rows: MeasureSheetRow[] = [];
  const firstRowOf = new Map<string, number>();
  let previous: { period: string; r: number } | null = null;
  let outOfOrderReported = false;
  let periodCells = 0;
  let weekNumbers = 0;
  let duplicates = 0;
  const weekValues: number[] = [];
  const summaries: string[] = [];
  const c = columns;

  const readNumber = (r: number, col: number | undefined, what: "numerator" | "denominator" | "value" | "goal", period: string | null): number | null => {
    if (col === undefined) return null;
    const scale = (what === "value" || what === "goal") && isPercentFormat(formatAt(r, col));
    const read = readNumberCell(values[r][col], { percentFormat: scale });
    if (read.kind === "blank") return null;
    if (read.kind === "bad") {
      issue(what === "goal" ? "warning" : "error", "NOT_A_NUMBER", r, col, badNumberMessage(read.reason, read.text, what), period);
      return null;
    }
    return read.value;
  };

  for (let r = firstData; r < height; r += 1) {
    const monthCell = cell(r, c.month);
    const hasFigures = [c.numerator, c.denominator, c.value].some((col) => col !== undefined && !isBlank(values[r][col]));
    const hasAnnotation = c.annotation !== undefined && !isBlank(values[r][c.annotation]);
    if (isBlank(monthCell) && !hasFigures && !hasAnnotation) continue;
    if (typeof monthCell === "string" && SUMMARY_LABELS.has(normalizeHeader(monthCell))) {
      summaries.push(`${sheetRow(r) + 1} (${quote(monthCell)})`);
      continue;
    }

    // The month.
    let period: string | null = null;
    if (c.month === undefined) continue;
    if (isBlank(monthCell)) {
      issue("error", "UNKNOWN_MONTH", r, c.month, "the month is blank but this row has data — type the month, e.g. 2026-03 (or move the data to its month's row)");
    } else {
      periodCells += 1;
      const fmt = formatAt(r, c.month);
      const parsed = parsePeriod(monthCell, {
        ...(typeof fmt === "string" ? { numberFormat: fmt } : {}),
        ...(input.dateOrder !== undefined ? { dateOrder: input.dateOrder } : {}),
        ...(input.dateSystem !== undefined ? { dateSystem: input.dateSystem } : {}),
      });
      if ("error" in parsed) {
        issue("error", "UNKNOWN_MONTH", r, c.month, parsed.error);
        if (parsed.error.includes("week number")) {
          weekNumbers += 1;
          if (typeof monthCell === "number") weekValues.push(monthCell);
        }
      } else {
        period = parsed.period;
        const first = firstRowOf.get(period);
        if (first !== undefined) {
          duplicates += 1;
          issue(
            "error",
            "DUPLICATE_POINT",
            r,
            c.month,
            `${period} is already on row ${sheetRow(first) + 1} (${addr(first, c.month)}) — each month goes on one row: correct the month, or delete one of the two rows`,
            period,
          );
        } else {
          firstRowOf.set(period, r);
        }
        if (previous !== null && period < previous.period && !outOfOrderReported) {
          outOfOrderReported = true;
          issue(
            "warning",
            "MONTHS_OUT_OF_ORDER",
            r,
            c.month,
            `${period} comes after ${previous.period} (${addr(previous.r, c.month)}) — sort the table by month (oldest first) so run charts read left to right`,
            period,
          );
        }
        previous = { period, r };
      }
    }

    // The figures.
    const numerator = readNumber(r, c.numerator, "numerator", period);
    const denominator = readNumber(r, c.denominator, "denominator", period);
    const value = readNumber(r, c.value, "value", period);
    const goal = readNumber(r, c.goal, "goal", period);
    const month = period ?? "this month";
    let numeratorOk = numerator !== null;
    let denominatorOk = denominator !== null;

    if (numerator !== null && numerator < 0 && c.numerator !== undefined) {
      numeratorOk = false;
      issue("error", "NEGATIVE_NUMBER", r, c.numerator, `the numerator ${formatNumber(numerator)} is below zero — a count can't be negative; check the cell`, period);
    }
    if (denominator !== null && denominator < 0 && c.denominator !== undefined) {
      denominatorOk = false;
      issue("error", "NEGATIVE_NUMBER", r, c.denominator, `the denominator ${formatNumber(denominator)} is below zero — a count can't be negative; check the cell`, period);
    }
    if (value !== null && value < 0 && c.value !== undefined && (series.kind === "percent" || series.kind === "rate" || series.kind === "count")) {
      issue("error", "NEGATIVE_NUMBER", r, c.value, `the value ${formatNumber(value)} is below zero, which a ${kindWord} can't be — check the cell`, period);
    }
    let numeratorTooBig = false;
    if (series.kind === "percent" && numeratorOk && denominatorOk && numerator !== null && denominator !== null && denominator > 0 && numerator > denominator && c.numerator !== undefined) {
      numeratorTooBig = true;
      issue(
        "error",
        "NUMERATOR_GT_DENOMINATOR",
        r,
        c.numerator,
        `numerator ${formatNumber(numerator)} is larger than denominator ${formatNumber(denominator)} — check both cells; a percentage can't exceed 100%`,
        period,
      );
    }
    if ((series.kind === "percent" || series.kind === "rate") && denominator === 0 && c.denominator !== undefined) {
      issue(
        "error",
        "DENOMINATOR_ZERO",
        r,
        c.denominator,
        `the denominator for ${month} is 0, so there is no ${kindWord} that month — if nothing was eligible, leave both Numerator and Denominator blank; otherwise type the real denominator`,
        period,
      );
    }
    if (measure !== undefined && (series.kind === "percent" || series.kind === "rate")) {
      const numeratorBlank = c.numerator !== undefined && isBlank(values[r][c.numerator]);
      const denominatorBlank = c.denominator !== undefined && isBlank(values[r][c.denominator]);
      if (denominatorBlank && numerator !== null && c.denominator !== undefined) {
        issue(
          "error",
          "MISSING_DENOMINATOR",
          r,
          c.denominator,
          `the denominator for ${month} is blank but the numerator is ${formatNumber(numerator)} — type the denominator, or clear the numerator if the month was not measured`,
          period,
        );
      }
      const valueOnly = numeratorBlank && denominatorBlank && value !== null;
      if (valueOnly && c.numerator !== undefined && c.denominator !== undefined) {
        const why = `a ${kindWord} is sent as its numerator and denominator: type both, and the value works itself out`;
        issue("error", "MISSING_NUMERATOR", r, c.numerator, `the numerator for ${month} is blank but the value is ${formatNumber(value)} — ${why}`, period);
        issue("error", "MISSING_DENOMINATOR", r, c.denominator, `the denominator for ${month} is blank but the value is ${formatNumber(value)} — ${why}`, period);
      }
      if (numeratorBlank && denominator !== null && c.numerator !== undefined) {
        issue(
          "error",
          "MISSING_NUMERATOR",
          r,
          c.numerator,
          `the numerator for ${month} is blank but the denominator is ${formatNumber(denominator)} — type the numerator (0 if none), or clear the denominator if the month was not measured`,
          period,
        );
      }
    }
    // A mean is the value the team types, with n as Denominator; it has no numerator (core's
    // resolvePoint holds the same definition for what is sent).
    if (series.kind === "mean" && measure !== undefined && numerator !== null && c.numerator !== undefined) {
      issue(
        "error",
        "NUMERATOR_NOT_USED",
        r,
        c.numerator,
        `a mean has no numerator, but ${month} has ${formatNumber(numerator)} here — type the month's mean in Value (and the number of cases in Denominator), then clear this cell`,
        period,
      );
    }
    if (series.kind === "mean" && c.value !== undefined && isBlank(values[r][c.value])) {
      const given = denominator !== null ? `its Denominator (the number of cases) is ${formatNumber(denominator)}` : numerator !== null ? `its Numerator is ${formatNumber(numerator)}` : null;
      if (given !== null) {
        issue("error", "MISSING_VALUE", r, c.value, `the mean for ${month} is blank but ${given} — type the mean in this cell, or clear the row if the month was not measured`, period);
      }
    }
    const wholeNumber = (n: number | null, col: number | undefined, what: string): void => {
      if (n !== null && n >= 0 && col !== undefined && !Number.isInteger(n)) {
        issue("warning", "NOT_WHOLE_NUMBER", r, col, `the ${what} ${formatNumber(n)} is not a whole number — it counts events or patients; check the cell`, period);
      }
    };
    if (series.kind === "percent" || series.kind === "rate" || series.kind === "count") wholeNumber(numerator, c.numerator, "numerator");
    if (series.kind === "percent") wholeNumber(denominator, c.denominator, "denominator");

    // The value against the numerator and denominator.
    if (value !== null && c.value !== undefined && value >= 0) {
      const f = formulaAt(r, c.value);
      const negative = (numerator !== null && !numeratorOk) || (denominator !== null && !denominatorOk);
      const expected = negative ? null : computedValue(series, numerator, denominator);
      if (expected !== null && !numeratorTooBig && !valueAgrees(value, expected)) {
        issue("error", "VALUE_MISMATCH", r, c.value, valueMismatchMessage(series, value, expected, numerator, denominator, f, sheetRow(r), addr(r, c.numerator ?? 0)), period);
      } else if (series.kind === "percent" && value > 100 && !numeratorTooBig) {
        issue("error", "VALUE_OVER_100", r, c.value, `the value ${formatNumber(value)} is over 100, which a percentage can't be — check the cell (was a count typed here?)`, period);
      }
    }

    // The annotation.
    let annotation: string | null = null;
    if (c.annotation !== undefined && !isBlank(values[r][c.annotation])) {
      annotation = String(values[r][c.annotation]).trim();
      if (annotation.length > 500) {
        issue(
          "error",
          "ANNOTATION_TOO_LONG",
          r,
          c.annotation,
          `the annotation is ${annotation.length} characters; the data store keeps at most 500 — shorten it (the longer story fits in the month's narrative)`,
          period,
        );
      }
    }
    rows.push({ row: sheetRow(r), period, numerator, denominator, value, goal, annotation });
  }

  // 4. Sheet-wide findings.
  let periodNote: string | null = null;
  if (c.month !== undefined) {
    const monthHeader = headerText(c.month);
    const monthColumn = columnLetters(sheetCol(c.month));
    const weekly = match.periodUnit === "week";
    if (weekNumbers > 0 && (weekly || weekNumbers * 2 >= periodCells)) {
      const low = weekValues.reduce((m, x) => Math.min(m, x), Infinity);
      const high = weekValues.reduce((m, x) => Math.max(m, x), -Infinity);
      const range = weekValues.length > 0 ? ` (${formatNumber(low)} to ${formatNumber(high)})` : "";
      issue(
        "error",
        "PERIODS_NOT_MONTHS",
        h,
        c.month,
        `column ${monthColumn} (${monthHeader}) holds week numbers${range}, not months — the collaborative collects one figure per calendar month, so these rows can't be submitted as they are: add a Month column (2026-01, 2026-02, …) with one row per month, e.g. the total of that month's weeks`,
      );
      periodNote = `The periods in column ${monthColumn} (${monthHeader}) are week numbers${range}, not months: the collaborative collects one figure per calendar month, so ${rows.length === 1 ? "this row can't be submitted as it is" : `these ${rows.length} rows can't be submitted as they are`}.`;
    } else if ((weekly && duplicates > 0) || (duplicates >= 2 && duplicates * 2 >= periodCells)) {
      issue(
        "error",
        "PERIODS_NOT_MONTHS",
        h,
        c.month,
        `column ${monthColumn} (${monthHeader}) has several rows in the same month (weekly or daily data?) — the collaborative collects one figure per calendar month: total each month on one row`,
      );
      periodNote = `Column ${monthColumn} (${monthHeader}) has several rows per month: it looks like weekly or daily data, which must be totalled per month before it can be submitted.`;
    }
  }
  if (summaries.length > 0) {
    const list = summaries.join(", ");
    notes.push(summaries.length > 1 ? `Rows ${list} are summaries, not months: skipped.` : `Row ${list} is a summary, not a month: skipped.`);
  }
  const rowsNote = `${rows.length} row${rows.length === 1 ? "" : "s"} with data read (rows ${sheetRow(firstData) + 1} to ${sheetRow(Math.max(firstData, height - 1)) + 1}; blank rows are skipped, never read as 0).`;
  notes.splice(1, 0, ...(periodNote === null ? [rowsNote] : [rowsNote, periodNote]));

  return finish({ found: true, headerRow: sheetRow(h), columns: sheetColumns, helperColumns: [...helperColumns].map(sheetCol).sort((a, b) => a - b), rows });

  function describeColumns(cols: HeaderColumns, r: number): string {
    const parts = (Object.entries(cols) as [keyof HeaderColumns, number][])
      .filter(([key]) => key !== "median")
      .map(([key, col]) => `${ROLE_WORDS[key]} in ${columnLetters(sheetCol(col))} (${quote(values[r][col])})`);
    return parts.length === 0 ? "no column" : parts.join(", ");
  }
}

function badNumberMessage(reason: BadNumberReason, text: string, what: string): string {
  const shown = quote(text);
  switch (reason) {
    case "excel_error":
      return `shows ${text}${text === "#DIV/0!" ? " (a division by zero or by a blank cell)" : ""}, not a number — fix the formula, or clear the cell if there is no data`;
    case "placeholder":
      return `holds ${shown}, which is not a number — leave the cell blank when there is no data (a blank is a missing month; type 0 only if the count really was 0)`;
    case "percent_text":
      return what === "value" || what === "goal"
        ? `holds the text ${shown} — type ${text.replace(/\s*%$/, "")} without the % sign (the ${what} is already a percentage)`
        : `holds the text ${shown} — type the ${what} as a count (a whole number), not a percentage`;
    case "decimal_comma":
      return `holds ${shown} with a decimal comma, which Excel reads as text here — type it with a point (${text.replace(",", ".")})`;
    case "number_as_text":
      return `holds the number ${text} stored as text, which Excel's sums and charts skip — select the cell and choose Convert to Number, or type it again`;
    case "logical":
      return `holds ${text}, not a number — type the ${what} as a number`;
    case "not_finite":
      return `holds ${text}, not a usable number — type the ${what} as a number`;
    case "data_type":
      return `holds ${text}, which has no number — type the ${what} itself, or a formula that takes one of its number fields (e.g. =A2.Price)`;
    case "text":
      return `holds the text ${shown}, not a number — type the ${what} as a number, or leave the cell blank if there is no data`;
  }
}

function valueMismatchMessage(
  series: SeriesKind,
  value: number,
  expected: number,
  numerator: number | null,
  denominator: number | null,
  formula: unknown,
  row: number,
  numeratorAddress: string,
): string {
  const v = formatNumber(value);
  if (series.kind === "count") {
    return `value ${v} doesn't match the count ${formatNumber(expected)} in ${numeratorAddress} — for a count the value is the count itself: correct one of them`;
  }
  const sum = `${formatNumber(numerator ?? 0)} ÷ ${formatNumber(denominator ?? 0)} × ${formatNumber(series.multiplier ?? 1)} = ${formatNumber(expected)}`;
  let fix: string;
  if (series.multiplier !== null && series.multiplier !== 1 && valueAgrees(value * series.multiplier, expected)) {
    fix = isFormula(formula)
      ? `the formula ${formula} gives a fraction: multiply by ${formatNumber(series.multiplier)} in the formula${series.kind === "percent" ? ", or format the cell as %" : ""}`
      : `it looks like a fraction: multiply by ${formatNumber(series.multiplier)}${series.kind === "percent" ? ", or format the cell as %" : ""}`;
  } else if (isFormula(formula)) {
    const otherRows = [...new Set(formulaReferences(formula).filter((ref) => !ref.absoluteRow && ref.row !== row).map((ref) => ref.row + 1))];
    fix =
      otherRows.length > 0
        ? `the formula ${formula} refers to row ${otherRows.join(" and ")}, not row ${row + 1}: copy the formula down from a correct row`
        : `check the formula ${formula}`;
  } else {
    fix = "correct the value, or clear it and the value is worked out from the numerator and denominator";
  }
  return `value ${v} doesn't match numerator ÷ denominator: ${sum} — ${fix}`;
}
