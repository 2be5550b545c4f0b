import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { MARK_FILL, MARKS_KEY, NOTE_PREFIX, parseStoredMarks } from "../../../src/taskpane/office/marks";
import { SETTINGS_KEY } from "../../../src/taskpane/office/settings";
import { uniqueSheetName } from "../../../src/taskpane/office/createMeasureSheet";
import { measureSheetLayout } from "../../../src/core/sheet/layout";
import type { WorkbookSettings } from "../../../src/taskpane/host";
import { collaborative } from "../support/fixtures";
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

describe("markCells", () => {
  function sheetState() {
    const state = emptyState();
    state.sheets.Bundle = { cells: { C4: { fill: "#DDEBF7" }, D5: { note: "Checked with ward manager" } } };
    return state;
  }

  it("fills and notes each cell, and remembers the original fill in the workbook", async () => {
    const state = sheetState();
    await hostOver(state).markCells([
      { sheetName: "Bundle", address: "B3", severity: "error", message: 'B3: holds "n/a"' },
      { sheetName: "Bundle", address: "C4", severity: "warning", message: "C4: check" },
    ]);
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}B3: holds "n/a"` });
    expect(state.sheets.Bundle!.cells.C4).toEqual({ fill: MARK_FILL.warning, note: `${NOTE_PREFIX}C4: check` });
    expect(parseStoredMarks(state.settings[MARKS_KEY])).toEqual([
      { sheetName: "Bundle", address: "B3", fill: MARK_FILL.error, originalFill: null, note: true },
      { sheetName: "Bundle", address: "C4", fill: MARK_FILL.warning, originalFill: "#DDEBF7", note: true },
    ]);
    expect(state.syncs).toBe(3); // whatever the number of cells
  });

  it("removes marks that no longer apply, restoring the original fill and deleting only its own notes", async () => {
    const state = sheetState();
    const host = hostOver(state);
    await host.markCells([
      { sheetName: "Bundle", address: "B3", severity: "error", message: "bad" },
      { sheetName: "Bundle", address: "C4", severity: "error", message: "bad" },
      { sheetName: "Bundle", address: "D5", severity: "error", message: "bad" },
    ]);
    expect(state.sheets.Bundle!.cells.D5).toEqual({ fill: MARK_FILL.error, note: "Checked with ward manager" }); // the user's note is kept
    await host.markCells([{ sheetName: "Bundle", address: "B3", severity: "error", message: "still bad" }]);
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}still bad` });
    expect(state.sheets.Bundle!.cells.C4).toEqual({ fill: "#DDEBF7", note: null });
    expect(state.sheets.Bundle!.cells.D5).toEqual({ fill: null, note: "Checked with ward manager" });
    await host.clearMarks();
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: null, note: null });
    expect(state.settings[MARKS_KEY]).toBeUndefined();
  });

  it("keeps a fill the user changed after the mark", async () => {
    const state = sheetState();
    const host = hostOver(state);
    await host.markCells([{ sheetName: "Bundle", address: "B3", severity: "error", message: "bad" }]);
    state.sheets.Bundle!.cells.B3!.fill = "#00FF00";
    await host.clearMarks();
    expect(state.sheets.Bundle!.cells.B3!.fill).toBe("#00FF00");
  });

  it("marks with fill only where notes are not supported (ExcelApi < 1.18)", async () => {
    const state = sheetState();
    await hostOver(state, "1.17").markCells([{ sheetName: "Bundle", address: "B3", severity: "error", message: "bad" }]);
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error });
  });

  it("forgets marks on sheets that were deleted and skips marks for missing sheets", async () => {
    const state = sheetState();
    state.settings[MARKS_KEY] = JSON.stringify([{ sheetName: "Gone", address: "A1", fill: MARK_FILL.error, originalFill: null, note: true }]);
    await hostOver(state).markCells([{ sheetName: "Nowhere", address: "A1", severity: "error", message: "x" }]);
    expect(state.settings[MARKS_KEY]).toBeUndefined();
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

describe("createMeasureSheet", () => {
  const bundle = collaborative.measures[0]!;
  const layout = measureSheetLayout(bundle, ["2026-01", "2026-02", "2026-03"]);

  it("writes formats before the table, the rows, validation, the note, the median helper and a line chart", async () => {
    const state = emptyState();
    const result = await hostOver(state).createMeasureSheet(layout);
    expect(result.sheetName).toBe("Bundle compliance");
    const log = state.log.join("\n");
    expect(state.log.indexOf("worksheets.add Bundle compliance")).toBe(0);
    expect(log).toMatch(/numberFormat Bundle compliance!A2:F4 \[\["@","0","0","0.0","0.0","@"\]/);
    expect(log).toContain("tables.add Bundle compliance!A1:F4 true");
    expect(log).toContain("table qi_bundle TableStyleMedium2");
    expect(log).toContain(`formulas Bundle compliance!TABLE_BODY ${JSON.stringify(layout.rows)}`);
    for (const rule of layout.validation) expect(log).toContain(`validation ${rule.column} ${JSON.stringify(rule.rule)}`);
    expect(state.sheets["Bundle compliance"]!.cells.A1!.note).toBe(layout.note);
    expect(log).toContain('formulas Bundle compliance!H2:H4 [["=QI.CENTERLINE(qi_bundle[Value])"],["=QI.CENTERLINE(qi_bundle[Value])"],["=QI.CENTERLINE(qi_bundle[Value])"]]');
    expect(log).toContain("chart Line COLUMN_3_WITH_HEADER Columns");
    expect(log).toContain("series Median values H2:H4");
    expect(log).toContain("series Goal values COLUMN_4");
    expect(log).toContain('chart qi_bundle_chart "Bundle compliance"');
    expect(log).toContain("freeze 1");
    expect(state.active).toBe("Bundle compliance");
  });

  it("picks a free name when the sheet exists", async () => {
    const state = emptyState();
    state.sheets["bundle compliance"] = { cells: {} };
    expect((await hostOver(state).createMeasureSheet(layout)).sheetName).toBe("Bundle compliance (2)");
    expect(uniqueSheetName("A".repeat(31), ["A".repeat(31)])).toBe(`${"A".repeat(27)} (2)`);
  });
});
