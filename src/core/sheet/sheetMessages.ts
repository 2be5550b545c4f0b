/**
 * Every text the measure-sheet reader shows, in one place (zod's habit: the wording lives apart from
 * the logic). Issue messages say what is wrong and how to fix it; notes say what was read from where.
 * The checks in readMeasureSheet's phases decide *whether* to speak; these functions decide *what* is
 * said, so a wording can be reviewed or changed without reading the checks.
 */
import { formatNumber } from "./issues";
import type { HeaderColumns } from "./headers";
import { formulaReferences, isFormula, type BadNumberReason } from "./numberCell";
import { type SeriesKind, valueAgrees } from "./value";

/** A cell's text in quotes for a message, cut to 40 characters. */
export function quote(cell: unknown): string {
  const text = String(cell).trim().replace(/\s+/g, " ");
  return `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`;
}

/** How each column role is named in notes. */
const ROLE_WORDS: Record<keyof HeaderColumns, string> = {
  month: "month",
  numerator: "numerator",
  denominator: "denominator",
  value: "value",
  goal: "goal",
  annotation: "annotation",
  median: "median (helper)",
};

/** How each measure kind is named in messages ("a percentage can't be…"). */
export const KIND_WORDS: Record<string, string> = { percent: "percentage", rate: "rate", count: "count", mean: "mean" };

/** "month in A (\"Month\"), numerator in B (\"Falls\")": the data columns of a header row. */
export function describeColumns(cols: HeaderColumns, headerCells: readonly unknown[], letterOf: (column: number) => string): string {
  const parts = (Object.entries(cols) as [keyof HeaderColumns, number][])
    .filter(([key]) => key !== "median")
    .map(([key, col]) => `${ROLE_WORDS[key]} in ${letterOf(col)} (${quote(headerCells[col])})`);
  return parts.length === 0 ? "no column" : parts.join(", ");
}

/** The texts of the header search (phase 1). */
export const HEADER_TEXTS = {
  empty: "the sheet is empty",
  onlyRow: "the only row does not name a month column and a numbers column",
  noRowIn: (rows: number) => `no row in the first ${rows} rows names a month column and a numbers column`,
  noMonth: (row: number, described: string) => `row ${row} names ${described} but no month column`,
  noNumbers: (row: number, monthAddress: string) =>
    `row ${row} names a month column (${monthAddress}) but no Numerator, Denominator or Value column`,
  noSeries: (sheetName: string, why: string) =>
    `No measure data found on sheet "${sheetName}": ${why}. Put a header row above the data, e.g. Month | Numerator | Denominator | Value, or use Create sheet.`,
  noSeriesNote: (why: string) => `No series found: ${why}.`,
} as const;

/** The texts of the column map (phase 2). */
export const COLUMN_TEXTS = {
  seriesFound: (row: number, described: string) => `Series found under the header row ${row}: ${described}.`,
  missingColumn: (name: string, why: string) => `there is no ${name} column on this sheet — add a column headed "${name}" here (${why})`,
  missingColumnNote: (name: string, why: string) => `No ${name} column, which this measure needs (${why}).`,
  ratioFormula: (series: SeriesKind) =>
    series.kind === "percent" ? "numerator ÷ denominator × 100" : `numerator ÷ denominator × ${formatNumber(series.multiplier ?? 1)}`,
  ratioNeeds: (measureName: string, kindWord: string, formula: string) => `"${measureName}" is a ${kindWord}: ${formula}`,
  countNeeds: (measureName: string) => `"${measureName}" is a count: type the count of each month there`,
  meanNeeds: (measureName: string) => `"${measureName}" is a mean: type each month's mean there`,
  valuesOnly: (column: string) => `There is no Numerator or Denominator column, so only the values in ${column} are read.`,
  helperColumn: (column: string, header: string) => `${column} (${header})`,
  helperByFormula: (column: string, header: string, example: string) => `${column} (${header}, formulas like ${example})`,
  helpers: (list: readonly string[]) =>
    `Helper columns ${list.join(", ")} are worked out from the data (a center line, limits or spread): they are not data and were not read.`,
  unread: (list: readonly string[]) =>
    `Column${list.length > 1 ? "s" : ""} ${list.join(", ")} ${list.length > 1 ? "are" : "is"} not one this add-in reads: ignored.`,
  above: (cells: readonly string[]) => `Cells above the header row (${cells.slice(0, 3).join(", ")}${cells.length > 3 ? ", …" : ""}) were not read.`,
  outside: (range: string, labels: readonly string[]) => `Cells outside the table (${range}${labels.length > 0 ? `: ${labels.join(", ")}` : ""}) were ignored.`,
} as const;

/** The texts of the rows (phase 3) and the sheet-wide findings about them. */
export const ROW_TEXTS = {
  blankMonth: "the month is blank but this row has data — type the month, e.g. 2026-03 (or move the data to its month's row)",
  duplicate: (period: string, firstRow: number, firstAddress: string) =>
    `${period} is already on row ${firstRow} (${firstAddress}) — each month goes on one row: correct the month, or delete one of the two rows`,
  outOfOrder: (period: string, previous: string, previousAddress: string) =>
    `${period} comes after ${previous} (${previousAddress}) — sort the table by month (oldest first) so run charts read left to right`,
  weekNumbers: (column: string, header: string, range: string) =>
    `column ${column} (${header}) holds week numbers${range}, not months — the collaborative collects one figure per calendar month, so these rows can't be submitted as they are: add a Month column (2026-01, 2026-02, …) with one row per month, e.g. the total of that month's weeks`,
  weekNumbersNote: (column: string, header: string, range: string, rows: number) =>
    `The periods in column ${column} (${header}) are week numbers${range}, not months: the collaborative collects one figure per calendar month, so ${rows === 1 ? "this row can't be submitted as it is" : `these ${rows} rows can't be submitted as they are`}.`,
  severalPerMonth: (column: string, header: string) =>
    `column ${column} (${header}) has several rows in the same month (weekly or daily data?) — the collaborative collects one figure per calendar month: total each month on one row`,
  severalPerMonthNote: (column: string, header: string) =>
    `Column ${column} (${header}) has several rows per month: it looks like weekly or daily data, which must be totalled per month before it can be submitted.`,
  summaries: (list: readonly string[]) =>
    list.length > 1 ? `Rows ${list.join(", ")} are summaries, not months: skipped.` : `Row ${list.join(", ")} is a summary, not a month: skipped.`,
  rowsRead: (count: number, first: number, last: number) =>
    `${count} row${count === 1 ? "" : "s"} with data read (rows ${first} to ${last}; blank rows are skipped, never read as 0).`,
} as const;

/** The texts of the per-row checks (phase 4), one per rule of `ROW_RULES`. */
export const CHECK_TEXTS = {
  negativeCount: (what: "numerator" | "denominator", n: number) =>
    `the ${what} ${formatNumber(n)} is below zero — a count can't be negative; check the cell`,
  negativeValue: (value: number, kindWord: string) => `the value ${formatNumber(value)} is below zero, which a ${kindWord} can't be — check the cell`,
  numeratorOverDenominator: (numerator: number, denominator: number) =>
    `numerator ${formatNumber(numerator)} is larger than denominator ${formatNumber(denominator)} — check both cells; a percentage can't exceed 100%`,
  denominatorZero: (month: string, kindWord: string) =>
    `the denominator for ${month} is 0, so there is no ${kindWord} that month — if nothing was eligible, leave both Numerator and Denominator blank; otherwise type the real denominator`,
  valueNotFinite: (month: string, numerator: number, denominator: number) =>
    `the denominator for ${month} is ${String(denominator)}, so ${formatNumber(numerator)} ÷ denominator is too large to be a number — type the real denominator`,
  denominatorBlank: (month: string, numerator: number) =>
    `the denominator for ${month} is blank but the numerator is ${formatNumber(numerator)} — type the denominator, or clear the numerator if the month was not measured`,
  valueOnly: (what: "numerator" | "denominator", month: string, value: number, kindWord: string) =>
    `the ${what} for ${month} is blank but the value is ${formatNumber(value)} — a ${kindWord} is sent as its numerator and denominator: type both, and the value works itself out`,
  numeratorBlank: (month: string, denominator: number) =>
    `the numerator for ${month} is blank but the denominator is ${formatNumber(denominator)} — type the numerator (0 if none), or clear the denominator if the month was not measured`,
  meanHasNumerator: (month: string, numerator: number) =>
    `a mean has no numerator, but ${month} has ${formatNumber(numerator)} here — type the month's mean in Value (and the number of cases in Denominator), then clear this cell`,
  meanBlank: (month: string, denominator: number | null, numerator: number | null): string | null => {
    const given =
      denominator !== null
        ? `its Denominator (the number of cases) is ${formatNumber(denominator)}`
        : numerator !== null
          ? `its Numerator is ${formatNumber(numerator)}`
          : null;
    return given === null ? null : `the mean for ${month} is blank but ${given} — type the mean in this cell, or clear the row if the month was not measured`;
  },
  notWhole: (what: string, n: number) => `the ${what} ${formatNumber(n)} is not a whole number — it counts events or patients; check the cell`,
  over100: (value: number) => `the value ${formatNumber(value)} is over 100, which a percentage can't be — check the cell (was a count typed here?)`,
  annotationTooLong: (length: number) =>
    `the annotation is ${length} characters; the data store keeps at most 500 — shorten it (the longer story fits in the month's narrative)`,
} as const;

/** Why a number cell could not be read, and how to fix it (after "the cell … "). */
export function badNumberMessage(reason: BadNumberReason, text: string, what: string): string {
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

/** A value that disagrees with numerator ÷ denominator × multiplier, with the likeliest fix. */
export function valueMismatchMessage(
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
