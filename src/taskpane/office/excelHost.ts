// The ExcelHost the task pane uses inside Excel: each operation is one Excel.run batch in this folder.
import type { ExcelHost } from "../host";
import { createMeasureSheet } from "./createMeasureSheet";
import { createPdsaLog } from "./createPdsaLog";
import { labelCycles } from "./labelCycles";
import { markCells } from "./marks";
import { listSheets, readSheet, selectCell } from "./readSheet";
import { excelRun, officeSupports, type ExcelRun, type SupportsApi } from "./run";
import { getSettings, saveSettings } from "./settings";

/** The ExcelHost over Office.js. `run`/`supports` are replaceable for the adapter's tests. */
export function createExcelHost(run: ExcelRun = excelRun, supports: SupportsApi = officeSupports): ExcelHost {
  return {
    kind: "excel",
    listSheets: () => listSheets(run),
    readSheet: (sheetName, onProgress) => readSheet(run, sheetName, onProgress, supports),
    createMeasureSheet: (layout) => createMeasureSheet(run, supports, layout),
    createPdsaLog: (layout) => createPdsaLog(run, supports, layout),
    labelCycles: (sheetName, labels) => labelCycles(run, sheetName, labels),
    markCells: (marks) => markCells(run, supports, marks),
    clearMarks: () => markCells(run, supports, []),
    selectCell: (sheetName, address) => selectCell(run, sheetName, address),
    getSettings: () => getSettings(run),
    saveSettings: (settings) => saveSettings(run, settings),
  };
}
