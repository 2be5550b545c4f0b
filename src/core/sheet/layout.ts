/**
 * What "Create sheet" writes for a measure, and how a workbook's sheets are matched back to measures.
 * Pure data: the task pane's Excel adapter writes it (table, formats, validation, note, chart) step by step.
 */
import { CoreError } from "../errors";
import type { MeasureDefinition } from "../schema/collaborative";
import { Period } from "../schema/common";
import { columnLetters } from "./address";
import { normalizeHeader } from "./headers";

/** One Excel data-validation rule, shaped as Office.js `range.dataValidation.rule` takes it. */
export type LayoutRule =
  | { wholeNumber: { formula1: number; operator: "GreaterThan" | "GreaterThanOrEqualTo" } }
  | { decimal: { formula1: number; operator: "GreaterThan" | "GreaterThanOrEqualTo" } }
  | { textLength: { formula1: number; operator: "LessThanOrEqualTo" } }
  | { custom: { formula: string } }
  | { list: { inCellDropDown: true; source: string } }
  | { date: { formula1: string; operator: "GreaterThanOrEqualTo" } };

/** The validation of one table column, with the alert Excel shows when a typed value breaks it. */
export type LayoutValidation = {
  /** The column's header, as in `headers`. */
  header: string;
  /** 0-based column within the table. */
  column: number;
  rule: LayoutRule;
  /** Office.js `range.dataValidation.errorAlert`. */
  errorAlert: { title: string; message: string; style: "Stop"; showAlert: true };
};

/** The header of the column the run chart plots: the value, or #N/A (a gap) for a month without one. */
export const CHART_VALUE_HEADER = "Chart value";
/** The header of the median column; "Median" is a helper the sheet reader never takes for data. */
export const MEDIAN_HEADER = "Median";

/**
 * The charted column's formula. Excel line charts plot a formula's "" (and any text) as 0; only an
 * empty cell or #N/A leaves a gap (https://support.microsoft.com/en-us/office/display-empty-cells-null-n-a-values-and-hidden-worksheet-data-in-a-chart-a1ee6f0c-192f-4248-abeb-9ca49cb92274).
 * ISNUMBER rather than `[@Value]=""`: a typed 0 stays 0, and text or an error in Value is a gap too,
 * never a false 0. The Value column itself stays blank-friendly ("" when missing) for the QI.* functions.
 */
export const CHART_VALUE_FORMULA = "=IF(ISNUMBER([@Value]),[@Value],NA())";
/** The median column's formula: the center line over the table's whole Value column. */
export const MEDIAN_FORMULA = "=QI.CENTERLINE([Value])";

/** The result of {@link measureSheetLayout}. */
export type MeasureSheetLayout = {
  sheetName: string;
  tableName: string;
  headers: string[];
  /**
   * One row per month: the month as text, blank figures, the value formula, the goal, and the two
   * chart columns. Every formula is the same on every row, so Excel keeps each as a calculated column
   * that fills itself into a month added at the bottom of the table.
   */
  rows: unknown[][];
  /** The Value column's formula in table (structured reference) form; "" when the value is typed (mean). */
  valueFormula: string;
  /** One Excel number format per column: "@" (text) for Month, so "2026-01" stays text, not a date. */
  numberFormats: string[];
  validation: LayoutValidation[];
  /** The operational definition and how to fill the sheet in, for a note beside the table. */
  note: string;
  /**
   * The run chart's series, as 0-based table columns: x (Month), the charted value ("Chart value"),
   * the median and the goal (null when the measure has no goal). Bound to whole table columns, so
   * they grow with the table.
   */
  chart: { x: number; value: number; median: number; goal: number | null };
};

/** Characters Excel refuses in a sheet name. */
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/**
 * The sheet name "Create sheet" gives a measure: its name made legal for Excel (at most 31
 * characters, none of `[ ] : * ? / \`, not starting or ending with an apostrophe, not "History",
 * which Excel reserves), cut at a word boundary when it is long; the measure id when nothing is left.
 *
 * @example
 * measureSheetName({ id: "ssi", name: "Surgical site infections / 100 procedures" }); // => "Surgical site infections 100"
 */
export function measureSheetName(measure: Pick<MeasureDefinition, "id" | "name">): string {
  const printable = [...measure.name].map((ch) => (ch.charCodeAt(0) < 32 ? " " : ch)).join("");
  let name = printable.replace(FORBIDDEN_IN_SHEET_NAME, " ").replace(/\s+/g, " ").trim();
  name = name.replace(/^'+|'+$/g, "").trim();
  if (name.length > MAX_SHEET_NAME) {
    const cut = name.slice(0, MAX_SHEET_NAME + 1);
    const space = cut.lastIndexOf(" ");
    name = (space >= 16 ? cut.slice(0, space) : name.slice(0, MAX_SHEET_NAME)).replace(/'+$/, "").trim();
  }
  if (name === "" || name.toLowerCase() === "history") name = measure.id.slice(0, MAX_SHEET_NAME);
  return name;
}

function headersFor(kind: MeasureDefinition["kind"]): string[] {
  switch (kind) {
    case "percent":
    case "rate":
      return ["Month", "Numerator", "Denominator", "Value", "Goal", "Annotation"];
    case "count":
      return ["Month", "Count", "Value", "Goal", "Annotation"];
    case "mean":
      return ["Month", "Denominator", "Value", "Goal", "Annotation"];
  }
}

function valueFormulaFor(measure: MeasureDefinition): string {
  switch (measure.kind) {
    case "percent":
      return '=IF(OR([@Numerator]="",[@Denominator]=""),"",[@Numerator]/[@Denominator]*100)';
    case "rate":
      return `=IF(OR([@Numerator]="",[@Denominator]=""),"",[@Numerator]/[@Denominator]*${measure.multiplier ?? 1})`;
    case "count":
      return '=IF([@Count]="","",[@Count])';
    case "mean":
      return "";
  }
}

function valueFormatFor(kind: MeasureDefinition["kind"]): string {
  return kind === "percent" || kind === "mean" ? "0.0" : kind === "rate" ? "0.00" : "0";
}

const STOP = { style: "Stop", showAlert: true } as const;

function validationFor(measure: MeasureDefinition, headers: string[]): LayoutValidation[] {
  const at = (header: string): number => headers.indexOf(header);
  const rules: LayoutValidation[] = [];
  const add = (header: string, rule: LayoutRule, title: string, message: string): void => {
    if (at(header) >= 0) rules.push({ header, column: at(header), rule, errorAlert: { title, message, ...STOP } });
  };
  const numerator = columnLetters(at("Numerator") < 0 ? 0 : at("Numerator"));
  const denominator = columnLetters(at("Denominator") < 0 ? 0 : at("Denominator"));
  if (measure.kind === "percent") {
    add(
      "Numerator",
      { custom: { formula: `=AND(ISNUMBER(${numerator}2),${numerator}2>=0,${numerator}2=INT(${numerator}2),OR(${denominator}2="",${numerator}2<=${denominator}2))` } },
      "Numerator",
      "Type a whole number, 0 or more and no larger than the Denominator. Leave it blank if there is no data.",
    );
    add("Denominator", { wholeNumber: { formula1: 0, operator: "GreaterThan" } }, "Denominator", "Type a whole number above 0. Leave it blank if nothing was measured this month.");
  } else if (measure.kind === "rate") {
    add("Numerator", { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }, "Numerator", "Type a whole number, 0 or more. Leave it blank if there is no data.");
    add("Denominator", { decimal: { formula1: 0, operator: "GreaterThan" } }, "Denominator", "Type a number above 0. Leave it blank if nothing was measured this month.");
  } else if (measure.kind === "count") {
    add("Count", { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }, "Count", "Type a whole number, 0 or more. Leave it blank if there is no data.");
  } else {
    add("Denominator", { wholeNumber: { formula1: 0, operator: "GreaterThan" } }, "Denominator", "Type how many cases the mean is over: a whole number above 0.");
  }
  if (measure.kind !== "mean") add("Goal", { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } }, "Goal", "Type the goal as a number, 0 or more.");
  add("Annotation", { textLength: { formula1: 500, operator: "LessThanOrEqualTo" } }, "Annotation", "Keep the annotation to 500 characters; the longer story fits in the month's narrative.");
  return rules;
}

/**
 * What "Create sheet" writes for a measure: an Excel table at A1 with one row per month.
 *
 * Columns by kind (the Value column is a formula, so the team types only counts), then two columns
 * the run chart draws from, both calculated: "Chart value" `=IF(ISNUMBER([@Value]),[@Value],NA())`
 * (#N/A, a gap, for a month without data; Excel plots a formula's "" as 0) and "Median"
 * `=QI.CENTERLINE([Value])`. Goal is a calculated column `=<goal>` when the measure has a goal, so a
 * month added at the bottom gets it too (a team may still type a different goal on a row).
 * - `percent`, `rate`: Month | Numerator | Denominator | Value | Goal | Annotation, with
 *   Value `=IF(OR([@Numerator]="",[@Denominator]=""),"",[@Numerator]/[@Denominator]*100)`
 *   (×multiplier for a rate): blank until both counts are typed, never 0 for a missing month
 * - `count`: Month | Count | Value | Goal | Annotation, Value = the count
 * - `mean`: Month | Denominator | Value | Goal | Annotation, the mean typed in Value, Denominator its n
 *
 * The Month column is formatted as text ("@") so that "2026-01" is not turned into a date; set the
 * formats before writing the rows. Validation custom formulas refer to row 2 (the first data row of a
 * table at A1), as Excel expects of a rule applied to a whole column.
 *
 * @param measure the measure definition
 * @param months the months to pre-fill, `YYYY-MM`, usually the collaborative's start to end
 * @throws {CoreError} `invalid_value` when a month is not `YYYY-MM`
 * @example
 * measureSheetLayout({ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease", operationalDefinition: "", required: true }, ["2026-01"]).rows; // => [["2026-01", "", '=IF([@Count]="","",[@Count])', "", "", "=IF(ISNUMBER([@Value]),[@Value],NA())", "=QI.CENTERLINE([Value])"]]
 */
export function measureSheetLayout(measure: MeasureDefinition, months: readonly string[]): MeasureSheetLayout {
  for (const month of months) {
    if (!Period.safeParse(month).success) throw new CoreError("invalid_value", `measureSheetLayout: invalid month: ${month} (use YYYY-MM)`);
  }
  const headers = [...headersFor(measure.kind), CHART_VALUE_HEADER, MEDIAN_HEADER];
  const valueFormula = valueFormulaFor(measure);
  const goal = measure.goal === undefined ? "" : `=${measure.goal}`;
  const cellFor = (header: string, month: string): string =>
    header === "Month"
      ? month
      : header === "Value"
        ? valueFormula
        : header === "Goal"
          ? goal
          : header === CHART_VALUE_HEADER
            ? CHART_VALUE_FORMULA
            : header === MEDIAN_HEADER
              ? MEDIAN_FORMULA
              : "";
  const rows = months.map((month) => headers.map((header) => cellFor(header, month)));
  const valueFormat = valueFormatFor(measure.kind);
  const numberFormats = headers.map((header) =>
    header === "Month" || header === "Annotation"
      ? "@"
      : header === "Value" || header === "Goal" || header === CHART_VALUE_HEADER || header === MEDIAN_HEADER
        ? valueFormat
        : header === "Denominator" && measure.kind === "rate"
          ? "#,##0"
          : "0",
  );
  const kindText =
    measure.kind === "percent"
      ? "a percentage: Numerator ÷ Denominator × 100"
      : measure.kind === "rate"
        ? `a rate: Numerator ÷ Denominator × ${measure.multiplier ?? 1}${measure.unit !== undefined ? ` (${measure.unit})` : ""}`
        : measure.kind === "count"
          ? "a count per month"
          : `a mean per month, typed in Value${measure.unit !== undefined ? ` (${measure.unit})` : ""}, with its number of cases in Denominator`;
  const definition = measure.operationalDefinition.trim();
  const note = [
    `${measure.name}: ${kindText}.`,
    ...(definition === "" ? [] : [`Operational definition: ${definition}`]),
    "One row per month. Leave a cell blank when there is no data: a blank is a missing month, never 0.",
    `${CHART_VALUE_HEADER} and ${MEDIAN_HEADER} are worked out for the run chart: a month without data shows #N/A there, a gap in the chart.`,
  ].join("\n");
  return {
    sheetName: measureSheetName(measure),
    tableName: `qi_${measure.id.replace(/-/g, "_")}`,
    headers,
    rows,
    valueFormula,
    numberFormats,
    validation: validationFor(measure, headers),
    note,
    chart: {
      x: headers.indexOf("Month"),
      value: headers.indexOf(CHART_VALUE_HEADER),
      median: headers.indexOf(MEDIAN_HEADER),
      goal: measure.goal === undefined ? null : headers.indexOf("Goal"),
    },
  };
}

/**
 * The sheet that holds a measure, among a workbook's sheet names: first the name "Create sheet"
 * gives it (compared as Excel does, ignoring case), then a sheet named like the measure's name or id
 * (ignoring case, spacing and punctuation: "CLABSI_rate" for "CLABSI rate"), then a sheet whose name
 * contains the measure's name or id as whole words ("CLABSI rate (2)", "Team A - clabsi rate").
 * The first sheet in `sheetNames` order wins within each step; `null` when none matches.
 *
 * @example
 * findMeasureSheet(["Summary", "clabsi_rate"], { id: "clabsi-rate", name: "CLABSI rate" }); // => "clabsi_rate"
 */
export function findMeasureSheet(sheetNames: readonly string[], measure: Pick<MeasureDefinition, "id" | "name">): string | null {
  const layoutName = measureSheetName(measure).toLowerCase();
  const exact = sheetNames.find((name) => name.toLowerCase() === layoutName);
  if (exact !== undefined) return exact;
  const words = (text: string): string => normalizeHeader(text);
  const wanted = [words(measure.name), words(measure.id)].filter((w) => w !== "");
  const same = sheetNames.find((name) => wanted.includes(words(name)));
  if (same !== undefined) return same;
  const within = sheetNames.find((name) => wanted.some((w) => ` ${words(name)} `.includes(` ${w} `)));
  return within ?? null;
}
