/**
 * Reading a team's PDSA log: the Excel table "Create PDSA log" makes, or one a team keeps by hand.
 * The same conventions as a measure sheet (readMeasureSheet): a loose header row found among the
 * first 50 rows, dates as serials or text, blank rows skipped, and every problem an issue on its cell
 * with a fix. The phases (header row, columns, rows) share the measure reader's sheet context.
 */
import { normalizeHeader } from "../sheet/headers";
import { compareIssuesWithinSheet, type SheetIssue } from "../sheet/issues";
import { isBlank } from "../sheet/numberCell";
import { type CellGrid, sheetContext, type SheetContext } from "../sheet/sheetContext";
import { quote } from "../sheet/sheetMessages";
import { cycleKey, type PdsaCycle, type PdsaDecision } from "../schema/pdsa";
import { matchPdsaHeaders, PDSA_FIELDS, PDSA_HEADERS, type PdsaColumns, type PdsaField, type PdsaHeaderMatch } from "./pdsaHeaders";
import { PDSA_TEXTS } from "./pdsaMessages";
import { parseDay } from "./parseDay";

/** How far down a sheet the header row is looked for (as for measure sheets). */
const HEADER_SEARCH_ROWS = 50;

/** The characters the data store keeps per field (src/core/schema/pdsa.ts). */
const MAX_LENGTH: Partial<Record<PdsaField, number>> = { cycle: 40, changeIdea: 500, prediction: 2000, whatHappened: 2000 };

/** What {@link readPdsaLog} reads. */
export type ReadPdsaLogInput = {
  sheetName: string;
  /** the used range's values (`range.values`): blank cells are `""` */
  values: CellGrid;
  /** the same range's `range.numberFormat`: tells date serials from other numbers */
  numberFormat?: CellGrid;
  /** 0-based sheet position of `values[0][0]`; default A1 */
  origin?: { row: number; column: number };
  /** the collaborative's measures: names and ids in the measures column are matched to these ids */
  measures?: readonly { id: string; name: string }[];
  /** how to read an ambiguous numeric date such as "03/04/2026"; default: refuse it */
  dateOrder?: "dmy" | "mdy";
  /** the workbook's date system; default 1900 */
  dateSystem?: 1900 | 1904;
};

/** What {@link readPdsaLog} found. */
export type PdsaLogReading = {
  sheetName: string;
  /** whether a header row with a change idea and a start date column was found */
  found: boolean;
  /** 0-based sheet row of the header row, or `null` */
  headerRow: number | null;
  /** 0-based sheet columns of each field found */
  columns: PdsaColumns;
  /** the cycles read without an error, in sheet order: what a report sends */
  cycles: PdsaCycle[];
  /** 0-based sheet row of each of `cycles` */
  cycleRows: number[];
  /** problems, each on its cell; errors first, then by row */
  issues: SheetIssue[];
  /** what was read from where, in plain words */
  notes: string[];
};

const DECISIONS: readonly PdsaDecision[] = ["adopt", "adapt", "abandon", "continue"];

/**
 * A decision as typed: its first word, case-folded, matched by stem ("Adopted", "ADAPT - add a
 * second prompt", "abandoned", "Continuing" are read; "keep" is not).
 *
 * @example
 * readDecision("Adopted: spread to ward 2"); // => "adopt"
 * @example
 * readDecision("keep going"); // => null
 */
export function readDecision(text: string): PdsaDecision | null {
  const word = normalizeHeader(text).split(" ")[0] ?? "";
  if (word.startsWith("continu")) return "continue";
  return DECISIONS.find((d) => word.startsWith(d)) ?? null;
}

/** A cell as text for a free-text field: numbers as Excel shows them without a format ("2", not "2.0"). */
function textOf(cell: unknown): string {
  if (isBlank(cell)) return "";
  if (typeof cell === "object" && cell !== null && "basicValue" in cell) return textOf((cell as { basicValue?: unknown }).basicValue);
  return String(cell).trim();
}

function findHeader(sheet: SheetContext): { r: number; match: PdsaHeaderMatch } | { why: string } {
  let best: { r: number; match: PdsaHeaderMatch; score: number } | null = null;
  let partial: { r: number; match: PdsaHeaderMatch; score: number } | null = null;
  for (let r = 0; r < Math.min(sheet.height, HEADER_SEARCH_ROWS); r += 1) {
    const match = matchPdsaHeaders(sheet.values[r] ?? []);
    const score = Object.keys(match.columns).length;
    if (match.columns.changeIdea !== undefined && match.columns.startDate !== undefined) {
      if (best === null || score > best.score) best = { r, match, score };
    } else if (score >= 2 && (partial === null || score > partial.score)) {
      partial = { r, match, score };
    }
  }
  if (best !== null) return best;
  if (sheet.height === 0 || sheet.width === 0) return { why: PDSA_TEXTS.empty };
  if (partial !== null) {
    const missing = partial.match.columns.changeIdea === undefined ? `"${PDSA_HEADERS.changeIdea}"` : `"${PDSA_HEADERS.startDate}"`;
    return { why: PDSA_TEXTS.partialHeader(sheet.sheetRow(partial.r) + 1, missing) };
  }
  return { why: PDSA_TEXTS.noHeader(Math.min(sheet.height, HEADER_SEARCH_ROWS)) };
}

/** The measure ids a measures cell names: names or ids, separated by commas, semicolons, line breaks or "|". */
function measureIdsOf(
  sheet: SheetContext,
  r: number,
  c: number,
  measures: ReadPdsaLogInput["measures"],
): string[] {
  const text = textOf(sheet.values[r]?.[c]);
  if (text === "") return [];
  const ids: string[] = [];
  const lookUp = (part: string): string | null => {
    const key = normalizeHeader(part);
    if (measures === undefined) return /^[a-z0-9][a-z0-9-]*$/.test(part) ? part : null;
    return measures.find((m) => m.id === part.toLowerCase() || normalizeHeader(m.name) === key || normalizeHeader(m.id) === key)?.id ?? null;
  };
  for (const group of text.split(/[;\n|]+/)) {
    // Commas separate measures, but a name may hold one ("Falls per 1,000 bed days"): the longest
    // run of comma-separated pieces that names a measure is taken first.
    const pieces = group.split(",");
    let i = 0;
    while (i < pieces.length) {
      let taken = 0;
      let found: string | null = null;
      for (let j = pieces.length; j > i && found === null; j -= 1) {
        const candidate = pieces.slice(i, j).join(",").trim();
        if (candidate === "") continue;
        found = lookUp(candidate);
        if (found !== null) taken = j - i;
      }
      const piece = (pieces[i] ?? "").trim();
      if (found !== null) {
        if (!ids.includes(found)) ids.push(found);
        i += taken;
        continue;
      }
      if (piece !== "") {
        const known = measures === undefined ? "measure ids such as falls-rate" : measures.map((m) => `${m.name} (${m.id})`).join(", ");
        sheet.issue("error", "UNKNOWN_MEASURE", r, c, PDSA_TEXTS.unknownMeasure(piece, known));
      }
      i += 1;
    }
  }
  return ids;
}

/**
 * Find and read the cycles of a PDSA log, hand-built or made by "Create PDSA log".
 *
 * How it reads, in order:
 * 1. **Header row**: of the first 50 rows, the one naming the most fields (`matchPdsaHeaders`) among
 *    those that name a change idea and a start date. None: `NO_PDSA_LOG_FOUND`.
 * 2. **Columns**: a missing Cycle or Decision column is an error (`MISSING_COLUMN`: the label is the
 *    cycle's id; the decision closes a cycle); a missing Measures column a warning (no chart can show
 *    the cycles); other headers are noted and ignored.
 * 3. **Rows**: every row under the header; a row with nothing in the cycle's columns is skipped. Each
 *    cycle row needs a label, a change idea and a start date (`MISSING_CYCLE_FIELD`); dates are read by
 *    `parseDay` (`NOT_A_DATE`); the end may be blank (the cycle runs) but not before the start
 *    (`END_BEFORE_START`); an ended cycle needs a decision (`MISSING_CYCLE_FIELD`), read by
 *    `readDecision` (`UNKNOWN_DECISION`); a label twice is `DUPLICATE_CYCLE` (compared by `cycleKey`);
 *    measures are matched by name or id (`UNKNOWN_MEASURE`; none named: `NO_MEASURE_NAMED`, a
 *    warning); texts longer than the data store keeps are `TEXT_TOO_LONG`.
 *
 * Only rows without an error become `cycles`, so what is sent is what the sheet shows correctly.
 *
 * Runs in O(rows × columns).
 *
 * @param input the sheet's cells, number formats and the collaborative's measures
 * @returns the reading: where the log is, its cycles, issues and notes
 * @throws {CoreError} `invalid_shape` when `values` is not a 2-D array; `length_mismatch` when
 *   `numberFormat` has a different number of rows
 * @example
 * readPdsaLog({ sheetName: "PDSA", values: [["Cycle", "Change idea", "Start", "End", "Decision"], [1, "Daily huddle", "2026-03-02", "2026-03-20", "Adopted"]] }).cycles[0].decision; // => "adopt"
 * @example
 * readPdsaLog({ sheetName: "PDSA", values: [["Cycle", "Change idea", "Start", "End", "Decision"], [1, "Daily huddle", "2026-03-02", "2026-03-20", ""]] }).issues[0].message; // => "E2: the cycle ended on 2026-03-20 but has no decision — type adopt, adapt, abandon or continue"
 */
export function readPdsaLog(input: ReadPdsaLogInput): PdsaLogReading {
  const sheet = sheetContext({ sheetName: input.sheetName, values: input.values, ...(input.numberFormat !== undefined ? { numberFormat: input.numberFormat } : {}), ...(input.origin !== undefined ? { origin: input.origin } : {}) }, "readPdsaLog");
  const { issues, notes } = sheet;
  const finish = (reading: Omit<PdsaLogReading, "sheetName" | "issues" | "notes">): PdsaLogReading => ({
    sheetName: input.sheetName,
    ...reading,
    issues: issues.sort(compareIssuesWithinSheet),
    notes,
  });

  // 1. The header row.
  const header = findHeader(sheet);
  if ("why" in header) {
    sheet.issue("error", "NO_PDSA_LOG_FOUND", null, null, PDSA_TEXTS.noLog(input.sheetName, header.why));
    return finish({ found: false, headerRow: null, columns: {}, cycles: [], cycleRows: [] });
  }
  const h = header.r;
  const c = header.match.columns;

  // 2. The columns.
  const described = PDSA_FIELDS.filter((f) => c[f] !== undefined).map((f) => `${PDSA_HEADERS[f].toLowerCase()} in ${sheet.letters(c[f] as number)} (${quote(sheet.values[h]?.[c[f] as number])})`);
  notes.push(PDSA_TEXTS.found(sheet.sheetRow(h) + 1, described.join(", ")));
  const lastHeader = (sheet.values[h] ?? []).reduce<number>((last, text, col) => (isBlank(text) ? last : col), 0);
  const missing = (field: PdsaField, severity: "error" | "warning", why: string) => {
    sheet.issue(severity, "MISSING_COLUMN", h, lastHeader + 1, PDSA_TEXTS.missingColumn(field, why));
    notes.push(PDSA_TEXTS.missingColumnNote(field, why));
  };
  if (c.cycle === undefined) missing("cycle", "error", "each cycle's label is how it is known from month to month");
  if (c.decision === undefined) missing("decision", "error", "an ended cycle needs its decision: adopt, adapt, abandon or continue");
  if (c.measures === undefined) missing("measures", "warning", "without it no run chart can show the cycles");
  if (header.match.unmatched.length > 0) notes.push(PDSA_TEXTS.unread(header.match.unmatched));
  if (c.measures !== undefined && input.measures === undefined) notes.push(PDSA_TEXTS.noMeasuresKnown);

  // 3. The rows.
  const cycles: PdsaCycle[] = [];
  const cycleRows: number[] = [];
  const firstRowOf = new Map<string, number>();
  const cell = (r: number, field: PdsaField): unknown => (c[field] === undefined ? "" : sheet.values[r]?.[c[field] as number]);
  const dateOptions = (r: number, field: PdsaField) => {
    const format = c[field] === undefined ? undefined : sheet.formatAt(r, c[field] as number);
    return {
      ...(typeof format === "string" ? { numberFormat: format } : {}),
      ...(input.dateOrder !== undefined ? { dateOrder: input.dateOrder } : {}),
      ...(input.dateSystem !== undefined ? { dateSystem: input.dateSystem } : {}),
    };
  };
  let cycleRowCount = 0;
  let firstRow: number | null = null;
  let lastRow: number | null = null;
  for (let r = h + 1; r < sheet.height; r += 1) {
    if (PDSA_FIELDS.every((field) => isBlank(cell(r, field)))) continue;
    firstRow ??= r;
    lastRow = r;
    cycleRowCount += 1;
    const before = issues.filter((i) => i.severity === "error").length;
    const at = (field: PdsaField) => c[field] ?? lastHeader;
    const texts = {} as Record<PdsaField, string>;
    for (const field of ["cycle", "changeIdea", "prediction", "whatHappened"] as const) {
      texts[field] = textOf(cell(r, field));
      const max = MAX_LENGTH[field] as number;
      if (texts[field].length > max) sheet.issue("error", "TEXT_TOO_LONG", r, at(field), PDSA_TEXTS.tooLong(PDSA_HEADERS[field].toLowerCase(), texts[field].length, max));
    }
    if (c.cycle === undefined) {
      // MISSING_COLUMN said it once for the sheet.
    } else if (texts.cycle === "") sheet.issue("error", "MISSING_CYCLE_FIELD", r, at("cycle"), PDSA_TEXTS.missingLabel);
    else {
      const key = cycleKey(texts.cycle);
      const first = firstRowOf.get(key);
      if (first !== undefined) sheet.issue("error", "DUPLICATE_CYCLE", r, at("cycle"), PDSA_TEXTS.duplicate(texts.cycle, sheet.sheetRow(first) + 1, sheet.addr(first, at("cycle"))));
      else firstRowOf.set(key, r);
    }
    if (texts.changeIdea === "") sheet.issue("error", "MISSING_CYCLE_FIELD", r, at("changeIdea"), PDSA_TEXTS.missingChange);

    let start: string | null = null;
    if (isBlank(cell(r, "startDate"))) sheet.issue("error", "MISSING_CYCLE_FIELD", r, at("startDate"), PDSA_TEXTS.missingStart);
    else {
      const parsed = parseDay(cell(r, "startDate"), dateOptions(r, "startDate"));
      if ("error" in parsed) sheet.issue("error", "NOT_A_DATE", r, at("startDate"), PDSA_TEXTS.badDate("start", parsed.error));
      else start = parsed.day;
    }
    let end: string | null = null;
    let endBad = false;
    if (!isBlank(cell(r, "endDate"))) {
      const parsed = parseDay(cell(r, "endDate"), dateOptions(r, "endDate"));
      if ("error" in parsed) {
        endBad = true;
        sheet.issue("error", "NOT_A_DATE", r, at("endDate"), PDSA_TEXTS.badDate("end", parsed.error));
      } else {
        end = parsed.day;
        if (start !== null && end < start) sheet.issue("error", "END_BEFORE_START", r, at("endDate"), PDSA_TEXTS.endBeforeStart(end, start, sheet.addr(r, at("startDate"))));
      }
    }
    let decision: PdsaDecision | null = null;
    const decisionText = textOf(cell(r, "decision"));
    if (decisionText !== "") {
      decision = readDecision(decisionText);
      if (decision === null) sheet.issue("error", "UNKNOWN_DECISION", r, at("decision"), PDSA_TEXTS.unknownDecision(decisionText));
    } else if (end !== null && c.decision !== undefined) {
      sheet.issue("error", "MISSING_CYCLE_FIELD", r, at("decision"), PDSA_TEXTS.missingDecision(end));
    }
    const measureIds = c.measures === undefined ? [] : measureIdsOf(sheet, r, c.measures, input.measures);
    if (c.measures !== undefined && isBlank(cell(r, "measures"))) sheet.issue("warning", "NO_MEASURE_NAMED", r, c.measures, PDSA_TEXTS.noMeasure);

    const errors = issues.filter((i) => i.severity === "error").length - before;
    if (errors === 0 && start !== null && !endBad && c.cycle !== undefined && c.decision !== undefined) {
      cycles.push({
        cycleId: texts.cycle,
        changeIdea: texts.changeIdea,
        measureIds,
        prediction: texts.prediction,
        startDate: start,
        endDate: end,
        whatHappened: texts.whatHappened,
        decision,
      });
      cycleRows.push(sheet.sheetRow(r));
    }
  }
  if (firstRow !== null && lastRow !== null) notes.push(PDSA_TEXTS.rowsRead(cycles.length, cycleRowCount, sheet.sheetRow(firstRow) + 1, sheet.sheetRow(lastRow) + 1));

  const columns: PdsaColumns = {};
  for (const field of PDSA_FIELDS) if (c[field] !== undefined) columns[field] = sheet.sheetCol(c[field] as number);
  return finish({ found: true, headerRow: sheet.sheetRow(h), columns, cycles, cycleRows });
}
