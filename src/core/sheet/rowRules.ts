/**
 * Phase 4 of readMeasureSheet: the checks of one row, as a table of rules run in order, and the
 * sheet-wide finding about the period column (week numbers, or several rows per month).
 *
 * Each rule looks at the figures of one row as read (a figure is `null` when its cell is blank or
 * unreadable) and the kind of series (percent, rate, count, mean, or unknown), and reports issues
 * located to a cell. A rule whose column is absent from the sheet says nothing. The order of the
 * table is the order issues of one row are reported in. The wording is in sheetMessages.ts.
 */
import type { HeaderColumns } from "./headers";
import { formatNumber, type SheetIssue, type SheetIssueCode } from "./issues";
import { isBlank } from "./numberCell";
import type { SheetContext } from "./sheetContext";
import { CHECK_TEXTS, quote, ROW_TEXTS, valueMismatchMessage } from "./sheetMessages";
import { computedValue, type SeriesKind, valueAgrees } from "./value";

/** The longest annotation the data store keeps (`PointInput.annotation`, schema/submission.ts). */
export const ANNOTATION_MAX_LENGTH = 500;

/** One row as read, for the rules. */
export type RowFacts = {
  /** Grid row. */
  r: number;
  period: string | null;
  /** The period, or "this month" when the month cell could not be read. */
  month: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  annotation: string | null;
};

/** What every rule knows about the sheet. */
export type RowRuleSheet = {
  sheet: SheetContext;
  columns: HeaderColumns;
  series: SeriesKind;
  kindWord: string;
  /** Whether the measure is known (some checks need its definition, not a guess from the header). */
  measureKnown: boolean;
};

/** One issue a rule reports, at a grid column of the row. */
export type RowFinding = { severity: SheetIssue["severity"]; code: SheetIssueCode; column: number; message: string };

/** A rule: its name (for readers and tests) and its check. */
export type RowRule = { name: string; check: (row: RowFacts, on: RowRuleSheet) => RowFinding[] };

const error = (code: SheetIssueCode, column: number, message: string): RowFinding => ({ severity: "error", code, column, message });
const warning = (code: SheetIssueCode, column: number, message: string): RowFinding => ({ severity: "warning", code, column, message });
const isRatio = (series: SeriesKind): boolean => series.kind === "percent" || series.kind === "rate";

const numeratorNegative = (row: RowFacts, c: HeaderColumns): boolean => row.numerator !== null && row.numerator < 0 && c.numerator !== undefined;
const denominatorNegative = (row: RowFacts, c: HeaderColumns): boolean => row.denominator !== null && row.denominator < 0 && c.denominator !== undefined;
/** A percentage whose numerator exceeds its (positive) denominator: the value checks then stay quiet. */
const numeratorTooBig = (row: RowFacts, on: RowRuleSheet): boolean => {
  const { numerator, denominator } = row;
  return (
    on.series.kind === "percent" &&
    !numeratorNegative(row, on.columns) &&
    !denominatorNegative(row, on.columns) &&
    numerator !== null &&
    denominator !== null &&
    denominator > 0 &&
    numerator > denominator &&
    on.columns.numerator !== undefined
  );
};
const cellBlank = (on: RowRuleSheet, r: number, column: number | undefined): boolean => column !== undefined && isBlank(on.sheet.values[r][column]);

/** The per-row checks, in the order their issues are reported. */
export const ROW_RULES: readonly RowRule[] = [
  {
    name: "a count (numerator, denominator) is not negative",
    check: (row, { columns: c }) => [
      ...(numeratorNegative(row, c) && c.numerator !== undefined ? [error("NEGATIVE_NUMBER", c.numerator, CHECK_TEXTS.negativeCount("numerator", row.numerator ?? 0))] : []),
      ...(denominatorNegative(row, c) && c.denominator !== undefined ? [error("NEGATIVE_NUMBER", c.denominator, CHECK_TEXTS.negativeCount("denominator", row.denominator ?? 0))] : []),
    ],
  },
  {
    name: "a percentage, rate or count value is not negative",
    check: ({ value }, { columns: c, series, kindWord }) =>
      value !== null && value < 0 && c.value !== undefined && (isRatio(series) || series.kind === "count")
        ? [error("NEGATIVE_NUMBER", c.value, CHECK_TEXTS.negativeValue(value, kindWord))]
        : [],
  },
  {
    name: "a percentage's numerator does not exceed its denominator",
    check: (row, on) =>
      numeratorTooBig(row, on) && on.columns.numerator !== undefined
        ? [error("NUMERATOR_GT_DENOMINATOR", on.columns.numerator, CHECK_TEXTS.numeratorOverDenominator(row.numerator ?? 0, row.denominator ?? 0))]
        : [],
  },
  {
    name: "a percentage or rate has no zero denominator",
    check: ({ denominator, month }, { columns: c, series, kindWord }) =>
      isRatio(series) && denominator === 0 && c.denominator !== undefined ? [error("DENOMINATOR_ZERO", c.denominator, CHECK_TEXTS.denominatorZero(month, kindWord))] : [],
  },
  {
    name: "a percentage or rate with a numerator has its denominator",
    check: ({ r, numerator, month }, on) =>
      on.measureKnown && isRatio(on.series) && cellBlank(on, r, on.columns.denominator) && numerator !== null && on.columns.denominator !== undefined
        ? [error("MISSING_DENOMINATOR", on.columns.denominator, CHECK_TEXTS.denominatorBlank(month, numerator))]
        : [],
  },
  {
    name: "a percentage or rate is sent as numerator and denominator, not as a value alone",
    check: ({ r, value, month }, on) => {
      const { numerator: n, denominator: d } = on.columns;
      if (!on.measureKnown || !isRatio(on.series) || value === null || n === undefined || d === undefined) return [];
      if (!cellBlank(on, r, n) || !cellBlank(on, r, d)) return [];
      return [
        error("MISSING_NUMERATOR", n, CHECK_TEXTS.valueOnly("numerator", month, value, on.kindWord)),
        error("MISSING_DENOMINATOR", d, CHECK_TEXTS.valueOnly("denominator", month, value, on.kindWord)),
      ];
    },
  },
  {
    name: "a percentage or rate with a denominator has its numerator",
    check: ({ r, denominator, month }, on) =>
      on.measureKnown && isRatio(on.series) && cellBlank(on, r, on.columns.numerator) && denominator !== null && on.columns.numerator !== undefined
        ? [error("MISSING_NUMERATOR", on.columns.numerator, CHECK_TEXTS.numeratorBlank(month, denominator))]
        : [],
  },
  {
    // A mean is the value the team types, with n as Denominator; it has no numerator (core's
    // resolvePoint holds the same definition for what is sent).
    name: "a mean has no numerator",
    check: ({ numerator, month }, { columns: c, series, measureKnown }) =>
      series.kind === "mean" && measureKnown && numerator !== null && c.numerator !== undefined
        ? [error("NUMERATOR_NOT_USED", c.numerator, CHECK_TEXTS.meanHasNumerator(month, numerator))]
        : [],
  },
  {
    name: "a mean with a numerator or denominator has its value",
    check: ({ r, numerator, denominator, month }, on) => {
      if (on.series.kind !== "mean" || on.columns.value === undefined || !cellBlank(on, r, on.columns.value)) return [];
      const message = CHECK_TEXTS.meanBlank(month, denominator, numerator);
      return message === null ? [] : [error("MISSING_VALUE", on.columns.value, message)];
    },
  },
  {
    name: "counts are whole numbers (numerators of percentages, rates and counts; denominators of percentages)",
    check: ({ numerator, denominator }, { columns: c, series }) => {
      const fraction = (n: number | null, column: number | undefined, what: string): RowFinding[] =>
        n !== null && n >= 0 && column !== undefined && !Number.isInteger(n) ? [warning("NOT_WHOLE_NUMBER", column, CHECK_TEXTS.notWhole(what, n))] : [];
      return [
        ...(isRatio(series) || series.kind === "count" ? fraction(numerator, c.numerator, "numerator") : []),
        ...(series.kind === "percent" ? fraction(denominator, c.denominator, "denominator") : []),
      ];
    },
  },
  {
    // The data store refuses the same point (VALUE_NOT_FINITE in core's resolvePoint): a value that
    // overflows to Infinity cannot be stored, sent as JSON or placed on a run chart.
    name: "numerator ÷ denominator is a finite number",
    check: (row, on) => {
      const c = on.columns;
      if (!isRatio(on.series) || c.denominator === undefined || numeratorNegative(row, c) || denominatorNegative(row, c)) return [];
      const expected = computedValue(on.series, row.numerator, row.denominator);
      return expected !== null && !Number.isFinite(expected)
        ? [error("VALUE_NOT_FINITE", c.denominator, CHECK_TEXTS.valueNotFinite(row.month, row.numerator ?? 0, row.denominator ?? 0))]
        : [];
    },
  },
  {
    name: "the value agrees with numerator ÷ denominator, and a percentage is at most 100",
    check: (row, on) => {
      const { r, value, numerator, denominator } = row;
      const c = on.columns;
      if (value === null || c.value === undefined || value < 0) return [];
      const tooBig = numeratorTooBig(row, on);
      const negative = (numerator !== null && numeratorNegative(row, c)) || (denominator !== null && denominatorNegative(row, c));
      const expected = negative ? null : computedValue(on.series, numerator, denominator);
      if (expected !== null && Number.isFinite(expected) && !tooBig && !valueAgrees(value, expected)) {
        const formula = on.sheet.formulaAt(r, c.value);
        const message = valueMismatchMessage(on.series, value, expected, numerator, denominator, formula, on.sheet.sheetRow(r), on.sheet.addr(r, c.numerator ?? 0));
        return [error("VALUE_MISMATCH", c.value, message)];
      }
      if (on.series.kind === "percent" && value > 100 && !tooBig) return [error("VALUE_OVER_100", c.value, CHECK_TEXTS.over100(value))];
      return [];
    },
  },
  {
    name: `an annotation is at most ${ANNOTATION_MAX_LENGTH} characters`,
    check: ({ annotation }, { columns: c }) =>
      annotation !== null && annotation.length > ANNOTATION_MAX_LENGTH && c.annotation !== undefined
        ? [error("ANNOTATION_TOO_LONG", c.annotation, CHECK_TEXTS.annotationTooLong(annotation.length))]
        : [],
  },
];

/** Run every rule on one row, reporting its issues. */
export function checkRow(row: RowFacts, on: RowRuleSheet): void {
  for (const rule of ROW_RULES) {
    for (const finding of rule.check(row, on)) on.sheet.issue(finding.severity, finding.code, row.r, finding.column, finding.message, row.period);
  }
}

/** What the rows' month cells showed, for the sheet-wide finding. */
export type PeriodCounts = {
  /** Month cells that were not blank. */
  periodCells: number;
  /** Month cells read as week numbers, and their numbers. */
  weekNumbers: number;
  weekValues: number[];
  /** Rows whose month was already on an earlier row. */
  duplicates: number;
};

/**
 * The sheet-wide finding about the period column: week numbers instead of months (when the header
 * says "Week", or half the month cells or more are week numbers), or several rows per month (weekly
 * or daily data). Reports `PERIODS_NOT_MONTHS` at the header cell and returns the note to show, or
 * `null` when the periods are months.
 */
export function checkPeriods(sheet: SheetContext, h: number, monthColumn: number, weekly: boolean, counts: PeriodCounts, rowCount: number): string | null {
  const { periodCells, weekNumbers, weekValues, duplicates } = counts;
  const header = quote(sheet.values[h][monthColumn]);
  const column = sheet.letters(monthColumn);
  if (weekNumbers > 0 && (weekly || weekNumbers * 2 >= periodCells)) {
    const low = weekValues.reduce((m, x) => Math.min(m, x), Infinity);
    const high = weekValues.reduce((m, x) => Math.max(m, x), -Infinity);
    const range = weekValues.length > 0 ? ` (${formatNumber(low)} to ${formatNumber(high)})` : "";
    sheet.issue("error", "PERIODS_NOT_MONTHS", h, monthColumn, ROW_TEXTS.weekNumbers(column, header, range));
    return ROW_TEXTS.weekNumbersNote(column, header, range, rowCount);
  }
  if ((weekly && duplicates > 0) || (duplicates >= 2 && duplicates * 2 >= periodCells)) {
    sheet.issue("error", "PERIODS_NOT_MONTHS", h, monthColumn, ROW_TEXTS.severalPerMonth(column, header));
    return ROW_TEXTS.severalPerMonthNote(column, header);
  }
  return null;
}
