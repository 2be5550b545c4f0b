// Reads a sheet's used range in row blocks: Excel on the web refuses a request or response over 5 MB
// (TOOLCHAIN.md pitfall 12), and a hand-built sheet can hold thousands of rows beside helper columns.
import type { CellValue, ReadProgress, SheetSnapshot } from "../host";
import type { ExcelRun } from "./run";

/** At most this many rows per request… */
export const MAX_BLOCK_ROWS = 2000;
/** …and at most this many cells (values + formulas + number formats are each one copy of them). */
export const MAX_BLOCK_CELLS = 20_000;

export function blockRowsFor(columnCount: number): number {
  return Math.max(1, Math.min(MAX_BLOCK_ROWS, Math.floor(MAX_BLOCK_CELLS / Math.max(1, columnCount))));
}

export async function readSheet(run: ExcelRun, sheetName: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetSnapshot> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("isNullObject, rowIndex, columnIndex, rowCount, columnCount");
    await context.sync();
    if (used.isNullObject) {
      return { sheetName, values: [], formulas: [], numberFormat: [], origin: { row: 0, column: 0 } };
    }
    const { rowIndex, columnIndex, rowCount, columnCount } = used;
    const step = blockRowsFor(columnCount);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const numberFormat: string[][] = [];
    for (let start = 0; start < rowCount; start += step) {
      const rows = Math.min(step, rowCount - start);
      const block = sheet.getRangeByIndexes(rowIndex + start, columnIndex, rows, columnCount);
      block.load("values, formulas, numberFormat");
      await context.sync();
      values.push(...(block.values as CellValue[][]));
      formulas.push(...(block.formulas as CellValue[][]));
      numberFormat.push(...(block.numberFormat as string[][]));
      onProgress?.({ rowsRead: start + rows, rowCount });
    }
    return { sheetName, values, formulas, numberFormat, origin: { row: rowIndex, column: columnIndex } };
  });
}

export async function listSheets(run: ExcelRun): Promise<string[]> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name, items/visibility");
    await context.sync();
    return sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
  });
}

export async function selectCell(run: ExcelRun, sheetName: string, address: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}
