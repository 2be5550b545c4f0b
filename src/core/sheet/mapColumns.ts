/**
 * Phase 2 of readMeasureSheet: map the columns under the header row. Helper columns (headed
 * median/UCL/LCL/mean/SD…, or filled with formulas that give the same figure on every row:
 * `=MEDIAN(B:B)`, `=C$2`, `=H$3+(H$2*3)`) are noted and never read as data; the measure's kind is
 * settled (from the measure, else from the value header); columns the kind needs but the sheet
 * lacks are reported (`MISSING_COLUMN`); cells above the header and outside the table are noted.
 */
import type { MeasureDefinition } from "../schema/collaborative";
import type { HeaderColumns, HeaderMatch } from "./headers";
import { isBlank, isFormula, isHelperFormula } from "./numberCell";
import type { SheetContext } from "./sheetContext";
import { COLUMN_TEXTS, describeColumns, KIND_WORDS, quote } from "./sheetMessages";
import { kindOfHeader, kindOfMeasure, type SeriesKind } from "./value";

const DATA_KEYS = ["numerator", "denominator", "value", "goal"] as const;

/** The columns as mapped: grid columns (not yet sheet columns), and the kind of series they hold. */
export type ColumnMap = {
  /** Grid row of the header. */
  h: number;
  columns: HeaderColumns;
  /** Grid columns of helper columns. */
  helperColumns: Set<number>;
  series: SeriesKind;
  /** The kind in words ("percentage"), or "value" when the kind is unknown. */
  kindWord: string;
};

/** Map the series' columns under header row `h`, reporting missing columns and noting the rest. */
export function mapColumns(sheet: SheetContext, h: number, match: HeaderMatch, measure: MeasureDefinition | undefined): ColumnMap {
  const { values, height, width, notes, letters } = sheet;
  const columns: HeaderColumns = { ...match.columns };
  const firstData = h + 1;
  const headerText = (c: number): string => quote(values[h][c]);
  const helperColumns = new Set<number>(match.helpers.map((x) => x.column));
  const helperNotes: string[] = match.helpers.map((x) => COLUMN_TEXTS.helperColumn(letters(x.column), headerText(x.column)));

  // Helper columns told apart by their formulas.
  const columnIsHelper = (c: number): { helper: boolean; example: string | null } => {
    let helpers = 0;
    let filled = 0;
    let example: string | null = null;
    for (let r = firstData; r < height; r += 1) {
      if (isBlank(values[r][c]) && !isFormula(sheet.formulaAt(r, c))) continue;
      filled += 1;
      const f = sheet.formulaAt(r, c);
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
    helperNotes.push(COLUMN_TEXTS.helperByFormula(letters(c), headerText(c), example ?? ""));
  }
  const mapped = new Set<number>(Object.entries(columns).filter(([k]) => k !== "median").map(([, c]) => c));
  const unreadHeaders: string[] = [];
  for (let c = 0; c < width; c += 1) {
    if (mapped.has(c) || helperColumns.has(c) || isBlank(values[h][c])) continue;
    const { helper, example } = columnIsHelper(c);
    if (helper) {
      helperColumns.add(c);
      helperNotes.push(COLUMN_TEXTS.helperByFormula(letters(c), headerText(c), example ?? ""));
    } else {
      unreadHeaders.push(COLUMN_TEXTS.helperColumn(letters(c), headerText(c)));
    }
  }

  const series: SeriesKind =
    measure !== undefined ? kindOfMeasure(measure) : columns.value !== undefined ? kindOfHeader(values[h][columns.value]) : { kind: null, multiplier: null };
  const kindWord = series.kind === null ? "value" : KIND_WORDS[series.kind];

  // The columns found, and what is missing for this measure's kind.
  notes.push(COLUMN_TEXTS.seriesFound(sheet.sheetRow(h) + 1, describeColumns(columns, values[h], letters)));
  const lastHeader = values[h].reduce<number>((last, text, c) => (isBlank(text) ? last : c), 0);
  const missingColumn = (name: string, why: string): void => {
    sheet.issue("error", "MISSING_COLUMN", h, lastHeader + 1, COLUMN_TEXTS.missingColumn(name, why));
    notes.push(COLUMN_TEXTS.missingColumnNote(name, why));
  };
  if (measure !== undefined) {
    const formula = COLUMN_TEXTS.ratioFormula(series);
    if (series.kind === "percent" || series.kind === "rate") {
      if (columns.numerator === undefined) missingColumn("Numerator", COLUMN_TEXTS.ratioNeeds(measure.name, kindWord, formula));
      if (columns.denominator === undefined) missingColumn("Denominator", COLUMN_TEXTS.ratioNeeds(measure.name, kindWord, formula));
    } else if (series.kind === "count" && columns.numerator === undefined && columns.value === undefined) {
      missingColumn("Numerator", COLUMN_TEXTS.countNeeds(measure.name));
    } else if (series.kind === "mean" && columns.value === undefined) {
      missingColumn("Value", COLUMN_TEXTS.meanNeeds(measure.name));
    }
  } else if (columns.numerator === undefined && columns.denominator === undefined) {
    notes.push(COLUMN_TEXTS.valuesOnly(letters(columns.value ?? 0)));
  }
  if (helperNotes.length > 0) notes.push(COLUMN_TEXTS.helpers(helperNotes));
  if (unreadHeaders.length > 0) notes.push(COLUMN_TEXTS.unread(unreadHeaders));

  // What was left unread: cells above the header row, and cells outside the table.
  const above: string[] = [];
  for (let r = 0; r < h; r += 1) {
    const c = values[r].findIndex((x) => !isBlank(x));
    if (c >= 0) above.push(`${sheet.addr(r, c)} ${quote(values[r][c])}`);
  }
  if (above.length > 0) notes.push(COLUMN_TEXTS.above(above));
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
    const range = top === bottom && left === right ? sheet.addr(top, left) : `${sheet.addr(top, left)}:${sheet.addr(bottom, right)}`;
    const labels = outside.filter((x) => typeof values[x.r][x.c] === "string").slice(0, 3).map((x) => quote(values[x.r][x.c]));
    notes.push(COLUMN_TEXTS.outside(range, labels));
  }
  return { h, columns, helperColumns, series, kindWord };
}
