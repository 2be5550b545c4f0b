/**
 * Every text the PDSA log reader shows, in one place (as sheetMessages.ts for measure sheets): issue
 * messages say what is wrong and how to fix it; notes say what was read from where.
 */
import { quote } from "../sheet/sheetMessages";
import { PDSA_HEADERS, type PdsaField } from "./pdsaHeaders";

export const PDSA_TEXTS = {
  noLog: (sheetName: string, why: string) =>
    `No PDSA log found on sheet "${sheetName}": ${why}. Put a header row above the cycles, e.g. Cycle | Change idea | Measures it aims to move | Prediction | Start date | End date | What happened | Decision, or use Create PDSA log.`,
  empty: "the sheet is empty",
  noHeader: (rows: number) => `no row in the first ${rows} rows names a change idea column and a start date column`,
  partialHeader: (row: number, missing: string) => `row ${row} looks like a header but has no ${missing} column`,
  found: (row: number, described: string) => `PDSA log found under the header row ${row}: ${described}.`,
  missingColumn: (field: PdsaField, why: string) => `there is no "${PDSA_HEADERS[field]}" column — add one here (${why})`,
  missingColumnNote: (field: PdsaField, why: string) => `No "${PDSA_HEADERS[field]}" column (${why}).`,
  unread: (headers: readonly string[]) => `Column${headers.length > 1 ? "s" : ""} ${headers.map(quote).join(", ")} ${headers.length > 1 ? "are" : "is"} not one the PDSA log reader reads: ignored.`,
  rowsRead: (cycles: number, rows: number, first: number, last: number) =>
    cycles === rows
      ? `${cycles === 1 ? "1 cycle" : `${cycles} cycles`} read from rows ${first} to ${last}.`
      : `${cycles} of ${rows} cycles read from rows ${first} to ${last}: the others have an error to fix first.`,
  missingLabel: "this cycle has no label — type one (e.g. 1, 2a or Cycle 3): it is how the cycle is known from month to month",
  missingChange: "the change idea is blank — say what change this cycle tests",
  missingStart: "the start date is blank — type the day the cycle started, e.g. 2026-03-15",
  missingDecision: (end: string) => `the cycle ended on ${end} but has no decision — type adopt, adapt, abandon or continue`,
  badDate: (which: "start" | "end", error: string) => `the ${which} date cannot be read: ${error}`,
  endBeforeStart: (end: string, start: string, startAddress: string) =>
    `the cycle ends on ${end}, before it starts on ${start} (${startAddress}) — correct one of the two dates`,
  unknownDecision: (text: string) => `${quote(text)} is not a decision — type adopt, adapt, abandon or continue (continue while the cycle runs)`,
  duplicate: (label: string, firstRow: number, firstAddress: string) =>
    `cycle ${quote(label)} is already on row ${firstRow} (${firstAddress}) — give each cycle its own label (e.g. 2a, 2b for a cycle adapted and tested again)`,
  unknownMeasure: (text: string, known: string) => `${quote(text)} is not a measure of this collaborative — use a measure's name or id: ${known}`,
  noMeasure: "the cycle names no measure, so no run chart shows it — name the measures the change aims to move",
  tooLong: (what: string, length: number, max: number) => `the ${what} has ${length} characters; the data store keeps ${max} — shorten it`,
  noMeasuresKnown: "The collaborative's measures were not given, so only measure ids (e.g. falls-rate) were read from the measures column.",
} as const;
