import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { blockRowsFor, MAX_BLOCK_ROWS } from "../../../src/taskpane/office/readSheet";
import { SETTINGS_KEY } from "../../../src/taskpane/office/settings";
import type { WorkbookSettings } from "../../../src/taskpane/host";
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
    expect(await hostOver(state).readSheet("Empty")).toEqual({ sheetName: "Empty", values: [], formulas: [], numberFormat: [], origin: { row: 0, column: 0 } });
  });

  it("listSheets() leaves hidden sheets out", async () => {
    const state = emptyState();
    state.sheets = { A: { cells: {} }, Hidden: { cells: {}, visibility: "Hidden" }, B: { cells: {} } };
    expect(await hostOver(state).listSheets()).toEqual(["A", "B"]);
  });
});

describe("workbook settings", () => {
  it("round-trips the connection and never writes a token", async () => {
    const state = emptyState();
    const host = hostOver(state);
    expect(await host.getSettings()).toEqual({});
    const settings = { storeUrl: "https://qi.example.org", collaborativeId: "c", teamId: "t", sheetMap: { bundle: "My bundle" }, token: "secret" } as WorkbookSettings;
    await host.saveSettings(settings);
    expect(state.settings[SETTINGS_KEY]).not.toMatch(/secret/);
    expect(await host.getSettings()).toEqual({ storeUrl: "https://qi.example.org", collaborativeId: "c", teamId: "t", sheetMap: { bundle: "My bundle" } });
  });

  it("ignores settings it cannot read", async () => {
    const state = emptyState();
    state.settings[SETTINGS_KEY] = "{broken";
    expect(await hostOver(state).getSettings()).toEqual({});
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell", async () => {
    const state = emptyState();
    state.sheets.Bundle = { cells: {} };
    await hostOver(state).selectCell("Bundle", "B3");
    expect(state.active).toBe("Bundle");
    expect(state.selected).toBe("Bundle!B3");
  });
});
