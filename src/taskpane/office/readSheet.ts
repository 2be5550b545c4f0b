// Reads a sheet's used range in row blocks: Excel on the web refuses a request or response over 5 MB
// (docs/TOOLCHAIN.md, item 11), and a hand-built sheet can hold thousands of rows beside helper columns.
//
// Two more things real Excel needs:
// - The workbook's date system. A workbook can use the 1904 date system (made on an older Mac, or
//   switched in File > Options > Advanced), where serial 0 is 1904-01-01 and every date serial is 1462
//   smaller than in the 1900 system (MS-XLS 2.4.77 Date1904,
//   https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b).
//   Read as 1900 serials, every month would be 4 years early. Office.js has no released property for it
//   (Workbook.use1904DateSystem is not in @types/office-js 1.0.612, only in preview), so it is asked of
//   Excel's own DATE function: `workbook.functions.date(1904, 1, 1)` (Excel.Functions.date, ExcelApi 1.2,
//   whose year "is a number from 1900 or 1904 (depending on the workbook's date system)") is 0 in the
//   1904 system and 1462 in the 1900 system. The answer travels with the snapshot to core.
// - Cells holding data types. Range.values gives a cell's basic value: a formatted number is its
//   number, but an entity or a linked data type (Stocks, Geography…) is "#VALUE!" (Excel.EntityCellValue
//   .basicValue, @types/office-js). Where a block shows "#VALUE!", those cells (at most
//   MAX_DATA_TYPE_CELLS per block) are read again through Range.valuesAsJson (ExcelApi 1.16) in one more
//   round trip, and a data type replaces the "#VALUE!" so core can name what the cell holds.
import type { DataTypeCell } from "../../core/index";
import type { CellValue, ReadProgress, SheetSnapshot } from "../host";
import { officeSupports, type ExcelRun, type SupportsApi } from "./run";

/** At most this many rows per request… */
export const MAX_BLOCK_ROWS = 2000;
/** …and at most this many cells (values + formulas + number formats are each one copy of them). */
export const MAX_BLOCK_CELLS = 20_000;

/** At most this many "#VALUE!" cells per block are looked at again for a data type (one small range each). */
export const MAX_DATA_TYPE_CELLS = 50;
/** Range.values' text for a cell whose basic value is an error of type #VALUE!, as entities show. */
const VALUE_ERROR = "#VALUE!";
/** Types of Excel.CellValue whose basic value Range.values already gives in full: nothing to add. */
const PLAIN_JSON_TYPES = new Set(["Error", "String", "Double", "Boolean", "Empty", "FormattedNumber", "NotAvailable"]);

export function blockRowsFor(columnCount: number): number {
  return Math.max(1, Math.min(MAX_BLOCK_ROWS, Math.floor(MAX_BLOCK_CELLS / Math.max(1, columnCount))));
}

/**
 * The date system from the serial Excel's DATE(1904, 1, 1) gave: 0 in the 1904 system, 1462 in the
 * 1900 system. Anything else (an error, nothing) keeps Excel's default, 1900.
 */
export function dateSystemFromSerial(serialOf1904: unknown): 1900 | 1904 {
  return serialOf1904 === 0 ? 1904 : 1900;
}

/** The fields core reads of a data type, copied out of Range.valuesAsJson (which can carry whole cards). */
function dataTypeOf(json: unknown): DataTypeCell | null {
  if (json === null || typeof json !== "object") return null;
  const value = json as { type?: unknown; basicValue?: unknown; text?: unknown; id?: { domainId?: unknown } };
  if (typeof value.type !== "string" || PLAIN_JSON_TYPES.has(value.type)) return null;
  const cell: DataTypeCell = { type: value.type, basicValue: value.basicValue };
  if (typeof value.text === "string") cell.text = value.text;
  if (typeof value.id?.domainId === "string") cell.id = { domainId: value.id.domainId };
  return cell;
}

export async function readSheet(
  run: ExcelRun,
  sheetName: string,
  onProgress?: (progress: ReadProgress) => void,
  supports: SupportsApi = officeSupports,
): Promise<SheetSnapshot> {
  const dataTypes = supports("ExcelApi", "1.16");
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("isNullObject, rowIndex, columnIndex, rowCount, columnCount");
    const probe = context.workbook.functions.date(1904, 1, 1);
    probe.load("value");
    await context.sync();
    const dateSystem = dateSystemFromSerial(probe.value);
    if (used.isNullObject) {
      return { sheetName, values: [], formulas: [], numberFormat: [], origin: { row: 0, column: 0 }, dateSystem };
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
      const blockValues = block.values as CellValue[][];
      if (dataTypes) await readDataTypes(context, sheet, blockValues, rowIndex + start, columnIndex);
      values.push(...blockValues);
      formulas.push(...(block.formulas as CellValue[][]));
      numberFormat.push(...(block.numberFormat as string[][]));
      onProgress?.({ rowsRead: start + rows, rowCount });
    }
    return { sheetName, values, formulas, numberFormat, origin: { row: rowIndex, column: columnIndex }, dateSystem };
  });
}

/** Replaces, in place, each "#VALUE!" of a block that is really a data type by that data type (one round trip). */
async function readDataTypes(context: Excel.RequestContext, sheet: Excel.Worksheet, block: CellValue[][], top: number, left: number): Promise<void> {
  const cells: { r: number; c: number; range: Excel.Range }[] = [];
  for (let r = 0; r < block.length && cells.length < MAX_DATA_TYPE_CELLS; r++) {
    const row = block[r]!;
    for (let c = 0; c < row.length && cells.length < MAX_DATA_TYPE_CELLS; c++) {
      if (row[c] !== VALUE_ERROR) continue;
      const range = sheet.getCell(top + r, left + c);
      range.load("valuesAsJson");
      cells.push({ r, c, range });
    }
  }
  if (cells.length === 0) return;
  await context.sync();
  for (const { r, c, range } of cells) {
    const dataType = dataTypeOf(range.valuesAsJson?.[0]?.[0]);
    if (dataType) block[r]![c] = dataType;
  }
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
