// CSV for Excel: RFC 4180 quoting, a UTF-8 byte-order mark (so Excel reads accents right), and text
// cells that would start a formula (=, +, -, @, tab, carriage return) prefixed with ' so opening the
// file never runs anything (OWASP "CSV injection"). Numbers are written as numbers, negative included.

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell, neutralised and quoted as needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
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
