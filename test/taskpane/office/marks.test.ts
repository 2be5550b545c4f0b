// markCells over the mock workbook. Excel behaviours encoded here, each with its source:
// - Excel.run has no rollback: when a sync fails, commands executed before the error stay applied
//   (OfficeExtension.Error.traceMessages, "all trace messages that were executed before the error
//   occurred", https://learn.microsoft.com/en-us/javascript/api/office/officeextension.error).
// - A protected sheet refuses formatting unless its protection allows it (Excel.WorksheetProtection
//   .protected, Excel.WorksheetProtectionOptions.allowFormatCells in @types/office-js;
//   https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotection).
// - A cell has either a note or a threaded comment (https://support.microsoft.com/en-us/office/
//   the-difference-between-threaded-comments-and-notes-75a51eec-4092-42ab-abf8-7669077b7be3); adding
//   a note where a threaded comment is fails (only real Excel can confirm the error).
// - "No fill" is RangeFill.clear() ("Resets the range background",
//   https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangefill), not a white fill.
import { createExcelHost } from "../../../src/taskpane/office/excelHost";
import { MARK_FILL, MARKS_KEY, NOTE_PREFIX, parseStoredMarks } from "../../../src/taskpane/office/marks";
import { emptyState, mockRun, supportsUpTo, type MockState } from "./mockExcel";

function hostOver(state: MockState, version = "1.18") {
  return createExcelHost(mockRun(state), supportsUpTo(version));
}

function sheetState() {
  const state = emptyState();
  state.sheets.Bundle = { cells: { C4: { fill: "#DDEBF7" }, D5: { note: "Checked with ward manager" } } };
  return state;
}

const bad = (sheetName: string, address: string, message = "bad") => ({ sheetName, address, severity: "error" as const, message });

describe("markCells", () => {
  it("fills and notes each cell, and remembers the original fill in the workbook", async () => {
    const state = sheetState();
    const result = await hostOver(state).markCells([
      { sheetName: "Bundle", address: "B3", severity: "error", message: 'B3: holds "n/a"' },
      { sheetName: "Bundle", address: "C4", severity: "warning", message: "C4: check" },
    ]);
    expect(result).toEqual({ skippedSheets: [], notesRefused: [] });
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}B3: holds "n/a"` });
    expect(state.sheets.Bundle!.cells.C4).toEqual({ fill: MARK_FILL.warning, note: `${NOTE_PREFIX}C4: check` });
    expect(parseStoredMarks(state.settings[MARKS_KEY])).toEqual([
      { sheetName: "Bundle", address: "B3", fill: MARK_FILL.error, originalFill: null, note: true },
      { sheetName: "Bundle", address: "C4", fill: MARK_FILL.warning, originalFill: "#DDEBF7", note: true },
    ]);
    expect(state.syncs).toBe(5); // read, read cells, register, fills, notes: whatever the number of cells
  });

  it("writes the register in its own sync before any fill, then the fills, then the notes", async () => {
    const state = sheetState();
    await hostOver(state).markCells([bad("Bundle", "B3"), bad("Bundle", "C4")]);
    expect(state.writes).toEqual([
      `3 settings ${MARKS_KEY}`,
      `4 fill Bundle!B3 ${MARK_FILL.error}`,
      `4 fill Bundle!C4 ${MARK_FILL.error}`,
      "5 note Bundle!B3",
      "5 note Bundle!C4",
    ]);
  });

  it("when the fills fail after the register is written, the next run still restores every cell", async () => {
    // No rollback (OfficeExtension.Error): the register written in sync 3 stays when sync 4 fails.
    const state = sheetState();
    state.onSync = (sync) => {
      if (sync === 4) state.sheets.Bundle!.protected = true; // protected between the read and the fills
    };
    await expect(hostOver(state).markCells([bad("Bundle", "B3"), bad("Bundle", "C4")])).rejects.toThrow(/protected/);
    expect(parseStoredMarks(state.settings[MARKS_KEY]).map((m) => m.address)).toEqual(["B3", "C4"]);
    delete state.onSync;
    state.sheets.Bundle!.protected = false;
    state.sheets.Bundle!.cells.B3!.fill = MARK_FILL.error; // as if part of the failed sync had applied
    await hostOver(state).clearMarks();
    expect(state.sheets.Bundle!.cells.B3!.fill).toBeNull();
    expect(state.sheets.Bundle!.cells.C4!.fill).toBe("#DDEBF7");
    expect(state.settings[MARKS_KEY]).toBeUndefined();
  });

  it("skips a protected sheet, reports it, and keeps its old marks to undo once it is unprotected", async () => {
    const state = sheetState();
    state.sheets.Locked = { cells: {}, protected: true };
    const stored = { sheetName: "Locked", address: "A2", fill: MARK_FILL.error, originalFill: null, note: true };
    state.settings[MARKS_KEY] = JSON.stringify([stored]);
    const result = await hostOver(state).markCells([bad("Bundle", "B3"), bad("Locked", "B2")]);
    expect(result).toEqual({ skippedSheets: ["Locked"], notesRefused: [] });
    expect(state.sheets.Locked!.cells.B2).toBeUndefined(); // no fill attempted: the mock throws on one
    expect(state.sheets.Bundle!.cells.B3!.fill).toBe(MARK_FILL.error);
    expect(parseStoredMarks(state.settings[MARKS_KEY])).toEqual([{ sheetName: "Bundle", address: "B3", fill: MARK_FILL.error, originalFill: null, note: true }, stored]);
  });

  it("a cell with a threaded comment refuses the note: it keeps the fill, the other notes are added, and it is reported", async () => {
    const state = sheetState();
    state.sheets.Bundle!.cells.C4 = { threadedComment: true };
    const result = await hostOver(state).markCells([bad("Bundle", "B3"), bad("Bundle", "C4"), bad("Bundle", "E6")]);
    expect(result).toEqual({ skippedSheets: [], notesRefused: ["Bundle!C4"] });
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}bad` });
    expect(state.sheets.Bundle!.cells.C4).toEqual({ fill: MARK_FILL.error, threadedComment: true });
    expect(state.sheets.Bundle!.cells.E6).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}bad` });
    expect(parseStoredMarks(state.settings[MARKS_KEY]).map((m) => [m.address, m.note])).toEqual([
      ["B3", true],
      ["C4", false],
      ["E6", true],
    ]);
    // The fills were in place before any note was tried.
    expect(state.writes.filter((w) => w.includes("fill")).every((w) => w.startsWith("4 "))).toBe(true);
  });

  it("removes marks that no longer apply, restoring the original fill and deleting only its own notes", async () => {
    const state = sheetState();
    const host = hostOver(state);
    await host.markCells([bad("Bundle", "B3"), bad("Bundle", "C4"), bad("Bundle", "D5")]);
    expect(state.sheets.Bundle!.cells.D5).toEqual({ fill: MARK_FILL.error, note: "Checked with ward manager" }); // the user's note is kept
    await host.markCells([bad("Bundle", "B3", "still bad")]);
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error, note: `${NOTE_PREFIX}still bad` });
    expect(state.sheets.Bundle!.cells.C4).toEqual({ fill: "#DDEBF7", note: null });
    expect(state.sheets.Bundle!.cells.D5).toEqual({ fill: null, note: "Checked with ward manager" });
    await host.clearMarks();
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: null, note: null });
    expect(state.settings[MARKS_KEY]).toBeUndefined();
  });

  it('restores "no fill" with RangeFill.clear(), never a white fill that hides the gridlines', async () => {
    const state = sheetState();
    const host = hostOver(state);
    await host.markCells([bad("Bundle", "B3")]);
    state.writes = [];
    await host.clearMarks();
    expect(state.writes).toContain(`${state.syncs - 2} clear Bundle!B3`); // the fills step of the second run
    expect(state.writes.some((w) => /fill .*#FFFFFF/i.test(w))).toBe(false);
  });

  it("keeps a fill the user changed after the mark", async () => {
    const state = sheetState();
    const host = hostOver(state);
    await host.markCells([bad("Bundle", "B3")]);
    state.sheets.Bundle!.cells.B3!.fill = "#00FF00";
    await host.clearMarks();
    expect(state.sheets.Bundle!.cells.B3!.fill).toBe("#00FF00");
  });

  it("marks with fill only where notes are not supported (ExcelApi < 1.18)", async () => {
    const state = sheetState();
    await hostOver(state, "1.17").markCells([bad("Bundle", "B3")]);
    expect(state.sheets.Bundle!.cells.B3).toEqual({ fill: MARK_FILL.error });
  });

  it("forgets marks on sheets that were deleted and skips marks for missing sheets", async () => {
    const state = sheetState();
    state.settings[MARKS_KEY] = JSON.stringify([{ sheetName: "Gone", address: "A1", fill: MARK_FILL.error, originalFill: null, note: true }]);
    await hostOver(state).markCells([bad("Nowhere", "A1", "x")]);
    expect(state.settings[MARKS_KEY]).toBeUndefined();
  });
});
