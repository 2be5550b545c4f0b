/**
 * What "Create PDSA log" writes: an Excel table with the log's columns, date formats on the two date
 * columns, a drop-down of the four decisions, and a note that says how to keep the log. Pure data, like
 * `measureSheetLayout`: the task pane's Excel adapter writes it.
 */
import type { LayoutValidation } from "../sheet/layout";
import { PDSA_FIELDS, PDSA_HEADERS } from "./pdsaHeaders";

/** The result of {@link pdsaLogLayout}. */
export type PdsaLogLayout = {
  sheetName: string;
  tableName: string;
  /** the columns' headers, in the order of `PDSA_FIELDS` */
  headers: string[];
  /** one Excel number format per column: "@" (text) for labels, "yyyy-mm-dd" for the two dates */
  numberFormats: string[];
  /** empty rows the table starts with */
  rows: number;
  validation: LayoutValidation[];
  /** how to keep the log, for a note on the header */
  note: string;
};

/** The sheet "Create PDSA log" makes (a suffix is added when taken) and the table's name. */
export const PDSA_LOG_SHEET = "PDSA log";
export const PDSA_LOG_TABLE = "PdsaLog";

/**
 * The PDSA log's layout. The date columns are formatted `yyyy-mm-dd`, so a typed "15/3/2026" becomes
 * a date Excel shows one way and the reader reads as a serial; the decision column offers adopt,
 * adapt, abandon and continue; the text columns are text ("@") so a label "1" stays "1".
 *
 * @param measures the collaborative's measures, named in the note (the measures column takes their names or ids)
 * @returns the layout
 * @example
 * pdsaLogLayout([{ id: "falls", name: "Falls" }]).headers; // => ["Cycle", "Change idea", "Measures it aims to move", "Prediction", "Start date", "End date", "What happened", "Decision"]
 */
export function pdsaLogLayout(measures: readonly { id: string; name: string }[]): PdsaLogLayout {
  const headers = PDSA_FIELDS.map((f) => PDSA_HEADERS[f]);
  const numberFormats = PDSA_FIELDS.map((f) => (f === "startDate" || f === "endDate" ? "yyyy-mm-dd" : "@"));
  const alert = (message: string) => ({ title: "PDSA log", message, style: "Stop" as const, showAlert: true as const });
  const validation: LayoutValidation[] = [
    {
      header: PDSA_HEADERS.decision,
      column: PDSA_FIELDS.indexOf("decision"),
      rule: { list: { inCellDropDown: true, source: "adopt,adapt,abandon,continue" } },
      errorAlert: alert("Choose adopt, adapt, abandon or continue (continue while the cycle runs)."),
    },
    ...(["startDate", "endDate"] as const).map((field) => ({
      header: PDSA_HEADERS[field],
      column: PDSA_FIELDS.indexOf(field),
      rule: { date: { formula1: "2000-01-01", operator: "GreaterThanOrEqualTo" as const } },
      errorAlert: alert(`Type the ${field === "startDate" ? "start" : "end"} as a date, e.g. 2026-03-15.`),
    })),
  ];
  const names = measures.map((m) => m.name).join(", ");
  const note =
    "One row per PDSA cycle. Cycle: a label that stays the same (1, 2, 2a…). Measures it aims to move: " +
    `names or ids, separated by commas (${names}). End date blank while the cycle runs; once it has ended, the decision: ` +
    "adopt, adapt, abandon or continue. Validate reads this log and sends its cycles with the month's report; they show on the run charts where they started and ended.";
  return { sheetName: PDSA_LOG_SHEET, tableName: PDSA_LOG_TABLE, headers, numberFormats, rows: 1, validation, note };
}

/**
 * The sheet that holds the PDSA log, found by its name when the team has not chosen one: the sheet
 * "Create PDSA log" makes ("PDSA log", or "PDSA log (2)"…), else the first whose name mentions PDSA
 * ("PDSAs", "Ward 7 PDSA tracker"), compared ignoring case. `null` when none does.
 *
 * @param sheetNames the workbook's sheet names, in tab order
 * @returns the sheet's name, or `null`
 * @example
 * findPdsaLogSheet(["Falls", "Our PDSAs", "PDSA log"]); // => "PDSA log"
 * @example
 * findPdsaLogSheet(["Falls", "Ward 7 pdsa tracker"]); // => "Ward 7 pdsa tracker"
 */
export function findPdsaLogSheet(sheetNames: readonly string[]): string | null {
  const lower = sheetNames.map((n) => n.toLowerCase());
  const exact = lower.findIndex((n) => n === PDSA_LOG_SHEET.toLowerCase());
  if (exact >= 0) return sheetNames[exact] as string;
  const made = lower.findIndex((n) => n.startsWith(`${PDSA_LOG_SHEET.toLowerCase()} (`));
  if (made >= 0) return sheetNames[made] as string;
  const named = lower.findIndex((n) => /pdsa/.test(n));
  return named >= 0 ? (sheetNames[named] as string) : null;
}
