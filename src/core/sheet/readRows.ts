/**
 * Phase 3 of readMeasureSheet: read every row under the header down to the end of the range. A row
 * with nothing in the series' columns is skipped (a blank row is not a month); a row labelled
 * "Total", "Average"… in the month column is skipped as a summary. **A blank cell is a missing
 * figure, never 0.** The month is read and checked against the rows above (unreadable, blank or
 * duplicate months, months out of order); each figure is read (`NOT_A_NUMBER` for text in a number
 * cell); then the row's rules run (rowRules.ts).
 */
import type { MeasureSheetRow } from "./readMeasureSheet";
import { normalizeHeader } from "./headers";
import { isBlank, isPercentFormat, readNumberCell } from "./numberCell";
import { parsePeriod } from "./period";
import { checkRow, type PeriodCounts, type RowRuleSheet } from "./rowRules";
import type { SheetContext } from "./sheetContext";
import type { ColumnMap } from "./mapColumns";
import { badNumberMessage, quote, ROW_TEXTS } from "./sheetMessages";

/** Labels of summary rows under a table, which are not months. */
const SUMMARY_LABELS = new Set(["total", "totals", "sum", "grand total", "average", "avg", "mean", "median", "overall", "ytd", "year to date"]);

type Figure = "numerator" | "denominator" | "value" | "goal";

/** The rows read, the summary rows skipped ("12 (\"Total\")"), and what the month cells showed. */
export type RowsRead = { rows: MeasureSheetRow[]; summaries: string[]; counts: PeriodCounts };

/** Read and check the rows under the header. */
export function readRows(sheet: SheetContext, map: ColumnMap, measureKnown: boolean): RowsRead {
  const { values, height, input } = sheet;
  const c = map.columns;
  const rules: RowRuleSheet = { sheet, columns: c, series: map.series, kindWord: map.kindWord, measureKnown };
  const rows: MeasureSheetRow[] = [];
  const summaries: string[] = [];
  const counts: PeriodCounts = { periodCells: 0, weekNumbers: 0, weekValues: [], duplicates: 0 };
  const firstRowOf = new Map<string, number>();
  let previous: { period: string; r: number } | null = null;
  let outOfOrderReported = false;

  const readNumber = (r: number, col: number | undefined, what: Figure, period: string | null): number | null => {
    if (col === undefined) return null;
    const scale = (what === "value" || what === "goal") && isPercentFormat(sheet.formatAt(r, col));
    const read = readNumberCell(values[r][col], { percentFormat: scale });
    if (read.kind === "blank") return null;
    if (read.kind === "bad") {
      sheet.issue(what === "goal" ? "warning" : "error", "NOT_A_NUMBER", r, col, badNumberMessage(read.reason, read.text, what), period);
      return null;
    }
    return read.value;
  };

  /** The row's month as `YYYY-MM`, or `null` (with an issue) when it cannot be read. */
  const readMonth = (r: number, monthColumn: number, monthCell: unknown): string | null => {
    if (isBlank(monthCell)) {
      sheet.issue("error", "UNKNOWN_MONTH", r, monthColumn, ROW_TEXTS.blankMonth);
      return null;
    }
    counts.periodCells += 1;
    const fmt = sheet.formatAt(r, monthColumn);
    const parsed = parsePeriod(monthCell, {
      ...(typeof fmt === "string" ? { numberFormat: fmt } : {}),
      ...(input.dateOrder !== undefined ? { dateOrder: input.dateOrder } : {}),
      ...(input.dateSystem !== undefined ? { dateSystem: input.dateSystem } : {}),
    });
    if ("error" in parsed) {
      sheet.issue("error", "UNKNOWN_MONTH", r, monthColumn, parsed.error);
      if (parsed.error.includes("week number")) {
        counts.weekNumbers += 1;
        if (typeof monthCell === "number") counts.weekValues.push(monthCell);
      }
      return null;
    }
    const period = parsed.period;
    const first = firstRowOf.get(period);
    if (first !== undefined) {
      counts.duplicates += 1;
      sheet.issue("error", "DUPLICATE_POINT", r, monthColumn, ROW_TEXTS.duplicate(period, sheet.sheetRow(first) + 1, sheet.addr(first, monthColumn)), period);
    } else {
      firstRowOf.set(period, r);
    }
    if (previous !== null && period < previous.period && !outOfOrderReported) {
      outOfOrderReported = true;
      sheet.issue("warning", "MONTHS_OUT_OF_ORDER", r, monthColumn, ROW_TEXTS.outOfOrder(period, previous.period, sheet.addr(previous.r, monthColumn)), period);
    }
    previous = { period, r };
    return period;
  };

  for (let r = map.h + 1; r < height; r += 1) {
    const monthCell = c.month === undefined ? "" : values[r][c.month];
    const hasFigures = [c.numerator, c.denominator, c.value].some((col) => col !== undefined && !isBlank(values[r][col]));
    const hasAnnotation = c.annotation !== undefined && !isBlank(values[r][c.annotation]);
    if (isBlank(monthCell) && !hasFigures && !hasAnnotation) continue;
    if (typeof monthCell === "string" && SUMMARY_LABELS.has(normalizeHeader(monthCell))) {
      summaries.push(`${sheet.sheetRow(r) + 1} (${quote(monthCell)})`);
      continue;
    }
    if (c.month === undefined) continue;
    const period = readMonth(r, c.month, monthCell);

    const numerator = readNumber(r, c.numerator, "numerator", period);
    const denominator = readNumber(r, c.denominator, "denominator", period);
    const value = readNumber(r, c.value, "value", period);
    const goal = readNumber(r, c.goal, "goal", period);
    const annotation = c.annotation !== undefined && !isBlank(values[r][c.annotation]) ? String(values[r][c.annotation]).trim() : null;
    checkRow({ r, period, month: period ?? "this month", numerator, denominator, value, annotation }, rules);
    rows.push({ row: sheet.sheetRow(r), period, numerator, denominator, value, goal, annotation });
  }
  return { rows, summaries, counts };
}
