import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { SETTINGS_KEY } from "../../../src/taskpane/office/settings";
import type { WorkbookSettings } from "../../../src/taskpane/host";
import { emptyState, mockRun, supportsUpTo, type MockState } from "./mockExcel";

function hostOver(state: MockState, version = "1.18") {
  return createExcelHost(mockRun(state), supportsUpTo(version));
}

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
