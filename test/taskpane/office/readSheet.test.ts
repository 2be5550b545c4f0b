// The adapter's reading of a sheet over the office-addin-mock model (mockExcel.ts): row blocks, the
// workbook's date system, and cells holding data types.
import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { blockRowsFor, dateSystemFromSerial, MAX_BLOCK_ROWS, MAX_DATA_TYPE_CELLS, readSheet } from "../../../src/taskpane/office/readSheet";
import { readMeasureSheet } from "../../../src/core/index";
import { emptyState, mockRun, supportsUpTo, type MockState } from "./mockExcel";

function hostOver(state: MockState, version = "1.18") {
  return createExcelHost(mockRun(state), supportsUpTo(version));
}

describe("readSheet", () => {
  it("reads the used range in row blocks and keeps where it starts", async () => {
    const state = emptyState();
    const grid = [["Month", "Numerator", "Denominator"], ...Array.from({ length: 4499 }, (_, i) => [`r${i}`, i, i + 1])];
    state.sheets.Data = { cells: {}, grid, origin: { row: 2, column: 1 } };
    const progress: number[] = [];
    const snapshot = await hostOver(state).readSheet("Data", (p) => progress.push(p.rowsRead));
    expect(snapshot.origin).toEqual({ row: 2, column: 1 });
    expect(snapshot.values).toHaveLength(4500);
    expect(snapshot.values[0]).toEqual(["Month", "Numerator", "Denominator"]);
    expect(snapshot.values[4499]).toEqual(["r4498", 4498, 4499]);
    expect(snapshot.formulas[1]).toEqual(["r0", 0, 1]);
    expect(snapshot.numberFormat[1]).toEqual(["General", "General", "General"]);
    expect(state.blocks).toEqual([
      [2, 1, 2000, 3],
      [2002, 1, 2000, 3],
      [4002, 1, 500, 3],
    ]);
    expect(progress).toEqual([2000, 4000, 4500]);
  });

  it("blockRowsFor() keeps a block under the cell budget for wide sheets", () => {
    expect(blockRowsFor(6)).toBe(MAX_BLOCK_ROWS);
    expect(blockRowsFor(100)).toBe(200);
    expect(blockRowsFor(100_000)).toBe(1);
  });

  it("gives an empty snapshot for an empty sheet", async () => {
    const state = emptyState();
    state.sheets.Empty = { cells: {} };
    expect(await hostOver(state).readSheet("Empty")).toEqual({ sheetName: "Empty", values: [], formulas: [], numberFormat: [], origin: { row: 0, column: 0 }, dateSystem: 1900 });
  });

  it("listSheets() leaves hidden sheets out", async () => {
    const state = emptyState();
    state.sheets = { A: { cells: {} }, Hidden: { cells: {}, visibility: "Hidden" }, B: { cells: {} } };
    expect(await hostOver(state).listSheets()).toEqual(["A", "B"]);
  });
});

// The 1904 date system: serial 0 is 1904-01-01 there, and 1904-01-01 is 1462 in the 1900 system
// (MS-XLS 2.4.77 Date1904, https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/4a5e900a-0eb0-4355-8fc1-81aab8f46e8b).
// Excel.Functions.date (ExcelApi 1.2, @types/office-js): "year Is a number from 1900 or 1904 (depending
// on the workbook's date system)", so DATE(1904, 1, 1) tells the two apart.
describe("readSheet: the workbook's date system", () => {
  const grid = [["Month", "Numerator", "Denominator"], [44561, 18, 20], [44592, 19, 20]];

  it("detects the 1900 system (DATE(1904,1,1) = 1462) and the 1904 system (= 0) in the first round trip", async () => {
    expect(dateSystemFromSerial(1462)).toBe(1900);
    expect(dateSystemFromSerial(0)).toBe(1904);
    expect(dateSystemFromSerial("Error, property was not loaded")).toBe(1900);
    for (const dateSystem of [1900, 1904] as const) {
      const state = emptyState();
      state.dateSystem = dateSystem;
      state.sheets.Data = { cells: {}, grid };
      expect((await hostOver(state).readSheet("Data")).dateSystem).toBe(dateSystem);
      expect(state.syncs).toBe(2); // used range + DATE together, then the one block
    }
  });

  it("makes month serials of a 1904 workbook read as their own months in core", async () => {
    const state = emptyState();
    state.dateSystem = 1904;
    state.sheets.Data = { cells: {}, grid };
    const snapshot = await hostOver(state).readSheet("Data");
    const reading = readMeasureSheet({ sheetName: "Data", values: snapshot.values, dateSystem: snapshot.dateSystem! });
    expect(reading.rows.map((r) => r.period)).toEqual(["2026-01", "2026-02"]);
  });
});

// Range.values gives a cell's basic value: an entity shows "#VALUE!" (Excel.EntityCellValue.basicValue:
// "#VALUE!" | string, basicType "Error"); Range.valuesAsJson (ExcelApi 1.16, @types/office-js
// Excel.Range.valuesAsJson) gives the whole Excel.CellValue, with its type and the text it shows.
describe("readSheet: cells holding data types", () => {
  const entity = { type: "Entity", text: "Ward 3", basicValue: "#VALUE!", basicType: "Error", properties: { Beds: { type: "Double", basicValue: 24 } } };

  function sheetWithEntity(): MockState {
    const state = emptyState();
    state.sheets.Data = {
      cells: {},
      grid: [["Month", "Numerator", "Denominator"], ["2026-01", "#VALUE!", 20], ["2026-02", "#DIV/0!", 20], ["2026-03", "#VALUE!", 20]],
      origin: { row: 1, column: 0 },
      valuesAsJson: { "2,1": entity, "4,1": { type: "Error", basicValue: "#VALUE!", errorType: "Value" } },
    };
    return state;
  }

  it("replaces a #VALUE! that is a data type by its type and text, and keeps a real #VALUE! error", async () => {
    const state = sheetWithEntity();
    const snapshot = await readSheet(mockRun(state), "Data", undefined, supportsUpTo("1.16"));
    expect(snapshot.values[1]).toEqual(["2026-01", { type: "Entity", text: "Ward 3", basicValue: "#VALUE!" }, 20]);
    expect(snapshot.values[2]).toEqual(["2026-02", "#DIV/0!", 20]);
    expect(snapshot.values[3]).toEqual(["2026-03", "#VALUE!", 20]);
    expect(state.cellReads).toEqual(["Data!2,1", "Data!4,1"]); // only the #VALUE! cells, in one more round trip
    expect(state.syncs).toBe(3);
  });

  it("lets core name the cell's type in the issue", async () => {
    const snapshot = await readSheet(mockRun(sheetWithEntity()), "Data", undefined, supportsUpTo("1.16"));
    const reading = readMeasureSheet({ sheetName: "Data", values: snapshot.values, origin: snapshot.origin });
    expect(reading.issues.map((i) => `${i.address} ${i.message}`)).toContainEqual(expect.stringMatching(/^B3 .*holds the data type 'Ward 3' \(entity\), which has no number/));
  });

  it("reads no data types before ExcelApi 1.16 (valuesAsJson does not exist there), and caps the cells looked at", async () => {
    const before = sheetWithEntity();
    const snapshot = await readSheet(mockRun(before), "Data", undefined, supportsUpTo("1.15"));
    expect(snapshot.values[1]![1]).toBe("#VALUE!");
    expect(before.cellReads).toBeUndefined();

    const many = emptyState();
    many.sheets.Data = { cells: {}, grid: Array.from({ length: MAX_DATA_TYPE_CELLS + 10 }, () => ["#VALUE!"]) };
    await readSheet(mockRun(many), "Data", undefined, supportsUpTo("1.16"));
    expect(many.cellReads).toHaveLength(MAX_DATA_TYPE_CELLS);
  });
});
