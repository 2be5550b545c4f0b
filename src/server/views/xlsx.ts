// The faculty's .xlsx export: one workbook, one sheet per table (exceljs). Every text cell goes
// through the exports' one formula guard (formulaGuard.ts, as the CSV does: a leading ' on text that
// would start a formula), and is written as a string cell, never as a formula; numbers stay numbers.

import ExcelJS from "exceljs";
import { neutraliseFormula } from "./formulaGuard";

export type XlsxCell = string | number | null;

/** One sheet: its tab name (at most 31 characters, Excel's limit), a header row, then the rows. */
export type XlsxTable = { name: string; header: readonly string[]; rows: Iterable<readonly XlsxCell[]> };

/** A cell's value as written: text neutralised, empty text and a non-finite number left empty (as in the CSV, where both are empty fields). */
export function xlsxValue(value: XlsxCell): string | number | null {
  if (value === null || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return neutraliseFormula(value);
}

/**
 * The workbook as bytes. The header row is bold and frozen, each sheet has an auto-filter, and
 * columns are sized to their header (at least 10, at most 60 characters wide).
 */
export async function toXlsx(tables: readonly XlsxTable[], meta: { creator: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.header.map((h) => ({ header: neutraliseFormula(h), width: Math.min(60, Math.max(10, h.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(xlsxValue));
    if (table.header.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
