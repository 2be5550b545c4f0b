/**
 * Convert an .xlsx workbook into JSON cell grids, shaped as Excel's JavaScript API returns a sheet's
 * used range: `values` (evaluated; blank = "", numbers as numbers, dates as serials, errors as
 * "#DIV/0!"), `formulas` ("=MEDIAN(B:B)" where a cell holds a formula, else the value), and
 * `numberFormat` ("General" where none is set). Shared formulas are written out per cell, as Excel's
 * `range.formulas` does. The used range is the box around every cell the file stores, styled blank
 * cells included, as `worksheet.getUsedRange()` counts them.
 *
 * Tests (and the task pane's browser test, which builds a fake Excel host from these grids) read the
 * JSON, so no test parses xlsx at run time.
 *
 * Usage: npx tsx scripts/xlsx-to-grid.ts <in.xlsx> [out.json]   (default: the .xlsx path with .json)
 */
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import ExcelJS from "exceljs";

type GridCell = string | number | boolean;

export type SheetGrid = {
  name: string;
  /** A1 address of the used range, e.g. "A1:H53". */
  address: string;
  values: GridCell[][];
  formulas: GridCell[][];
  numberFormat: string[][];
};

export type WorkbookGrid = { source: string; sheets: SheetGrid[] };

const DAY_MS = 86_400_000;

/** A JS date (exceljs gives dates at UTC midnight) as an Excel 1900-system serial, as range.values shows it. */
function serialOf(date: Date): number {
  const serial = date.getTime() / DAY_MS + 25569;
  return serial < 61 ? serial - 1 : serial;
}

function plain(value: unknown): GridCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialOf(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("error" in v) return String(v.error);
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((part: { text: string }) => part.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return plain(v.result);
    if ("formula" in v || "sharedFormula" in v) return "";
  }
  return String(value);
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export async function workbookToGrid(path: string): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((worksheet) => {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (_cell, columnNumber) => {
        top = Math.min(top, rowNumber);
        bottom = Math.max(bottom, rowNumber);
        left = Math.min(left, columnNumber);
        right = Math.max(right, columnNumber);
      });
    });
    if (bottom === 0) {
      sheets.push({ name: worksheet.name, address: "A1", values: [[""]], formulas: [[""]], numberFormat: [["General"]] });
      return;
    }
    const values: GridCell[][] = [];
    const formulas: GridCell[][] = [];
    const numberFormat: string[][] = [];
    for (let r = top; r <= bottom; r += 1) {
      const row = worksheet.getRow(r);
      const valueRow: GridCell[] = [];
      const formulaRow: GridCell[] = [];
      const formatRow: string[] = [];
      for (let c = left; c <= right; c += 1) {
        const cell = row.getCell(c);
        const value = plain(cell.value);
        valueRow.push(value);
        const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
        formulaRow.push(formula !== undefined && formula !== "" ? `=${formula}` : value);
        formatRow.push(cell.numFmt ?? "General");
      }
      values.push(valueRow);
      formulas.push(formulaRow);
      numberFormat.push(formatRow);
    }
    const address = `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
    sheets.push({ name: worksheet.name, address, values, formulas, numberFormat });
  });
  return { source: basename(path), sheets };
}

/** One row per line, so that a diff of a fixture shows which cells changed. */
export function gridToJson(grid: WorkbookGrid): string {
  const rows = (rows: unknown[][]): string => `[\n${rows.map((row) => `        ${JSON.stringify(row)}`).join(",\n")}\n      ]`;
  const sheets = grid.sheets.map(
    (sheet) =>
      `    {\n      "name": ${JSON.stringify(sheet.name)},\n      "address": ${JSON.stringify(sheet.address)},\n` +
      `      "values": ${rows(sheet.values)},\n      "formulas": ${rows(sheet.formulas)},\n      "numberFormat": ${rows(sheet.numberFormat)}\n    }`,
  );
  return `{\n  "source": ${JSON.stringify(grid.source)},\n  "sheets": [\n${sheets.join(",\n")}\n  ]\n}\n`;
}

async function main(argv: string[]): Promise<void> {
  const [input, output] = argv;
  if (input === undefined) {
    process.stderr.write("usage: npx tsx scripts/xlsx-to-grid.ts <in.xlsx> [out.json]\n");
    process.exit(2);
  }
  const grid = await workbookToGrid(input);
  const target = output ?? input.replace(/\.xlsx$/i, ".json");
  writeFileSync(target, gridToJson(grid));
  process.stdout.write(`${target}: ${grid.sheets.map((s) => `${s.name} ${s.address}`).join(", ")}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`xlsx-to-grid: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
