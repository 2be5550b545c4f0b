// CSV for Excel: RFC 4180 quoting, a UTF-8 byte-order mark (so Excel reads accents right), and text
// cells that would start a formula neutralised by the exports' one guard (formulaGuard.ts: a
// leading ', as in the .xlsx export). Numbers are written as numbers, negative included.

import { neutraliseFormula } from "./formulaGuard";

export type CsvCell = string | number | null;

/** One text cell, neutralised and quoted as needed. */
export function csvText(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return csvText(value);
}

/** A whole file: header row, then rows; CRLF line ends as RFC 4180 says. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvText).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
