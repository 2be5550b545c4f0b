/**
 * Phase 1 of readMeasureSheet: find the header row. The first {@link HEADER_SEARCH_ROWS} rows are
 * tried with `matchHeaders`; the row that names a month column and a numbers column (numerator,
 * denominator or value), with the most columns named, is the header row. A header equal to the
 * measure's name (or id) counts as its Value column.
 */
import type { MeasureDefinition } from "../schema/collaborative";
import { type HeaderMatch, matchHeaders, normalizeHeader } from "./headers";
import type { SheetContext } from "./sheetContext";
import { describeColumns, HEADER_TEXTS } from "./sheetMessages";

/** How far down a sheet the header row is looked for. */
export const HEADER_SEARCH_ROWS = 50;

/** The header row found (grid row `r`), or why there is none, in words for the person. */
export type HeaderSearch = { found: true; r: number; match: HeaderMatch } | { found: false; why: string };

/** The header row of the sheet, or why none was found. */
export function findHeaderRow(sheet: SheetContext, measure: MeasureDefinition | undefined): HeaderSearch {
  const { values, height, width } = sheet;
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
  if (header !== null) return { found: true, r: header.r, match: header.match };

  const why =
    height === 0 || width === 0
      ? HEADER_TEXTS.empty
      : partial === null
        ? height === 1
          ? HEADER_TEXTS.onlyRow
          : HEADER_TEXTS.noRowIn(Math.min(height, HEADER_SEARCH_ROWS))
        : partial.match.columns.month === undefined
          ? HEADER_TEXTS.noMonth(sheet.sheetRow(partial.r) + 1, describeColumns(partial.match.columns, values[partial.r], sheet.letters))
          : HEADER_TEXTS.noNumbers(sheet.sheetRow(partial.r) + 1, sheet.addr(partial.r, partial.match.columns.month));
  return { found: false, why };
}
